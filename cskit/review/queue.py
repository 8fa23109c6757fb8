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
from cskit.findings import SEVERITY_RANK
from cskit.library.model import Entry, Library
from cskit.lint.engine import lint
from cskit.lint.selection import select_rules
from cskit.review.reasons import Reason, coming_due, explain, file_ignored
from cskit.stale.checks import review_state

NO_OWNER = ""


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
    usage: Usage | None = None,
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
            "所选规则里没有 S 规则，复核队列无事可排",
            hint="选择 S 规则（S、S002、review-overdue），或去掉 --select",
            en="the selection runs no S rule, so there is nothing to queue",
            hint_en="select S rules (S, S002, review-overdue) or drop --select",
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
        reason = explain(finding, library, as_of, memo)
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
        for entry, reason in coming_due(library, as_of, within, codes):
            if id(entry) in by_entry or file_ignored(reason, library):
                continue  # already stale for another reason: shown there
            if changed is not None and id(entry) not in changed:
                continue
            item = by_entry.setdefault(id(entry), _item(entry, library))
            item.reasons.append(reason)
    if usage is not None:
        for entry, reason in usage.unused(library, as_of):
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


@dataclass
class Usage:
    """When agents last sent each entry (``cskit stale --usage``): entry id → day (None: not
    in the logs), the days the logs cover, and after how many days unused an entry is queued."""

    last_used: dict[str, dt.date | None]
    first_day: dt.date | None
    last_day: dt.date | None
    days: int = 90

    def unused(self, library: Library, as_of: dt.date) -> list[tuple[Entry, Reason]]:
        """Active entries not sent for ``days`` days; one never sent only when the logs
        reach back that far (a shorter log proves nothing about it)."""
        cutoff = as_of - dt.timedelta(days=self.days)
        reaches = self.first_day is not None and self.first_day <= cutoff
        out = []
        for entry in library.entries:
            if not entry.id or not entry.active or entry.id not in self.last_used:
                continue
            last = self.last_used[entry.id]
            if last is not None and last >= cutoff:
                continue
            if last is None and not reaches:
                continue
            idle = (as_of - last).days if last else None
            zh = (
                f"客服已 {idle} 天没有发送这条回复（最后一次 {last}）"
                if last
                else f"聊天记录（{self.first_day} 至 {self.last_day}）里客服从未发送这条回复"
            )
            en = (
                f"agents have not sent this reply for {idle} days (last on {last})"
                if last
                else f"agents never sent this reply in the chat logs ({self.first_day} to "
                f"{self.last_day})"
            )
            line, column = entry.position()
            reason = Reason(
                code="",
                name="unused",
                category="unused",
                severity="info",
                message_zh=zh + "：确认是否仍需要，或归档",
                message_en=en + ": check it is still needed, or archive it",
                since=last,
                file=entry.file.display,
                line=line,
                column=column,
                key=None,
                overdue_days=idle or 0,
            )
            out.append((entry, reason))
        return out


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


def _check_owners(library: Library, owners: Sequence[str]) -> None:
    known = set(library.config.owners or []) | {e.owner for e in library.entries if e.owner}
    for name in owners:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.3)
            listed = ", ".join(sorted(known))
            raise UsageError(
                f"--owner {name!r}：没有条目的负责人是它",
                hint=f"是不是想写 {close[0]!r}？" if close else f"现有负责人：{listed}",
                en=f"--owner {name!r}: no entry has this owner",
                hint_en=f"did you mean {close[0]!r}?" if close else f"owners: {listed}",
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
