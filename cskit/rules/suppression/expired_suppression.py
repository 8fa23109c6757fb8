"""C003 expired-suppression: a ``suppress`` item whose ``until`` date has passed."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.dates import as_date
from cskit.findings import Finding
from cskit.library.model import Entry
from cskit.rules.base import Context, Rule


class ExpiredSuppression(Rule):
    """A suppression's ``until`` date is before today (``--as-of``). It no longer applies,
    so the finding it hid is reported again, and this tells you to fix or renew it.

    Bad:
        # as of 2026-11-22
        reviewed: 2026-10-15
        answer: 双11期间订单较多，11月15日前陆续发出。
        suppress:
          - {rule: S005, reason: 双11 活动话术, until: 2025-11-30}

    Good:
        # as of 2026-11-22
        reviewed: 2026-10-15
        answer: 双11期间订单较多，11月15日前陆续发出。
        suppress:
          - {rule: S005, reason: 双11 活动话术, until: 2026-11-30}
    """

    code = "C003"
    name = "expired-suppression"
    summary_zh = "忽略设置已过期"
    summary_en = "suppression past its until date"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        for i, item in enumerate(entry.suppressions):
            until = as_date(item.get("until"))
            if until is not None and until < ctx.as_of:
                yield self.report(
                    entry,
                    ("suppress", i),
                    f"忽略 {item.get('rule')} 已于 {until} 过期，请修改条目或更新 until",
                    f"suppression of {item.get('rule')} expired on {until}; fix the entry "
                    "or renew until",
                    evidence=str(item.get("rule")),
                )
