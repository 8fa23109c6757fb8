"""S004 contradicts-fact: a hard-coded value that disagrees with a fact in cskit.yaml."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from cskit.findings import Finding, Fix
from cskit.library.model import Entry
from cskit.rules.base import Context, Rule
from cskit.stale.checks import locate
from cskit.stale.facts import fact_label, format_value, memo_fact_uses


class ContradictsFact(Rule):
    """The text hard-codes a value that contradicts a fact: ``15天无理由`` while cskit.yaml
    says ``return_days`` is 7. Customers get two different promises.

    A fact's ``mentions`` patterns find the hard-coded value (the first capture group, or
    the group named ``value``). ``\\d+`` in a pattern also matches Chinese numerals
    (十五天, 两天, 二十四小时), and text is width-folded first (７天). When the written
    value agrees with the fact, an info-level suggestion (never a warning) proposes
    ``{{ facts.KEY }}`` so the next change reaches this entry too; ``suggest: false``
    turns the suggestions off.

    Bad:
        # cskit.yaml: facts: {return_days: {value: 7, mentions: ['(\\d+)\\s*天无理由']}}
        - id: return-policy
          answer: 本店支持15天无理由退货。

    Good:
        # cskit.yaml: facts: {return_days: {value: 7, mentions: ['(\\d+)\\s*天无理由']}}
        - id: return-policy
          answer: 本店支持{{ facts.return_days }}天无理由退货。
    """

    code = "S004"
    name = "contradicts-fact"
    options: ClassVar[dict[str, Any]] = {"suggest": True}
    summary_zh = "写死的数值与事实不一致"
    summary_en = "hard-coded value contradicts a fact"
    explain_zh = (
        "文中写死的数值与事实矛盾：cskit.yaml 里 return_days 是 7，文中却写 15天无理由，"
        "买家会得到两个承诺。"
        "事实的 mentions 负责找出写死的数值（支持中文数字和全角数字）。"
        "数值一致时会给出提示级建议，改写成 {{ facts.KEY }}，以后政策变了这里也会跟着变；"
        "suggest: false 可关闭建议。把建议自动写入属于内容改写，"
        "需要 `cskit lint --fix --unsafe-fixes`。"
    )
    fix_zh = "改写成 {{ facts.KEY }}；确认无误后可用 `cskit lint --fix --unsafe-fixes` 自动替换一致的数值。"
    fix_en = (
        "Write {{ facts.KEY }} instead; "
        "`cskit lint --fix --unsafe-fixes` rewrites the values that agree, "
        "once you have reviewed them."
    )
    queue_category = "contradicts"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        if not entry.active:
            return
        texts = dict(entry.texts())
        for use in memo_fact_uses(entry, ctx.config, ctx.memo):
            if use.how != "mention" or use.agrees is None:
                continue
            fact = use.fact
            value = format_value(fact.value)
            placeholder = f"{{{{ facts.{fact.key} }}}}"
            position = locate(entry, use.key, texts[use.key], use.start)
            if not use.agrees:
                yield self.report(
                    entry,
                    use.key,
                    f"“{use.matched}”写的是 {use.value_text}，与事实 {fact_label(fact)}= {value} "
                    f"不一致；请改为 {placeholder}",
                    f"{use.matched!r} says {use.value_text} but fact {fact.key} is {value}; "
                    f"write {placeholder} instead",
                    position=position,
                    evidence=use.matched,
                )
            elif self.opts.get("suggest", True):
                fixes = []
                if use.value_text and use.value_text.isascii() and use.value_text in use.matched:
                    new = use.matched.replace(use.value_text, placeholder, 1)
                    fixes.append(Fix(use.key, use.matched, new, unsafe=True))  # content
                yield self.report(
                    entry,
                    use.key,
                    f"“{use.matched}”与事实 {fact_label(fact)}= {value} 一致；"
                    f"建议写成 {placeholder}，事实变更时这里会自动跟着变",
                    f"{use.matched!r} agrees with fact {fact.key}; consider {placeholder} so "
                    "the next change reaches this entry",
                    position=position,
                    evidence=use.matched,
                    severity="info",
                    fixes=fixes,
                )
