"""S001 expired: an active entry past its ``valid_until`` (one before its ``valid_from`` is
scheduled, not expired)."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.library.model import Entry
from cskit.rules.base import Context, Rule
from cskit.stale.checks import validity


class Expired(Rule):
    """An active entry whose ``valid_until`` is before today (``--as-of``): the campaign or
    policy window it was written for is over, but customers are still being told it.

    Both ends of the window are inclusive: the entry is valid on its ``valid_until`` day and
    expired from the day after. An active entry whose ``valid_from`` is still ahead is a
    campaign planned ahead, not a mistake: it is *scheduled*, and render and publish leave
    it out until that day (:func:`cskit.stale.checks.in_window`). A window that ends before
    it starts is E005. Draft and archived entries are skipped.

    Bad:
        # as of 2026-11-22
        - id: double11-presale
          status: active
          valid_from: 2026-10-20
          valid_until: 2026-11-11
          answer: 双11预售商品定金不退哦～

    Good:
        # as of 2026-11-22
        - id: double11-presale
          status: archived
          valid_from: 2026-10-20
          valid_until: 2026-11-11
          answer: 双11预售商品定金不退哦～
    """

    code = "S001"
    name = "expired"
    summary_zh = "有效期已过但仍为启用"
    summary_en = "valid_until passed but the entry is still active"
    queue_category = "expired"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        if not entry.active:
            return
        state = validity(entry, ctx.as_of)
        if state is None or state.state != "expired":
            return  # a valid_from still ahead: scheduled, which is fine
        days = (ctx.as_of - state.day).days
        yield self.report(
            entry,
            ("valid_until",),
            f"有效期 valid_until 为 {state.day}，已过期 {days} 天，条目仍为 active；"
            "请归档（status: archived）或更新内容和有效期",
            f"valid_until {state.day} passed {days} day(s) ago but the entry is still "
            "active; archive it (status: archived) or update the text and the date",
            evidence=f"valid_until={state.day}",
        )
