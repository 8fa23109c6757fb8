"""S003 fact-changed: a fact the entry uses changed after the entry was last reviewed."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.library.model import Entry
from cskit.rules.base import Context, Rule
from cskit.stale.checks import locate
from cskit.stale.facts import fact_label, format_value, memo_fact_uses


class FactChanged(Rule):
    """A fact in cskit.yaml that the entry uses changed after the entry's ``reviewed`` date:
    the answer was last checked against the old policy.

    An entry uses a fact when its text has ``{{ facts.KEY }}`` (or ``facts['KEY']``) or
    matches one of the fact's ``mentions`` patterns (``7天无理由``). The fact's ``changed``
    date must be after ``reviewed``; reviewed on the day of the change counts as reviewed.
    Reported once per fact, at its first use. Facts without ``changed`` and entries without
    ``reviewed`` are skipped.

    Bad:
        # cskit.yaml: facts: {return_days: {value: 15, changed: 2026-11-01}}
        - id: return-policy
          reviewed: 2026-10-01
          answer: 本店支持{{ facts.return_days }}天无理由退货。

    Good:
        # cskit.yaml: facts: {return_days: {value: 15, changed: 2026-11-01}}
        - id: return-policy
          reviewed: 2026-11-05      # re-read after the change
          answer: 本店支持{{ facts.return_days }}天无理由退货。
    """

    code = "S003"
    name = "fact-changed"
    severity = "warning"
    summary_zh = "引用的事实在复核后有变更"
    summary_en = "a fact the entry uses changed after its review"
    explain_zh = (
        "条目用到的事实（{{ facts.KEY }} 或命中事实的 mentions）在条目复核之后有变更："
        "这条回答上次是按旧政策核对的。每个事实只在第一次使用处报告一次；"
        "没有 changed 的事实和没有 reviewed 的条目不检查。"
    )
    fix_zh = "按新的事实值核对这条回答，然后更新 reviewed。"
    fix_en = "Check the answer against the fact's new value, then update reviewed."
    queue_category = "fact_changed"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        if not entry.active:
            return
        reviewed = entry.date("reviewed")
        if reviewed is None:
            return
        seen: set[str] = set()
        for use in memo_fact_uses(entry, ctx.config, ctx.memo):
            fact = use.fact
            if fact.key in seen or fact.changed is None or fact.changed <= reviewed:
                continue
            seen.add(fact.key)
            text = dict(entry.texts())[use.key]
            how_zh = f"{{{{ facts.{fact.key} }}}}" if use.how == "ref" else f"“{use.matched}”"
            how_en = f"{{{{ facts.{fact.key} }}}}" if use.how == "ref" else repr(use.matched)
            yield self.report(
                entry,
                use.key,
                f"事实 {fact_label(fact)}于 {fact.changed} 变更（现值 {format_value(fact.value)}），"
                f"条目通过 {how_zh} 使用它，但上次复核是 {reviewed}；请按新值核对后更新 reviewed",
                f"fact {fact.key} changed on {fact.changed} (now {format_value(fact.value)}); the entry uses "
                f"it ({how_en}) but was last reviewed {reviewed}; check it and update reviewed",
                position=locate(entry, use.key, text, use.start),
                evidence=f"{fact.key}@{fact.changed}",
            )
