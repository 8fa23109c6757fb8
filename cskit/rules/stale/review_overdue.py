"""S002 review-overdue: ``reviewed`` + the review interval is before today."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from cskit.findings import Finding
from cskit.library.model import Entry
from cskit.rules.base import Context, Rule
from cskit.stale.checks import review_state

_UP = {"info": "warning", "warning": "error", "error": "error"}


class ReviewOverdue(Rule):
    """An active entry's last review (``reviewed``) plus its review interval is before
    today (``--as-of``): nobody has confirmed the answer is still right for too long.

    The interval is the entry's ``review_every``, else cskit.yaml ``review_every`` for its
    ``kind`` (policy 30d, product 90d, faq 90d, script 180d, process 180d, case 365d by
    default). The review is due on ``reviewed`` + interval and overdue from the day after.
    More than ``escalate_after`` (2) whole intervals overdue, the finding rises one
    severity (warning → error); 0 turns that off. Only ``reviewed`` counts: a file's mtime
    or a formatting change is not a review. Entries without ``reviewed`` are E004's. A
    ``reviewed`` date more than a day after today (a typo such as 2062) would hide the entry
    from review for years, so it is reported too (one day of slack for time zones).

    Bad:
        # as of 2026-11-22
        - id: refund-policy
          kind: policy
          reviewed: 2026-08-01      # policy: every 30d → due 2026-08-31
          answer: 退款将在审核通过后原路退回。

    Good:
        # as of 2026-11-22
        - id: refund-policy
          kind: policy
          reviewed: 2026-11-10      # re-read and confirmed
          answer: 退款将在审核通过后原路退回。
    """

    code = "S002"
    name = "review-overdue"
    severity = "warning"
    options: ClassVar[dict[str, Any]] = {"escalate_after": 2}
    summary_zh = "超过复核周期未复核"
    summary_en = "review interval passed since the last review"
    queue_category = "overdue"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        if not entry.active:
            return
        state = review_state(entry, ctx.config)
        if state is None:
            return
        if state.in_future(ctx.as_of):
            yield self.report(
                entry,
                ("reviewed",),
                f"reviewed 为 {state.reviewed}，晚于今天（{ctx.as_of}）；复核日期不能在未来，"
                "请改为实际复核的那一天",
                f"reviewed {state.reviewed} is after today ({ctx.as_of}); a review cannot be in "
                "the future, write the day it actually happened",
                evidence=f"reviewed={state.reviewed}",
            )
            return
        if not state.overdue(ctx.as_of):
            return
        days = state.days_overdue(ctx.as_of)
        source_zh = "条目的 review_every" if state.from_entry else f"{entry.kind} 类默认"
        source_en = "the entry's review_every" if state.from_entry else f"the {entry.kind} default"
        escalate = int(self.opts.get("escalate_after") or 0)
        severe = state.escalated(ctx.as_of, escalate)
        extra_zh = f"，已超过 {escalate} 个周期" if severe else ""
        extra_en = f", more than {escalate} intervals" if severe else ""
        yield self.report(
            entry,
            ("reviewed",),
            f"上次复核 {state.reviewed}，复核周期 {state.interval}（{source_zh}），"
            f"应于 {state.due} 前复核，已逾期 {days} 天{extra_zh}；请核对内容后更新 reviewed",
            f"last reviewed {state.reviewed}; {source_en} ({state.interval}) made it due "
            f"{state.due}, {days} day(s) overdue{extra_en}; check the answer and update reviewed",
            evidence=f"reviewed={state.reviewed}",
            severity=_UP[self.level] if severe else None,
        )
