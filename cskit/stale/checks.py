"""Staleness facts about entries, shared by the S rules and ``cskit stale``.

Every date here is judged against ``as_of`` (``--as-of``), never the clock and never a
file's mtime: a review is the ``reviewed`` date an editor wrote, nothing else.

- :func:`review_state`: the review interval, the due date, days and intervals overdue (S002).
- :func:`validity`: expired (S001) / not yet valid (scheduled); :func:`in_window` for
  render and publish.
- :func:`fact_uses`: which facts an entry uses, by ``{{ facts.KEY }}`` or by a fact's
  ``mentions`` pattern, and whether a hard-coded value agrees with the fact (S003, S004).
- :func:`archived_targets`: ``replaced_by`` chains and ``reply('id')`` calls that end at an
  archived entry (S006).
- :func:`locate`: the file line and column of a piece of an entry's text.
Past dates in text (S005) live in :mod:`cskit.stale.textdates`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from cskit.config.model import DEFAULT_REVIEW_EVERY, Config, Fact
from cskit.dates import Duration, parse_duration
from cskit.errors import ConfigError
from cskit.library.model import Entry, Library
from cskit.text import numerals as cnnum
from cskit.text.needles import required_literal
from cskit.text.normalise import fold_width, normalise
from cskit.text.regexcheck import RegexTimeout, time_limit

ONE_DAY = dt.timedelta(days=1)
_JINJA_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_FACT_REF = re.compile(r"""\bfacts\s*(?:\.\s*([A-Za-z_]\w*)|\[\s*(['"])([A-Za-z_]\w*)\2\s*\])""")
REPLY_CALL = re.compile(r"""reply\(\s*(['"])([^'"]*)\1\s*\)""")
# A mention pattern's ``\d+`` also accepts Chinese numerals (十五天无理由).
_NUMBER = rf"(?:\d+|{cnnum.CLASS}+)"


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


# -- S003 / S004: facts ------------------------------------------------------------------
@dataclass(frozen=True)
class FactUse:
    """One place an entry's text uses a fact."""

    fact: Fact
    key: tuple[str | int, ...]  # ("answer",) or ("channels", "sms")
    how: str  # ref ({{ facts.KEY }}) | mention (the fact's pattern matched)
    start: int  # offsets in the original text
    end: int
    matched: str  # the original text of the match
    value_text: str | None = None  # the captured value, as written (mentions only)
    agrees: bool | None = None  # None: no captured value or not comparable


def fact_uses(entry: Entry, config: Config) -> list[FactUse]:
    """Every use of a declared fact in the entry's texts, in text order."""
    if not config.facts:
        return []
    patterns = _mention_patterns(config)
    uses: list[FactUse] = []
    for key, text in entry.texts():
        if "{" in text:
            for span in _JINJA_CODE.finditer(text):
                for m in _FACT_REF.finditer(span[0]):
                    name = m[1] or m[3]
                    fact = config.facts.get(name)
                    if fact is not None:
                        start = span.start() + m.start()
                        uses.append(FactUse(fact, key, "ref", start, span.start() + m.end(), m[0]))
        if not patterns:
            continue
        norm = normalise(text)  # shared with the word rules: usually done already
        for fact, rx, literal in patterns:
            if literal not in norm.text:
                continue
            for m in _bounded_matches(rx, norm.text, fact, entry, config):
                if m.end() == m.start():
                    continue
                start = norm.origin(m.start())
                end = norm.origin(m.end() - 1) + 1
                captured = _captured(m)
                uses.append(
                    FactUse(
                        fact,
                        key,
                        "mention",
                        start,
                        end,
                        text[start:end],
                        captured,
                        None if captured is None else same_value(captured, fact.value),
                    )
                )
    uses.sort(key=lambda u: (u.key != ("answer",), str(u.key), u.start))
    return uses


_Mention = tuple[Fact, re.Pattern[str], str]  # with a literal every match contains
_PATTERNS: dict[int, tuple[Config, list[_Mention]]] = {}


def _mention_patterns(config: Config) -> list[_Mention]:
    """Each fact's compiled ``mentions`` patterns, in declaration order (once per config)."""
    hit = _PATTERNS.get(id(config))
    if hit is not None and hit[0] is config:
        return hit[1]
    out = [
        (fact, rx, required_literal(rx))
        for fact in config.facts.values()
        for pattern in fact.mentions
        if (rx := mention_regex(pattern)) is not None
    ]
    _PATTERNS.clear()  # one config at a time (tests load many)
    _PATTERNS[id(config)] = (config, out)
    return out


@functools.lru_cache(maxsize=256)
def mention_regex(pattern: str) -> re.Pattern[str] | None:
    """A fact's ``mentions`` pattern, with ``\\d+`` / ``[0-9]+`` also taking 十五, 两."""
    widened = pattern.replace(r"\d+", _NUMBER).replace("[0-9]+", _NUMBER)
    try:
        return re.compile(widened)
    except re.error:
        return None  # cskit.yaml validation reports bad patterns


MATCH_SECONDS = 1.0  # one mention pattern on one text: real ones take microseconds


def _bounded_matches(
    rx: re.Pattern[str], text: str, fact: Fact, entry: Entry, config: Config
) -> list[re.Match[str]]:
    """Every match, or a :class:`ConfigError` naming the pattern when matching runs away
    (a backtracking shape the load-time check did not refuse)."""
    try:
        with time_limit(MATCH_SECONDS):
            return list(rx.finditer(text))
    except RegexTimeout:
        index = next((i for i, p in enumerate(fact.mentions) if mention_regex(p) is rx), 0)
        raise ConfigError(
            f"facts.{fact.key}.mentions[{index}] 匹配条目 {entry.id} 的文字超过 "
            f"{MATCH_SECONDS:g} 秒（回溯失控的正则？）",
            config.where("facts", fact.key, "mentions", index),
            "把正则改简单些：每个重复只写一次，不要叠加 + 和 *",
            en=f"facts.{fact.key}.mentions[{index}] took over {MATCH_SECONDS:g} s on the text "
            f"of {entry.id} (a backtracking regex?)",
            hint_en="simplify it: repeat each part once, no stacked + and *",
        ) from None


def _captured(m: re.Match[str]) -> str | None:
    if "value" in m.re.groupindex and m.group("value") is not None:
        return m.group("value")
    for group in m.groups():
        if group is not None:
            return group
    return None


def as_number(value: Any) -> Decimal | None:
    """7, 7.0, "7", "７", "七" → Decimal(7); anything else → None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None
    if isinstance(value, str):
        text = fold_width(value).strip().replace(",", "")
        try:
            return Decimal(text)
        except InvalidOperation:
            cn = cnnum.parse_cn_number(text)
            return None if cn is None else Decimal(cn)
    return None


def same_value(written: str, value: Any) -> bool | None:
    """Does the hard-coded text say the fact's value? ``None`` when it cannot be told."""
    a, b = as_number(written), as_number(value)
    if a is not None and b is not None:
        return a == b
    if a is None and b is None and isinstance(value, str):
        return fold_width(written).strip() == fold_width(value).strip()
    return None


def format_value(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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


def memo_fact_uses(entry: Entry, config: Config, memo: dict[str, Any]) -> list[FactUse]:
    """:func:`fact_uses`, computed once per entry within a run (S003 and S004 share it)."""
    table = memo.setdefault("stale.fact_uses", {})
    uses = table.get(id(entry))
    if uses is None:
        uses = table[id(entry)] = fact_uses(entry, config)
    return uses


def fact_label(fact: Fact) -> str:
    """``return_days（无理由退货天数）``, or ``return_days `` (with a space to separate it
    from the Chinese that follows) when the fact has no label."""
    return f"{fact.key}（{fact.label}）" if fact.label else f"{fact.key} "
