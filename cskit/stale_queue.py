"""The review queue behind ``cskit stale``: S findings grouped by owner, most urgent first.

:func:`review_queue` runs the selected S rules through the linter (so suppressions,
``per_file_ignores`` and severity overrides apply exactly as in ``cskit lint``), explains
each finding with the date it became stale, adds what becomes due within ``--within``,
and orders everything: owners in cskit.yaml ``owners`` order (others by name, entries
without an owner last); inside an owner, expired first, then contradictions, changed
facts, the most overdue reviews, past dates, archived references, not-yet-valid entries,
and finally what is only coming due.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from cskit.errors import UsageError
from cskit.findings import SEVERITY_RANK, Finding
from cskit.library import Entry, Library
from cskit.linter import apply_file_ignores, entry_suppresses, lint, select_rules
from cskit.stale import memo_fact_uses, review_state, validity
from cskit.stale_dates import find_dates

# category → (urgency rank, Chinese label, English label)
CATEGORIES: dict[str, tuple[int, str, str]] = {
    "expired": (0, "已过期", "expired"),
    "contradicts": (1, "与事实矛盾", "contradicts a fact"),
    "fact_changed": (2, "事实已变更", "fact changed"),
    "overdue": (3, "复核逾期", "review overdue"),
    "future_review": (3, "复核日期在未来", "review date in the future"),
    "past_date": (4, "日期已过", "date passed"),
    "archived_ref": (5, "引用已归档", "archived reference"),
    "not_yet_valid": (6, "未到生效日", "not yet valid"),
    "due_soon": (7, "即将到期", "due soon"),
}
_BY_CODE = {
    "S001": "expired",
    "S002": "overdue",
    "S003": "fact_changed",
    "S004": "contradicts",
    "S005": "past_date",
    "S006": "archived_ref",
}
NO_OWNER = ""


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


@dataclass
class QueueItem:
    """One entry (or one template file) and every reason it needs attention."""

    owner: str
    entry_id: str
    title: str
    kind: str
    file: str
    line: int
    reviewed: dt.date | None
    next_review: dt.date | None
    reasons: list[Reason] = field(default_factory=list)

    @property
    def upcoming(self) -> bool:
        """Nothing is stale yet; it only comes due within the window."""
        return all(r.category == "due_soon" for r in self.reasons)

    @property
    def since(self) -> dt.date | None:
        dates = [r.since for r in self.reasons if r.since is not None]
        return min(dates) if dates else None

    def sort_key(self) -> tuple[tuple[int, int, int], str, int]:
        return (min(r.sort_key() for r in self.reasons), self.file, self.line)


@dataclass
class ReviewQueue:
    as_of: dt.date
    within: dt.timedelta | None
    groups: list[tuple[str, list[QueueItem]]]
    entries: int
    files: int

    @property
    def items(self) -> list[QueueItem]:
        return [item for _, items in self.groups for item in items]

    def counts(self) -> dict[str, int]:
        items = self.items
        stale = [r for i in items for r in i.reasons if r.category != "due_soon"]
        return {
            "stale": sum(1 for i in items if not i.upcoming),
            "due_soon": sum(1 for i in items if i.upcoming),
            **{s: sum(1 for r in stale if r.severity == s) for s in ("error", "warning", "info")},
        }

    def exit_code(self, fail_on: str) -> int:
        """1 when a stale reason is at or above ``fail_on``; coming due never fails."""
        if fail_on == "never":
            return 0
        floor = SEVERITY_RANK[fail_on]
        return int(
            any(
                SEVERITY_RANK.get(r.severity, 0) >= floor
                for i in self.items
                for r in i.reasons
                if r.category != "due_soon"
            )
        )


def review_queue(
    library: Library,
    *,
    as_of: dt.date,
    within: dt.timedelta | None = None,
    owners: Sequence[str] = (),
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    lang: str | None = None,
    show_progress: bool = False,
    changed: set[int] | None = None,
    changed_files: set[str] | None = None,
) -> ReviewQueue:
    """Build the queue. ``owners`` limits it to those owners (an unknown name is an error).

    ``changed`` / ``changed_files`` (``id()`` of entries, display paths; None: everything)
    limit it as they limit ``cskit lint``: findings of changed entries, findings that name a
    changed entry (an archived reference), file-level findings of changed files, and what
    comes due for changed entries."""
    config = library.config
    rules = [r for r in select_rules(config, select, ignore) if r.code.startswith("S")]
    if not rules:
        raise UsageError(
            "the selection runs no S rule, so there is nothing to queue",
            hint="select S rules (S, S002, review-overdue) or drop --select",
        )
    _check_owners(library, owners)
    result = lint(
        library,
        as_of=as_of,
        rules=rules,
        lang=lang,
        show_progress=show_progress,
        changed=changed,
        changed_files=changed_files,
    )
    memo: dict[str, object] = {}
    by_entry: dict[int, QueueItem] = {}
    loose: list[QueueItem] = []
    for finding in result.findings:
        entry = finding.entry
        reason = _explain(finding, library, as_of, memo)
        if reason is None:
            continue
        if entry is None:
            loose.append(
                QueueItem(NO_OWNER, "", "", "", finding.file, finding.line, None, None, [reason])
            )
            continue
        item = by_entry.get(id(entry))
        if item is None:
            item = by_entry[id(entry)] = _item(entry, library)
        item.reasons.append(reason)
    if within is not None:
        codes = {r.code for r in rules}
        for entry, reason in _coming_due(library, as_of, within, codes):
            if id(entry) in by_entry or _file_ignored(reason, library):
                continue  # already stale for another reason: shown there
            if changed is not None and id(entry) not in changed:
                continue
            item = by_entry.setdefault(id(entry), _item(entry, library))
            item.reasons.append(reason)
    items = [*by_entry.values(), *loose]
    if owners:
        wanted = set(owners)
        items = [i for i in items if i.owner in wanted]
    for item in items:
        item.reasons.sort(key=Reason.sort_key)
    return ReviewQueue(
        as_of=as_of,
        within=within,
        groups=_group(items, config.owners or []),
        entries=len(library.entries),
        files=len(library.files),
    )


def _item(entry: Entry, library: Library) -> QueueItem:
    state = review_state(entry, library.config)
    return QueueItem(
        owner=entry.owner,
        entry_id=entry.id,
        title=entry.title,
        kind=entry.kind,
        file=entry.file.display,
        line=entry.line,
        reviewed=state.reviewed if state else None,
        next_review=state.due if state else None,
    )


def _explain(
    finding: Finding, library: Library, as_of: dt.date, memo: dict[str, object]
) -> Reason | None:
    """The category and stale-since date of one S finding; ``None`` for suggestions."""
    category = _BY_CODE.get(finding.code)
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


def _coming_due(
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


def _file_ignored(reason: Reason, library: Library) -> bool:
    """cskit.yaml ``per_file_ignores`` applies to what is coming due as to findings."""
    probe = Finding(reason.code, reason.name, "info", "", "", reason.file, reason.line, 1)
    return not apply_file_ignores([probe], library.config)


def _check_owners(library: Library, owners: Sequence[str]) -> None:
    known = set(library.config.owners or []) | {e.owner for e in library.entries if e.owner}
    for name in owners:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.3)
            raise UsageError(
                f"--owner {name!r}: no entry has this owner",
                hint=f"did you mean {close[0]!r}?"
                if close
                else "owners: " + ", ".join(sorted(known)),
            )


def _group(items: list[QueueItem], registry: list[str]) -> list[tuple[str, list[QueueItem]]]:
    order = {name: i for i, name in enumerate(registry)}
    groups: dict[str, list[QueueItem]] = {}
    for item in items:
        groups.setdefault(item.owner, []).append(item)

    def owner_key(owner: str) -> tuple[int, int, str]:
        if owner == NO_OWNER:
            return (2, 0, "")
        return (0, order[owner], owner) if owner in order else (1, 0, owner)

    return [
        (owner, sorted(groups[owner], key=QueueItem.sort_key))
        for owner in sorted(groups, key=owner_key)
    ]
