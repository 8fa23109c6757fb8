"""What two texts look like side by side, for people: ``…签收后[7→15]天内…``.

The decision whether a difference matters is :mod:`cskit.dupes.judge`'s; this module shows
the changed regions of two canonical texts, numbers widened to whole numbers, and tells
whether two similar customer questions ask the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence

from cskit.dupes.canon import MARKS
from cskit.dupes.judge import NEGATIONS, Span, opposed, sensitive, spans
from cskit.dupes.units import numbers, show
from cskit.text.numerals import CHARS as CN_CHARS


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
        hot = sensitive(tuple(opposites))
        shown = [
            sp
            for sp in changed
            if not hot.isdisjoint(a[max(0, sp.i1 - 1) : sp.i2 + 1])
            or not hot.isdisjoint(b[max(0, sp.j1 - 1) : sp.j2 + 1])
        ] or changed
    parts: list[str] = []
    for sp in _whole_numbers(a, b, shown[:limit]):
        lo = max(0, sp.i1 - context)
        head = ("…" if lo > 0 else "") + a[lo : sp.i1]
        tail_end = min(len(a), sp.i2 + context)
        tail = a[sp.i2 : tail_end] + ("…" if tail_end < len(a) else "")
        old, new = a[sp.i1 : sp.i2], b[sp.j1 : sp.j2]
        mid = f"[{old}→{new}]" if old and new else (f"[+{new}]" if new else f"[−{old}]")
        parts.append(show(head + mid + tail))
    rest = len(changed) - min(len(shown), limit)
    if rest > 0:
        parts.append(f"（另有 {rest} 处改动）")
    return "  ".join(parts)


def _whole_numbers(a: str, b: str, regions: list[Span]) -> list[Span]:
    """Widen regions to whole numbers, so ``[+2]4[−8]`` reads ``[48→24]``. Regions split by
    part of a number are merged first; widening then only crosses equal characters."""
    nums_a = [(n.start, n.end, n.token) for n in numbers(a)]
    nums_b = [(n.start, n.end, n.token) for n in numbers(b)]
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


_QUESTION_SENSITIVE = frozenset("0123456789" + CN_CHARS + MARKS + NEGATIONS)


def same_question(a: str, b: str, opposites: Sequence[tuple[str, str]] = ()) -> bool:
    """Whether two similar canonical questions ask the same thing: the changed characters
    touch no number, negation or Latin letter, and no opposite word stands against its
    counterpart (``L码`` / ``XL码``, ``能退货`` / ``能换货`` are different questions;
    ``多久能到账`` / ``多久才能到账`` are the same)."""
    for sp in spans(a, b):
        for text, lo, hi in ((a, sp.i1, sp.i2), (b, sp.j1, sp.j2)):
            window = text[max(0, lo - 1) : hi + 1]
            if not _QUESTION_SENSITIVE.isdisjoint(window) or any(
                ch.isascii() and ch.isalnum() for ch in window
            ):
                return False
    return not (opposites and opposed(a, b, opposites))
