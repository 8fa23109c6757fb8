"""S004 contradicts-fact: a hard-coded value that disagrees with a fact in cskit.yaml."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from cskit.findings import Finding, Fix
from cskit.library.model import Entry
from cskit.rules.base import Context, Rule
from cskit.stale.checks import fact_label, format_value, locate, memo_fact_uses


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
                    fixes.append(Fix(use.key, use.matched, new))
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
