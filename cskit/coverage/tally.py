"""Counting a coverage run: hits and last dates per entry, distinct unanswered questions,
every turn's verdict (when the output lists turns), and the totals.

A :class:`Tally` is plain data, so a forked worker can count half of a large log and send its
tally back; :meth:`Tally.merge` adds the halves up in file order.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from dataclasses import dataclass, field

from cskit.coverage.chatlog import ReadStats, Turn
from cskit.coverage.matcher import Decision
from cskit.intent.lexicon import Lexicon

_DAY = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")


@dataclass
class TurnTable:
    """Every customer turn's verdict, column by column (a million turns stay compact)."""

    session: list[str] = field(default_factory=list)
    index: array[int] = field(default_factory=lambda: array("i"))
    time: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    entry: array[int] = field(default_factory=lambda: array("i"))  # -1: none
    score: array[float] = field(default_factory=lambda: array("f"))
    chitchat: bytearray = field(default_factory=bytearray)

    def __len__(self) -> int:
        return len(self.entry)

    def extend(self, other: TurnTable) -> None:
        self.session += other.session
        self.index += other.index
        self.time += other.time
        self.text += other.text
        self.entry += other.entry
        self.score += other.score
        self.chitchat += other.chitchat


@dataclass
class Unanswered:
    """One distinct unanswered question (numbers masked) and how often it was asked."""

    text: str  # the first wording seen
    cleaned: str
    intents: tuple[str, ...]
    count: int = 0
    sessions: list[str] = field(default_factory=list)  # asked in (repeats in a row dropped)


@dataclass
class Tally:
    hits: array[int]
    last_seen: list[str | None]
    turns: TurnTable | None
    stats: ReadStats = field(default_factory=ReadStats)
    unanswered: dict[str, Unanswered] = field(default_factory=dict)
    sessions: set[str] = field(default_factory=set)
    customer_turns: int = 0
    chitchat: int = 0
    answered: int = 0
    via_context: int = 0
    first_day: str | None = None
    last_day: str | None = None

    @classmethod
    def empty(cls, entries: int, keep_turns: bool) -> Tally:
        return cls(
            array("i", bytes(4 * entries)), [None] * entries, TurnTable() if keep_turns else None
        )

    def add(self, turn: Turn, d: Decision, lexicon: Lexicon) -> None:
        self.customer_turns += 1
        self.sessions.add(turn.session)
        day = day_of(turn.time)
        if day is not None:
            if self.first_day is None or day < self.first_day:
                self.first_day = day
            if self.last_day is None or day > self.last_day:
                self.last_day = day
        if d.chitchat:
            self.chitchat += 1
        elif d.entry is not None:
            self.answered += 1
            self.via_context += d.via_context
            self.hits[d.entry] += 1
            seen = self.last_seen[d.entry]
            if day is not None and (seen is None or day > seen):
                self.last_seen[d.entry] = day
        else:
            a = lexicon.analyse(turn.text)
            item = self.unanswered.get(a.cleaned)
            if item is None:
                item = self.unanswered[a.cleaned] = Unanswered(turn.text, a.cleaned, a.intents)
            item.count += 1
            if not item.sessions or item.sessions[-1] != turn.session:
                item.sessions.append(turn.session)
        table = self.turns
        if table is not None:
            table.session.append(turn.session)
            table.index.append(turn.index)
            table.time.append(turn.time)
            table.text.append(turn.text)
            table.entry.append(-1 if d.entry is None else d.entry)
            table.score.append(round(max(d.score, 0.0), 3))
            table.chitchat.append(1 if d.chitchat else 0)

    def merge(self, later: Tally) -> None:
        """Add ``later`` (the tally of what comes after this one in the log)."""
        for n, h in enumerate(later.hits):
            if h:
                self.hits[n] += h
                seen, other = self.last_seen[n], later.last_seen[n]
                if other is not None and (seen is None or other > seen):
                    self.last_seen[n] = other
        if self.turns is not None and later.turns is not None:
            self.turns.extend(later.turns)
        for key, item in later.unanswered.items():
            mine = self.unanswered.get(key)
            if mine is None:
                self.unanswered[key] = item
            else:
                mine.count += item.count
                mine.sessions += item.sessions
        self.sessions |= later.sessions
        for name in ("customer_turns", "chitchat", "answered", "via_context"):
            setattr(self, name, getattr(self, name) + getattr(later, name))
        days = [d for d in (self.first_day, later.first_day) if d]
        self.first_day = min(days) if days else None
        days = [d for d in (self.last_day, later.last_day) if d]
        self.last_day = max(days) if days else None
        self.stats.rows += later.stats.rows
        self.stats.skipped += later.stats.skipped
        for label, n in later.stats.unknown_roles.items():
            self.stats.unknown_roles[label] = self.stats.unknown_roles.get(label, 0) + n


def day_of(time: str) -> str | None:
    """``YYYY-MM-DD`` of a time cell (``2026/11/20 9:02``, ISO, epoch seconds or ms)."""
    if not time:
        return None
    if len(time) >= 10 and time[4] == "-" and time[7] == "-" and time[:4].isdigit():
        return time[:10]  # 2026-11-18 14:05:09, the usual export
    m = _DAY.match(time)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    if time.isdigit() and len(time) in (10, 13):
        seconds = int(time) / (1000 if len(time) == 13 else 1)
        return dt.datetime.fromtimestamp(seconds, dt.UTC).date().isoformat()
    return None
