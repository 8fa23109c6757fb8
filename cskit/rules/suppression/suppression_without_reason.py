"""C002 suppression-without-reason: a ``suppress`` item with no ``reason``."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.library.model import Entry
from cskit.rules.base import Context, Rule


class SuppressionWithoutReason(Rule):
    """Every suppression says why, so a reviewer can judge it later (and it survives the
    Excel round trip as data).

    Bad:
        answer: 这款是“顶级匠心”系列保温杯。
        suppress:
          - rule: W003

    Good:
        answer: 这款是“顶级匠心”系列保温杯。
        suppress:
          - rule: W003
            reason: “顶级匠心”是注册商标，不是绝对化用语
    """

    code = "C002"
    name = "suppression-without-reason"
    severity = "warning"
    summary_zh = "忽略设置没有写原因"
    summary_en = "suppression without a reason"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        for i, item in enumerate(entry.suppressions):
            reason = item.get("reason")
            if not isinstance(reason, str) or not reason.strip():
                yield self.report(
                    entry,
                    ("suppress", i),
                    f"忽略 {item.get('rule')} 没有写 reason（原因）",
                    f"suppression of {item.get('rule')} has no reason",
                    evidence=str(item.get("rule")),
                )
