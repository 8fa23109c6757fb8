"""Whether two similar replies contradict each other, judged by meaning units.

A similarity score cannot tell a harmless variant from a contradiction (``支持/不支持``
scores 97, a harmless rewording 94), so every similar pair is aligned character by
character (``rapidfuzz`` Indel opcodes, ~3 µs a pair) and what the alignment changed is
read as units of meaning, on the comparison form of :mod:`cskit.dupes.content`:

- **numbers with their units** (:mod:`cskit.dupes.units`): a number in a changed region
  contradicts a number of the other reply only when both are the same quantity: the same
  unit (durations convert: ``3天`` is ``72小时``) in the same place (the two characters
  before it or after its unit are the same in both). ``7天无理由`` against ``15天无理由``
  contradicts; a number only one reply states (``预计2小时内`` against ``稍后``), or a stray
  digit, is a harmless detail;
- **negation by word**: ``不 没 无 未 非 别 勿 免`` negate the word after them, and count only
  when the other reply states that same word, aligned, without the negation (``不支持`` /
  ``支持``, ``无需`` / ``需要``). Words such as ``不便``, ``不客气``, ``非常``, ``免费``
  negate nothing (:data:`cskit.dupes.lexicon.NOT_NEGATIONS`), and ``不签收`` against
  ``拒收`` is the same instruction;
- **opposing concepts**: one word of an opposite pair (``买家承担|自行承担`` against
  ``卖家承担|返还运费``, ``全额`` / ``部分``, ``退货`` / ``换货``) in a changed region of one
  reply and the other at the same place in the other.

Changes before the first and after the last shared stretch (a lead-in, a closing line) are
additions: they never contradict. A pair sharing fewer than :data:`MIN_SHARED` characters
has no common statement to contradict (``可以`` / ``不可以`` alone).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from cskit.dupes.canon import MARKS
from cskit.dupes.lexicon import COMPOUNDS, DEFAULT_OPPOSITES, NOT_NEGATIONS
from cskit.dupes.units import Number, numbers
from cskit.text.numerals import CHARS as CN_CHARS

NEGATIONS = "不没无未非别勿免"
MIN_SHARED = 4  # characters two replies must share before one can contradict the other
_NOT_NEGATION = re.compile("|".join(sorted(NOT_NEGATIONS, key=len, reverse=True)))
_DIGITS = frozenset("0123456789" + CN_CHARS + MARKS + "半")


@dataclass(frozen=True)
class Span:
    """One changed region: ``a[i1:i2]`` became ``b[j1:j2]``."""

    i1: int
    i2: int
    j1: int
    j2: int


@dataclass
class Verdict:
    """The outcome of comparing two comparison forms."""

    conflict: bool = False
    substantive: bool = False  # a contradiction-like difference, even with too little shared
    reasons: list[str] = field(default_factory=list)  # 7天 → 15天, 多了否定「不支持」
    kinds: list[str] = field(default_factory=list)  # number | negation | opposite
    numbers: list[tuple[str, str]] = field(default_factory=list)  # (in a, in b)
    notes: list[str] = field(default_factory=list)  # harmless details worth naming

    def add(self, kind: str, reason: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)
        if kind not in self.kinds:
            self.kinds.append(kind)
        self.conflict = True


class Alignment:
    """The Indel alignment of ``a`` and ``b``: changed spans and who matches whom."""

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = a, b
        self.a_to_b = [-1] * len(a)
        self.b_to_a = [-1] * len(b)
        self.spans: list[Span] = []
        self.shared = 0
        for op in Indel.opcodes(a, b):
            i1, i2, j1, j2 = op.src_start, op.src_end, op.dest_start, op.dest_end
            if op.tag == "equal":
                self.shared += i2 - i1
                for k in range(i2 - i1):
                    self.a_to_b[i1 + k] = j1 + k
                    self.b_to_a[j1 + k] = i1 + k
                continue
            if self.spans and self.spans[-1].i2 == i1 and self.spans[-1].j2 == j1:
                last = self.spans[-1]
                self.spans[-1] = Span(last.i1, i2, last.j1, j2)
            else:
                self.spans.append(Span(i1, i2, j1, j2))


def spans(a: str, b: str) -> list[Span]:
    """Changed regions between ``a`` and ``b``, adjacent inserts and deletes merged."""
    return Alignment(a, b).spans


@functools.lru_cache(maxsize=64)
def _compiled(
    opposites: tuple[tuple[str, str], ...],
) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    return tuple((tuple(x.split("|")), tuple(y.split("|"))) for x, y in opposites)


@functools.lru_cache(maxsize=64)
def sensitive(opposites: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """Characters whose change may matter: digits, numerals, negations, and those that
    tell the words of each opposite pair apart."""
    chars = set(_DIGITS) | set(NEGATIONS)
    for left, right in _compiled(opposites):
        for x in left:
            for y in right:
                chars |= set(x) ^ set(y)
    return frozenset(chars)


def opposed(a: str, b: str, opposites: Sequence[tuple[str, str]] = DEFAULT_OPPOSITES) -> bool:
    """Whether an opposite word of one text stands where the other has its counterpart."""
    al = Alignment(a, b)
    verdict = Verdict()
    _opposites(al, al.spans, _compiled(tuple(opposites)), verdict)
    return verdict.conflict


@functools.lru_cache(maxsize=1 << 15)
def _shielded(text: str) -> frozenset[int]:
    """Positions inside words that only look like negations or opposites (不便, 退换货)."""
    covered: set[int] = set()
    for m in _NOT_NEGATION.finditer(text):
        covered.update(range(m.start(), m.end()))
    for word in COMPOUNDS:
        start = text.find(word)
        while start != -1:
            covered.update(range(start, start + len(word)))
            start = text.find(word, start + 1)
    return frozenset(covered)


def judge(a: str, b: str, opposites: Sequence[tuple[str, str]] = DEFAULT_OPPOSITES) -> Verdict:
    """Compare two comparison forms; a conflict names what contradicts."""
    verdict = Verdict()
    if a == b:
        return verdict
    al = Alignment(a, b)
    pairs = tuple(opposites)
    hot_chars = sensitive(pairs)
    hot = [
        sp
        for sp in al.spans
        if not hot_chars.isdisjoint(a[max(0, sp.i1 - 1) : sp.i2 + 1])
        or not hot_chars.isdisjoint(b[max(0, sp.j1 - 1) : sp.j2 + 1])
    ]
    if not hot:
        return verdict
    _numbers(al, hot, verdict)
    _negations(al, hot, verdict)
    _opposites(al, hot, _compiled(pairs), verdict)
    verdict.substantive = verdict.conflict
    if al.shared < MIN_SHARED and verdict.conflict:
        verdict.conflict, verdict.reasons, verdict.kinds, verdict.numbers = False, [], [], []
    return verdict


def is_conflict(a: str, b: str, opposites: tuple[tuple[str, str], ...] = DEFAULT_OPPOSITES) -> bool:
    return judge(a, b, opposites).conflict


# -- numbers ------------------------------------------------------------------------------


def _touching(found: Sequence[Number], lo: int, hi: int) -> list[Number]:
    """Numbers whose digits or unit overlap ``[lo, hi)`` or touch it."""
    return [n for n in found if n.start <= hi and n.unit_end >= lo]


def _as_time(n: Number) -> tuple[float, ...] | None:
    """A bare ``1530`` before 之前/之后 reads as the time 15:30."""
    if n.unit == "时刻":
        return n.value
    if n.unit == "" and len(n.value) == 1 and n.token.isdigit() and len(n.token) in (3, 4):
        hours, minutes = divmod(int(n.token), 100)
        if hours < 24 and minutes < 60:
            return (float(hours), float(minutes))
    return None


def _same_quantity(a: str, b: str, na: Number, nb: Number) -> bool:
    """The same unit in the same place: two characters before or after agree."""
    if not na.comparable(nb):
        ta, tb = _as_time(na), _as_time(nb)
        if ta is None or tb is None:
            return False
    before = a[max(0, na.start - 2) : na.start] == b[max(0, nb.start - 2) : nb.start]
    after = a[na.unit_end : na.unit_end + 2] == b[nb.unit_end : nb.unit_end + 2]
    return before or after


def _equal_values(na: Number, nb: Number) -> bool:
    if na.same_value(nb):
        return True
    ta, tb = _as_time(na), _as_time(nb)
    return ta is not None and ta == tb


def _numbers(al: Alignment, hot: list[Span], verdict: Verdict) -> None:
    a, b = al.a, al.b
    found_a, found_b = numbers(a), numbers(b)
    if not found_a and not found_b:
        return
    for sp in hot:
        in_a, in_b = _touching(found_a, sp.i1, sp.i2), _touching(found_b, sp.j1, sp.j2)
        used: set[int] = set()
        for na in in_a:
            match = next(
                (k for k, nb in enumerate(in_b) if k not in used and _same_quantity(a, b, na, nb)),
                None,
            )
            if match is None:
                if na.unit and _changed(al, na, in_a=True):
                    _note(verdict, f"只有一条写明 {na.shown}")
                continue
            used.add(match)
            nb = in_b[match]
            if not _equal_values(na, nb):
                verdict.add("number", f"{na.shown} → {nb.shown}")
                verdict.numbers.append((na.shown, nb.shown))
        for k, nb in enumerate(in_b):
            if k not in used and nb.unit and _changed(al, nb, in_a=False):
                _note(verdict, f"只有一条写明 {nb.shown}")


def _changed(al: Alignment, n: Number, in_a: bool) -> bool:
    """Whether the number itself is not matched in the other reply (not just next to a
    change)."""
    mapping = al.a_to_b if in_a else al.b_to_a
    return any(mapping[k] < 0 for k in range(n.start, n.end))


def _note(verdict: Verdict, note: str) -> None:
    if note not in verdict.notes:
        verdict.notes.append(note)


# -- negation by word ------------------------------------------------------------------------


def _negations(al: Alignment, hot: list[Span], verdict: Verdict) -> None:
    for sp in hot:
        for text, other, lo, hi, mapping, extra in (
            (al.a, al.b, sp.i1, sp.i2, al.a_to_b, False),
            (al.b, al.a, sp.j1, sp.j2, al.b_to_a, True),
        ):
            shielded = _shielded(text)
            for p in range(lo, hi):
                if text[p] not in NEGATIONS or p in shielded or mapping[p] >= 0:
                    continue
                word = _scope(text, p)
                if not word or mapping[p + 1] < 0:
                    continue  # the negated word is not stated by the other reply
                if p > 0 and mapping[p - 1] < 0 and hi - lo > 1:
                    continue  # 尚未付款 / 已超过付款: a different statement, not a negation
                if len(word) == 2 and mapping[p + 2] < 0:
                    continue
                q = mapping[p + 1]
                if q > 0 and other[q - 1] in NEGATIONS and q - 1 not in _shielded(other):
                    continue  # negated there too
                said = text[p] + word.rstrip("您你我的")
                verdict.add("negation", f"{'多了' if extra else '少了'}否定「{said}」")


def _scope(text: str, p: int) -> str:
    """The word a negation at ``p`` negates: the next one or two characters."""
    word = ""
    for ch in text[p + 1 : p + 3]:
        if ch in NEGATIONS:
            break
        word += ch
    return word


# -- opposing concepts ----------------------------------------------------------------------


def _occurrences(text: str, words: tuple[str, ...]) -> list[tuple[int, int, str]]:
    shielded = _shielded(text)
    out = []
    for word in words:
        start = text.find(word)
        while start != -1:
            if start not in shielded:
                out.append((start, start + len(word), word))
            start = text.find(word, start + 1)
    return out


def _overlaps(start: int, end: int, lo: int, hi: int) -> bool:
    return (start < hi and end > lo) if lo < hi else start < lo < end


def _opposites(
    al: Alignment,
    hot: list[Span],
    pairs: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...],
    verdict: Verdict,
) -> None:
    a, b = al.a, al.b
    for left, right in pairs:
        for xs, ys in ((left, right), (right, left)):
            in_a = _occurrences(a, xs)
            if not in_a:
                continue
            in_b = _occurrences(b, ys)
            if not in_b:
                continue
            for sp in hot:
                hit_a = [w for s, e, w in in_a if _overlaps(s, e, sp.i1, sp.i2)]
                hit_b = [w for s, e, w in in_b if _overlaps(s, e, sp.j1, sp.j2)]
                if hit_a and hit_b:
                    x, y = max(hit_a, key=len), max(hit_b, key=len)
                    if any(x in r and y in r for r in verdict.reasons):
                        continue
                    # a longer pair (买家承担 → 卖家承担) replaces the shorter (买家 → 卖家)
                    verdict.reasons = [
                        r
                        for r in verdict.reasons
                        if " → " not in r or not all(w in f"{x} {y}" for w in r.split(" → "))
                    ]
                    verdict.add("opposite", f"{x} → {y}")


# -- the same question, answered differently --------------------------------------------


def keyed_conflicts(a: str, b: str) -> list[str]:
    """Numbers that answer the same thing differently in two otherwise different answers.

    A number is keyed by the three characters after it, its unit first (``7天无理由`` →
    ``天无理``, ``2小时内短信`` → ``小时内``, ``1-7个工作日`` → ``个工作``); a range without a
    unit (a coupon ``1000-150``) by its shape. When both answers state a key with no value in
    common, they contradict (``7天无理由`` against ``15天无理由``, ``1-2个工作日`` against
    ``1-7个工作日`` and ``1-15个工作日``); ``7天无理由`` and ``3天内送达`` say different things.
    Used for entries that share a customer question.
    """
    facts_a, facts_b = _keyed(a), _keyed(b)
    out: list[str] = []
    seen: set[tuple[str, str]] = set()
    for key, values in facts_a.items():
        other = facts_b.get(key)
        if not other:
            continue
        if any(_equal_values(x, y) for x in values for y in other):
            continue
        shown = (
            "、".join(sorted({n.shown for n in values})),
            "、".join(sorted({n.shown for n in other})),
        )
        if shown not in seen:
            seen.add(shown)
            out.append(f"{shown[0]} → {shown[1]}")
    return out


def _keyed(text: str) -> dict[str, list[Number]]:
    out: dict[str, list[Number]] = {}
    for n in numbers(text):
        if n.unit:
            key = text[n.end : n.end + 3]
            if len(key) == 3 or n.unit_end == len(text):
                out.setdefault(key, []).append(n)
        elif len(n.value) > 1:
            out.setdefault(f"~{len(n.value)}", []).append(n)  # ranges, coupons: 1000-150
    return out
