"""Why an entry is in the review queue, and since when (``cskit stale``).

:func:`explain` turns one S finding into a :class:`Reason` with its category and the day the
entry became stale; :func:`coming_due` finds reviews and validity windows that run out
within ``--within``, honouring the entry's ``suppress`` items and ``per_file_ignores`` as
the findings do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cskit.findings import Finding
from cskit.library.model import Entry, Library
from cskit.lint.suppressions import apply_file_ignores, entry_suppresses
from cskit.rules.registry import BY_CODE
from cskit.stale.checks import review_state, validity
from cskit.stale.facts import memo_fact_uses
from cskit.stale.textdates import find_dates

# category → (urgency rank, Chinese label, English label). A rule names the category of its
# findings (``Rule.queue_category``); S001 and S002 findings may land in the derived ones.
CATEGORIES: dict[str, tuple[int, str, str]] = {
    "expired": (0, "已过期", "expired"),
    "contradicts": (1, "与事实矛盾", "contradicts a fact"),
    "fact_changed": (2, "事实已变更", "fact changed"),
    "overdue": (3, "复核逾期", "review overdue"),
    "future_review": (3, "复核日期在未来", "review date in the future"),
    "past_date": (4, "日期已过", "date passed"),
    "archived_ref": (5, "引用已归档", "archived reference"),
    "not_yet_valid": (6, "未到生效日", "not yet valid"),
    "unused": (7, "久未使用", "unused"),  # cskit stale --usage: agents have not sent it
    "due_soon": (8, "即将到期", "due soon"),
}


@dataclass
class Reason:
    """Why an entry is in the queue: one finding (or one coming due), with its date."""

    code: str
    name: str
    category: str
    severity: str  # error | warning | info | upcoming
    message_zh: str
    message_en: str
    since: dt.date | None  # the day it became (or becomes) stale
    file: str
    line: int
    column: int
    key: str | None
    overdue_days: int = 0

    def label(self, lang: str) -> str:
        _, zh, en = CATEGORIES[self.category]
        return en if lang == "en" else zh

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_zh

    def sort_key(self) -> tuple[int, int, int]:
        rank = CATEGORIES[self.category][0]
        when = self.since.toordinal() if self.since else 10**7
        return (rank, -self.overdue_days, when)


def explain(
    finding: Finding, library: Library, as_of: dt.date, memo: dict[str, object]
) -> Reason | None:
    """The category and stale-since date of one S finding; ``None`` for suggestions."""
    rule = BY_CODE.get(finding.code)
    category = rule.queue_category if rule is not None else None
    if category is None:
        return None
    entry = finding.entry
    since: dt.date | None = None
    overdue = 0
    config = library.config
    if entry is not None and finding.code == "S001":
        state = validity(entry, as_of)
        if state is not None:
            since = state.since
            category = state.state
    elif entry is not None and finding.code == "S002":
        review = review_state(entry, config)
        if review is not None and review.in_future(as_of):
            category = "future_review"
        elif review is not None:
            since, overdue = review.since, review.days_overdue(as_of)
    elif entry is not None and finding.code == "S003":
        fact = config.facts.get(finding.evidence.split("@", 1)[0])
        since = fact.changed if fact else None
    elif entry is not None and finding.code == "S004":
        uses = [u for u in memo_fact_uses(entry, config, memo) if u.matched == finding.evidence]
        if not uses or uses[0].agrees is not False:
            return None  # an agreeing value: a suggestion, not staleness
        reviewed, changed = entry.date("reviewed"), uses[0].fact.changed
        since = changed if changed and (reviewed is None or changed > reviewed) else reviewed
    elif entry is not None and finding.code == "S005":
        reviewed = entry.date("reviewed")
        for _, text in entry.texts():
            for m in find_dates(text, reviewed):
                if m.written == finding.evidence and m.day < as_of:
                    since = m.since
                    break
            if since:
                break
    return Reason(
        code=finding.code,
        name=finding.name,
        category=category,
        severity=finding.severity,
        message_zh=finding.message_zh,
        message_en=finding.message_en,
        since=since,
        file=finding.file,
        line=finding.line,
        column=finding.column,
        key=finding.key,
        overdue_days=overdue,
    )


def coming_due(
    library: Library, as_of: dt.date, within: dt.timedelta, codes: set[str]
) -> list[tuple[Entry, Reason]]:
    """Reviews and validity windows that run out within ``[as_of, as_of + within]``."""
    horizon = as_of + within
    found: list[tuple[Entry, Reason]] = []
    for entry in library.entries:
        if not entry.active:
            continue
        if "S002" in codes and not entry_suppresses(entry, "S002", "review-overdue", as_of):
            state = review_state(entry, library.config)
            if state is not None and as_of <= state.due <= horizon:
                days = (state.due - as_of).days
                found.append(
                    (
                        entry,
                        _upcoming(
                            entry,
                            "S002",
                            "review-overdue",
                            ("reviewed",),
                            f"复核将于 {state.due} 到期（还有 {days} 天，周期 {state.interval}）",
                            f"review due {state.due} (in {days} day(s), every {state.interval})",
                            state.since,
                        ),
                    )
                )
        until = entry.date("valid_until")
        if (
            "S001" in codes
            and until is not None
            and as_of <= until <= horizon
            and not entry_suppresses(entry, "S001", "expired", as_of)
        ):
            days = (until - as_of).days
            found.append(
                (
                    entry,
                    _upcoming(
                        entry,
                        "S001",
                        "expired",
                        ("valid_until",),
                        f"有效期至 {until}，{days} 天后过期；到期后请归档或延期",
                        f"valid until {until}, expires in {days} day(s); archive or extend it",
                        until + dt.timedelta(days=1),
                    ),
                )
            )
    return found


def _upcoming(
    entry: Entry,
    code: str,
    name: str,
    key: tuple[str, ...],
    zh: str,
    en: str,
    since: dt.date,
) -> Reason:
    line, column = entry.position(*key)
    return Reason(
        code,
        name,
        "due_soon",
        "upcoming",
        zh,
        en,
        since,
        entry.file.display,
        line,
        column,
        entry.key_path(*key),
    )


def file_ignored(reason: Reason, library: Library) -> bool:
    """cskit.yaml ``per_file_ignores`` applies to what is coming due as to findings."""
    probe = Finding(reason.code, reason.name, "info", "", "", reason.file, reason.line, 1)
    return not apply_file_ignores([probe], library.config)
