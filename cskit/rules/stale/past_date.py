"""S005 past-date: a date, year, deadline or named campaign in the text that has passed."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.library.model import Entry
from cskit.rules.base import Context, Rule
from cskit.stale.checks import locate
from cskit.stale.textdates import DateMention, find_dates

_KIND_ZH = {
    "date": "日期",
    "year_month": "月份",
    "month_day": "日期",
    "year": "年份",
    "deadline": "截止时间",
    "campaign": "活动",
}


class PastDate(Rule):
    """The text names a day that is already over (before ``--as-of``): a date
    (``2026年10月31日``, ``2026-10-31``), a month-day (``10月31日``, ``11.11``), a year
    (``2025年``), a deadline (``截至10月31日``, ``截至今年底``) or a campaign (双11, 双12,
    618, 年货节, 春节, 38节/女王节, 99划算节, 国庆, 元旦).

    Month-days take their year from the entry's ``reviewed`` date: the same year, or the
    next one when the month-day falls before the reviewed month-day. A campaign means the
    first occurrence ending on or after ``reviewed`` (the one the text was written for);
    once that has ended, the text talks about a past campaign. Ranges count by their end
    (``11月1日-11月11日``). Recurring (``每年11月11日``), historical (``成立于2015年``,
    ``自2025年起``), prices (``11.11元``, ``618元``) and durations (``第2天``, ``24小时``)
    are not dates. Entries with ``valid_until`` are left to S001, which owns their window.

    Bad:
        # as of 2026-11-12
        - id: double11-shipping
          reviewed: 2026-10-15
          answer: 双11期间订单较多，11月15日前陆续发出。

    Good:
        # as of 2026-11-12
        - id: double11-shipping
          reviewed: 2026-10-15
          valid_until: 2026-11-15   # S001 reports it from 11-16 on
          answer: 双11期间订单较多，11月15日前陆续发出。
    """

    code = "S005"
    name = "past-date"
    severity = "warning"
    summary_zh = "文中日期、年份或活动已过"
    summary_en = "a date, year or campaign in the text has passed"
    queue_category = "past_date"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        if not entry.active or entry.date("valid_until") is not None:
            return
        reviewed = entry.date("reviewed")
        for key, text in entry.texts():
            for mention in find_dates(text, reviewed):
                if mention.day >= ctx.as_of:
                    continue
                zh, en = messages(mention)
                yield self.report(
                    entry,
                    key,
                    zh,
                    en,
                    position=locate(entry, key, text, mention.start),
                    evidence=mention.written,
                )


def messages(m: DateMention) -> tuple[str, str]:
    """The finding's text for a passed mention, in Chinese and English."""
    what = m.written
    if m.kind == "campaign":
        return (
            f"提到的活动“{what}”（{m.day} 结束）已经过去；请更新或删除这句话，"
            "或给活动话术加上 valid_until",
            f"the campaign {what!r} (ended {m.day}) is over; update or remove the sentence, "
            "or give campaign replies a valid_until",
        )
    if m.deadline:
        return (
            f"截止时间“{what}”（{m.day}）已过；请更新日期或删除这句话",
            f"the deadline {what!r} ({m.day}) has passed; update the date or remove it",
        )
    label = _KIND_ZH.get(m.kind, "日期")
    return (
        f"文中{label}“{what}”（{m.day}）已过；请更新或删除这句话",
        f"{what!r} ({m.day}) is in the past; update or remove the sentence",
    )
