"""Staleness facts about entries, shared by the S rules and ``cskit stale``.

Every date here is judged against ``as_of`` (``--as-of``), never the clock and never a
file's mtime: a review is the ``reviewed`` date an editor wrote, nothing else.

- :func:`review_state`: the review interval, the due date, days and intervals overdue (S002).
- :func:`validity`: expired (S001) / not yet valid (scheduled); :func:`in_window` for
  render and publish.
- :func:`archived_targets`: ``replaced_by`` chains and ``reply('id')`` calls that end at an
  archived entry (S006).
- :func:`locate`: the file line and column of a piece of an entry's text.
Fact uses (S003, S004) live in :mod:`cskit.stale.facts`, past dates in text (S005) in
:mod:`cskit.stale.textdates`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cskit.config.model import DEFAULT_REVIEW_EVERY, Config
from cskit.dates import Duration, parse_duration
from cskit.library.model import Entry, Library

ONE_DAY = dt.timedelta(days=1)
REPLY_CALL = re.compile(r"""reply\(\s*(['"])([^'"]*)\1\s*\)""")


# -- S002: review ------------------------------------------------------------------------
@dataclass(frozen=True)
class ReviewState:
    """When an entry was reviewed, how often it must be, and when the next review is due.

    ``due`` is the last day the review is current: ``reviewed`` + interval. The entry is
    overdue from the day after (``since``)."""

    reviewed: dt.date
    interval: Duration
    from_entry: bool  # the entry's own review_every (else the kind's default)

    @property
    def due(self) -> dt.date:
        return self.interval.after(self.reviewed)

    @property
    def since(self) -> dt.date:
        due = self.due
        return due if due == dt.date.max else due + ONE_DAY

    def after_intervals(self, n: int) -> dt.date:
        """``reviewed`` + n intervals, on the calendar (3 × 1m is 3 months, not 90 days)."""
        return Duration(self.interval.count * n, self.interval.unit).after(self.reviewed)

    def in_future(self, as_of: dt.date) -> bool:
        """``reviewed`` after tomorrow: a typo, since nobody reviews in the future (one day
        of slack, because an editor in Shanghai may be a day ahead of a CI clock in UTC)."""
        return self.reviewed > as_of + ONE_DAY

    def overdue(self, as_of: dt.date) -> bool:
        return self.due < as_of

    def days_overdue(self, as_of: dt.date) -> int:
        return max(0, (as_of - self.due).days)

    def intervals_overdue(self, as_of: dt.date) -> int:
        """Whole intervals past the due date: 0 while less than one interval late."""
        return max(0, self._ends_before(as_of) - 1)

    def _ends_before(self, as_of: dt.date) -> int:
        """How many interval ends (reviewed + k intervals, k ≥ 1) fall before ``as_of``."""
        unit_days = {"d": 1, "w": 7, "m": 28, "y": 365}[self.interval.unit]
        k = max(0, (as_of - self.reviewed).days // (unit_days * self.interval.count) + 1)
        while k > 0 and self.after_intervals(k) >= as_of:
            k -= 1
        while self.after_intervals(k + 1) < as_of:
            k += 1
        return k

    def escalated(self, as_of: dt.date, after: int) -> bool:
        """More than ``after`` intervals overdue: ``as_of`` > reviewed + (after + 1) intervals."""
        return after > 0 and self.after_intervals(after + 1) < as_of


def review_interval(entry: Entry, config: Config) -> tuple[Duration, bool]:
    """The entry's ``review_every``, else the kind's default from cskit.yaml."""
    own = entry.review_every
    if own is not None:
        return own, True
    default = config.review_every.get(entry.kind)
    if default is None:
        default = parse_duration(DEFAULT_REVIEW_EVERY.get(entry.kind, "180d"))
    assert default is not None
    return default, False


def review_state(entry: Entry, config: Config) -> ReviewState | None:
    """``None`` when the entry has no valid ``reviewed`` date (E004 / E005 say so)."""
    reviewed = entry.date("reviewed")
    if reviewed is None:
        return None
    interval, own = review_interval(entry, config)
    return ReviewState(reviewed, interval, own)


# -- S001: validity window ---------------------------------------------------------------
@dataclass(frozen=True)
class Validity:
    state: str  # expired | not_yet_valid
    day: dt.date  # valid_until or valid_from
    since: dt.date | None  # first day it was expired


def in_window(entry: Entry, as_of: dt.date) -> bool:
    """Whether an entry may reach customers on ``as_of`` as far as its dates go: inside
    ``valid_from``..``valid_until`` (both inclusive; either may be absent). An active entry
    whose ``valid_from`` is still ahead is *scheduled*: render and publish leave it out until
    that day. Status is the caller's business."""
    return validity(entry, as_of) is None


def scheduled(entry: Entry, as_of: dt.date) -> dt.date | None:
    """The ``valid_from`` day of an entry planned ahead of ``as_of``, else ``None``."""
    start = entry.date("valid_from")
    return start if start is not None and start > as_of else None


def validity(entry: Entry, as_of: dt.date) -> Validity | None:
    """Expired (``valid_until`` < as_of) or not yet valid (``valid_from`` > as_of).

    Both ends are inclusive: an entry is valid on its ``valid_until`` day and on its
    ``valid_from`` day."""
    until = entry.date("valid_until")
    if until is not None and until < as_of:
        return Validity("expired", until, until + ONE_DAY)  # until < as_of: never the max
    start = entry.date("valid_from")
    if start is not None and start > as_of:
        return Validity("not_yet_valid", start, None)
    return None


# -- S006: archived references -----------------------------------------------------------
@dataclass(frozen=True)
class ArchivedTarget:
    """A reference that lands on an archived entry, and where to point it instead."""

    target: Entry  # the archived entry referred to
    chain: tuple[str, ...]  # ids followed through replaced_by, starting at the target
    live: Entry | None  # the first non-archived entry down the chain, if any
    cycle: bool


def follow(target_id: str, ids: dict[str, Entry]) -> ArchivedTarget | None:
    """If ``target_id`` is archived, follow its ``replaced_by`` chain to a live entry.

    ``ids`` is :func:`first_by_id`. Ids that name no entry stop the walk (E008 reports them);
    a chain that comes back to an id already seen is a cycle."""
    target = ids.get(target_id)
    if target is None or target.status != "archived":
        return None
    chain = [target_id]
    seen = {target_id}
    current = target
    while True:
        nxt = current.data.get("replaced_by")
        if not isinstance(nxt, str) or not nxt:
            return ArchivedTarget(target, tuple(chain), None, False)
        if nxt in seen:
            return ArchivedTarget(target, (*chain, nxt), None, True)
        entry = ids.get(nxt)
        if entry is None:
            return ArchivedTarget(target, tuple(chain), None, False)  # E008's business
        chain.append(nxt)
        seen.add(nxt)
        if entry.status != "archived":
            return ArchivedTarget(target, tuple(chain), entry, False)
        current = entry


def first_by_id(library: Library) -> dict[str, Entry]:
    """Id → the first entry with it (E007 reports duplicates)."""
    index: dict[str, Entry] = {}
    for entry in library.entries:
        if entry.id:
            index.setdefault(entry.id, entry)
    return index


def reply_calls(text: str) -> Iterator[re.Match[str]]:
    return REPLY_CALL.finditer(text)


# -- positions ---------------------------------------------------------------------------
def locate(entry: Entry, key: tuple[str | int, ...], text: str, start: int) -> tuple[int, int]:
    """File (line, column), 1-based, of ``text[start:]`` inside the entry's value at ``key``.

    Looks for the snippet in the file's lines from the value's first line on, so block
    scalars (``|``, ``>``) and quoted strings point at the right place; falls back to the
    value's own position."""
    mark = entry.value_mark(*key)
    if mark is None:
        return entry.position(*key)
    vline, vcol = mark[2], mark[3]
    snippet = text[start:].split("\n", 1)[0][:12]
    if not snippet.strip():
        return vline, vcol
    nth = text.count(snippet, 0, start)
    lines = _file_lines(str(entry.file.path), entry.file.digest)
    last = min(len(lines), vline + text.count("\n") + 2 + len(text) // 20)
    for number in range(vline, last + 1):
        line = lines[number - 1] if number - 1 < len(lines) else ""
        from_col = vcol - 1 if number == vline else 0
        at = line.find(snippet, from_col)
        while at != -1:
            if nth == 0:
                return number, at + 1
            nth -= 1
            at = line.find(snippet, at + 1)
    return vline, vcol


@functools.lru_cache(maxsize=256)  # more than one pass over a 100-file library stays read
def _file_lines(path: str, digest: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
