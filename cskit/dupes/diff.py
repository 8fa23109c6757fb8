"""What differs between two near-identical texts, and whether it matters.

A similarity score cannot tell a harmless variant from a contradiction: ``支持/不支持`` scores
97, ``满99/满199`` 96, a harmless rewording 94. So every pair above the threshold is diffed
(``rapidfuzz`` Indel opcodes on the canonical strings, ~3 µs a pair where ``difflib`` takes
~400 µs) and the changed spans are inspected:

- **numbers**: digits, and Chinese numerals followed by a unit (``七天``, ``十五天``,
  ``两个工作日``), compared by value, so ``七天`` against ``7天`` is the same and ``两天``
  against ``三天`` is not; a bare ``一`` (``一下``, ``一起``) is not a number;
- **negation**: ``不 没 无 未 非 别 勿 免`` added or removed;
- **opposites**: configurable pairs such as ``买家/卖家``, where one side of the pair sits in
  the changed span of one text and the other side in the other text.

Any of these makes the pair a *conflict*; otherwise it is a harmless *variant*.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Indel

from cskit.dupes.canon import DECIMAL
from cskit.dupes.defaults import DEFAULT_OPPOSITES
from cskit.text.normalise import PLACEHOLDER
from cskit.text.numerals import CHARS as CN_CHARS
from cskit.text.numerals import CLASS as CN_CLASS
from cskit.text.numerals import parse_cn_number

NEGATIONS = frozenset("不没无未非别勿免")
_NEGATION = re.compile("[不没无未非别勿免]")
_UNITS = "天日周月年号点时小分秒元块角毛件个次单笔张份箱瓶盒包双条台只斤克米码寸折倍期"
_NUMBER = re.compile(
    r"[0-9]+(?:\ue001[0-9]+)?%?"
    rf"|{CN_CLASS}+(?=[{_UNITS}])"
)


@dataclass(frozen=True)
class Span:
    """One changed region: ``a[i1:i2]`` became ``b[j1:j2]``."""

    i1: int
    i2: int
    j1: int
    j2: int


@dataclass
class Verdict:
    """The outcome of comparing two canonical texts."""

    conflict: bool
    reasons: list[str] = field(default_factory=list)  # e.g. "7天 → 15天", "不支持"
    kinds: list[str] = field(default_factory=list)  # number | negation | opposite
    numbers: list[tuple[str, str]] = field(default_factory=list)  # (in a, in b)


def cn_value(text: str) -> float | None:
    """``十五`` → 15, ``两`` → 2, ``一百二十`` → 120, ``99`` → 99; None if not a number."""
    text = text.rstrip("%").replace(DECIMAL, ".")
    if text and text[0].isdigit():
        try:
            return float(text)
        except ValueError:
            return None
    value = parse_cn_number(text)
    return None if value is None else float(value)


def spans(a: str, b: str) -> list[Span]:
    """Changed regions between ``a`` and ``b``, adjacent inserts and deletes merged."""
    out: list[Span] = []
    for op in Indel.opcodes(a, b):
        tag, i1, i2, j1, j2 = op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end
        if tag == "equal":
            continue
        if out and out[-1].i2 == i1 and out[-1].j2 == j1:
            last = out[-1]
            out[-1] = Span(last.i1, i2, last.j1, j2)
        else:
            out.append(Span(i1, i2, j1, j2))
    return out


@functools.lru_cache(maxsize=1 << 16)
def _numbers(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _NUMBER.finditer(text)]


@functools.lru_cache(maxsize=64)
def _sensitive(opposites: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """Characters whose change may matter: digits, numerals, negations, and the characters
    that tell each opposite pair apart (买/卖 for 买家/卖家)."""
    chars = set("0123456789" + CN_CHARS + DECIMAL) | NEGATIONS
    for x, y in opposites:
        chars |= set(x) ^ set(y)
    return frozenset(chars)


def _touching(tokens: Iterable[tuple[int, int, str]], lo: int, hi: int) -> list[str]:
    """Tokens overlapping or adjacent to ``[lo, hi)`` (an empty range is a point).

    Adjacency is applied to both texts alike, so an unchanged number next to a change
    (``满99[+不]包邮``) shows up on both sides and cancels out."""
    return [t for s, e, t in tokens if s <= hi and e >= lo]


def _value_key(token: str) -> float:
    value = cn_value(token)
    return -1.0 if value is None else value


def _unit_after(text: str, token: str, start: int) -> str:
    end = start + len(token)
    if end < len(text) and text[end] in _UNITS:
        # two-character units read better in messages: 小时, 分钟, 工作日
        two = text[end : end + 2]
        return two if two in ("小时", "分钟", "个月", "工作", "公斤", "厘米") else text[end]
    return ""


def classify(a: str, b: str, opposites: Sequence[tuple[str, str]] = DEFAULT_OPPOSITES) -> Verdict:
    """Compare two canonical texts; a conflict names what contradicts."""
    verdict = Verdict(conflict=False)
    changed = spans(a, b)
    sensitive = _sensitive(tuple(opposites))
    # only regions that touch a digit, numeral, negation or opposite character can matter;
    # most variants change none (synonyms, particles, product names)
    hot = [
        sp
        for sp in changed
        if not sensitive.isdisjoint(a[max(0, sp.i1 - 1) : sp.i2 + 1])
        or not sensitive.isdisjoint(b[max(0, sp.j1 - 1) : sp.j2 + 1])
    ]
    if not hot:
        return verdict
    nums_a, nums_b = _numbers(a), _numbers(b)
    for sp in hot:
        _check_numbers(a, b, sp, nums_a, nums_b, verdict)
        _check_negation(a, b, sp, verdict)
    _check_opposites(a, b, hot, opposites, verdict)
    if "number" not in verdict.kinds and _values(a) != _values(b):
        only_a = [v for v in _values(a) if v not in _values(b)]
        only_b = [v for v in _values(b) if v not in _values(a)]
        _add(verdict, "number", f"{_fmt(only_a)} → {_fmt(only_b)}")
    verdict.conflict = bool(verdict.kinds)
    return verdict


def is_conflict(a: str, b: str, opposites: tuple[tuple[str, str], ...] = DEFAULT_OPPOSITES) -> bool:
    """``classify(a, b).conflict``, answered from per-text signatures when it can be.

    Different number values (as a multiset) always conflict; identical signatures (numbers
    with the two characters after them, each negation with its neighbours, counts of every
    opposite word) never do; anything else gets the full diff."""
    sig_a, sig_b = _signature(a, opposites), _signature(b, opposites)
    if sig_a[0] != sig_b[0]:
        return True
    if sig_a == sig_b:
        return False
    return classify(a, b, opposites).conflict


@functools.lru_cache(maxsize=1 << 16)
def _values(text: str) -> tuple[float, ...]:
    return tuple(sorted(_value_key(t) for _s, _e, t in _numbers(text)))


@functools.lru_cache(maxsize=1 << 16)
def _signature(
    text: str, opposites: tuple[tuple[str, str], ...]
) -> tuple[tuple[float, ...], tuple[Any, ...], tuple[str, ...], tuple[int, ...]]:
    contexts = tuple(sorted((_value_key(t), text[e : e + 2]) for _s, e, t in _numbers(text)))
    negations = tuple(
        sorted(text[max(0, m.start() - 1) : m.start() + 2] for m in _NEGATION.finditer(text))
    )
    counts = tuple(text.count(w) for pair in opposites for w in pair)
    return _values(text), contexts, negations, counts


def _fmt(values: list[float]) -> str:
    return "、".join(f"{v:g}" for v in values) or "（无）"


def _check_numbers(
    a: str,
    b: str,
    sp: Span,
    nums_a: list[tuple[int, int, str]],
    nums_b: list[tuple[int, int, str]],
    verdict: Verdict,
) -> None:
    in_a = _touching(nums_a, sp.i1, sp.i2)
    in_b = _touching(nums_b, sp.j1, sp.j2)
    if not in_a and not in_b:
        return
    if [_value_key(t) for t in in_a] == [_value_key(t) for t in in_b]:
        return  # 七天 ↔ 7天: the same number written differently (in order: swaps count)
    start_a = {t: s for s, _e, t in nums_a}
    start_b = {t: s for s, _e, t in nums_b}
    left = "、".join(t + _unit_after(a, t, start_a[t]) for t in in_a) or "（无）"
    right = "、".join(t + _unit_after(b, t, start_b[t]) for t in in_b) or "（无）"
    left, right = left.replace(DECIMAL, "."), right.replace(DECIMAL, ".")
    _add(verdict, "number", f"{left} → {right}")
    verdict.numbers.append((left, right))


def _check_negation(a: str, b: str, sp: Span, verdict: Verdict) -> None:
    neg_a = sorted(ch for ch in a[sp.i1 : sp.i2] if ch in NEGATIONS)
    neg_b = sorted(ch for ch in b[sp.j1 : sp.j2] if ch in NEGATIONS)
    if neg_a == neg_b:
        return
    # show the negated word with a little context: 不支持, 无需
    if len(neg_b) > len(neg_a):
        word = b[sp.j1 : min(len(b), sp.j2 + 2)]
        _add(verdict, "negation", f"多了否定「{word}」")
    else:
        word = a[sp.i1 : min(len(a), sp.i2 + 2)]
        _add(verdict, "negation", f"少了否定「{word}」")


def _check_opposites(
    a: str, b: str, changed: list[Span], opposites: Sequence[tuple[str, str]], verdict: Verdict
) -> None:
    for left, right in opposites:
        for x, y in ((left, right), (right, left)):
            if x not in a or y not in b:
                continue
            if any(_hits(a, x, sp.i1, sp.i2) and _hits(b, y, sp.j1, sp.j2) for sp in changed):
                _add(verdict, "opposite", f"{x} → {y}")


def _hits(text: str, word: str, lo: int, hi: int) -> bool:
    """True if an occurrence of ``word`` overlaps the changed range ``[lo, hi)``."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if (start < hi and end > lo) if lo < hi else start < lo < end:
            return True
        start = text.find(word, start + 1)
    return False


def _add(verdict: Verdict, kind: str, reason: str) -> None:
    if reason not in verdict.reasons:
        verdict.reasons.append(reason)
    if kind not in verdict.kinds:
        verdict.kinds.append(kind)


def render_diff(
    a: str,
    b: str,
    context: int = 6,
    limit: int = 4,
    opposites: Sequence[tuple[str, str]] | None = None,
) -> str:
    """``…签收后[7→15]天内…`` for each changed region (at most ``limit``), placeholders as ▢.

    With ``opposites`` given, only the regions that touch a number, a negation or one of
    those words are shown (what a conflict is about), and the rest is counted."""
    changed = spans(a, b)
    shown = changed
    if opposites is not None:
        sensitive = _sensitive(tuple(opposites))
        shown = [
            sp
            for sp in changed
            if not sensitive.isdisjoint(a[max(0, sp.i1 - 1) : sp.i2 + 1])
            or not sensitive.isdisjoint(b[max(0, sp.j1 - 1) : sp.j2 + 1])
        ] or changed
    parts: list[str] = []
    for sp in _whole_numbers(a, b, shown[:limit]):
        lo = max(0, sp.i1 - context)
        head = ("…" if lo > 0 else "") + a[lo : sp.i1]
        tail_end = min(len(a), sp.i2 + context)
        tail = a[sp.i2 : tail_end] + ("…" if tail_end < len(a) else "")
        old, new = a[sp.i1 : sp.i2], b[sp.j1 : sp.j2]
        mid = f"[{old}→{new}]" if old and new else (f"[+{new}]" if new else f"[−{old}]")
        parts.append(_show(head + mid + tail))
    rest = len(changed) - min(len(shown), limit)
    if rest > 0:
        parts.append(f"（另有 {rest} 处改动）")
    return "  ".join(parts)


def _whole_numbers(a: str, b: str, regions: list[Span]) -> list[Span]:
    """Widen regions to whole numbers, so ``[+2]4[−8]`` reads ``[48→24]``. Regions split by
    part of a number are merged first; widening then only crosses equal characters."""
    nums_a, nums_b = _numbers(a), _numbers(b)
    merged: list[Span] = []
    for sp in regions:
        if merged:
            last = merged[-1]
            joined = any(s <= last.i2 and e >= sp.i1 for s, e, _ in nums_a) or any(
                s <= last.j2 and e >= sp.j1 for s, e, _ in nums_b
            )
            if joined:
                merged[-1] = Span(last.i1, sp.i2, last.j1, sp.j2)
                continue
        merged.append(sp)
    out: list[Span] = []
    for k, sp in enumerate(merged):
        room_left = sp.i1 - (merged[k - 1].i2 if k else 0)
        room_right = (merged[k + 1].i1 if k + 1 < len(merged) else len(a)) - sp.i2
        left = max(
            [sp.i1 - s for s, e, _ in nums_a if s < sp.i1 < e]
            + [sp.j1 - s for s, e, _ in nums_b if s < sp.j1 < e]
            + [0]
        )
        right = max(
            [e - sp.i2 for s, e, _ in nums_a if s < sp.i2 < e]
            + [e - sp.j2 for s, e, _ in nums_b if s < sp.j2 < e]
            + [0]
        )
        left, right = min(left, room_left), min(right, room_right)
        out.append(Span(sp.i1 - left, sp.i2 + right, sp.j1 - left, sp.j2 + right))
    return out


def _show(text: str) -> str:
    return text.replace(PLACEHOLDER, "▢").replace(DECIMAL, ".")


def keyed_conflicts(a: str, b: str) -> list[str]:
    """Numbers that answer the same thing differently in two otherwise different answers.

    A number is keyed by the unit and the two characters after it (``7天无理由`` →
    ``天无理``); when both texts state the same key with no value in common, they contradict
    (``7天无理由`` against ``15天无理由``). Used for entries that share a customer question.
    """
    facts_a, facts_b = _facts(a), _facts(b)
    out = []
    for key, values in facts_a.items():
        other = facts_b.get(key)
        if other and not values.keys() & other.keys():
            shown_a = "、".join(_show(v) for v in values.values())
            shown_b = "、".join(_show(v) for v in other.values())
            out.append(f"{shown_a} → {shown_b}")
    return out


def _facts(text: str) -> dict[str, dict[float, str]]:
    facts: dict[str, dict[float, str]] = {}
    for _start, end, token in _numbers(text):
        key = text[end : end + 3]
        if len(key) < 3 or key[0] not in _UNITS:
            continue
        value = cn_value(token)
        if value is not None:
            facts.setdefault(key, {})[value] = token + key
    return facts


def same_question(a: str, b: str, opposites: Sequence[tuple[str, str]] = DEFAULT_OPPOSITES) -> bool:
    """Whether two similar canonical questions ask the same thing: the changed characters
    touch no number, negation, opposite word or Latin letter (``L码`` / ``XL码`` are
    different questions; ``多久能到账`` / ``多久才能到账`` are the same)."""
    sensitive = _sensitive(tuple(opposites))
    for sp in spans(a, b):
        for text, lo, hi in ((a, sp.i1, sp.i2), (b, sp.j1, sp.j2)):
            window = text[max(0, lo - 1) : hi + 1]
            if not sensitive.isdisjoint(window) or any(
                ch.isascii() and ch.isalnum() for ch in window
            ):
                return False
    return True
