"""Strings every match of a regex must start with, to skip texts that cannot match.

Most replies are clean, and Python's ``re`` tries every alternative at every position.
:func:`needles` reads the patterns' parse trees and returns the one- and two-character
strings a match can start with; a text containing none of them is skipped with set and
substring checks at C speed. Patterns that can start anywhere give ``None`` (no shortcut).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from typing import Any

_sre: Any = importlib.import_module("re._parser")
_C: Any = importlib.import_module("re._constants")


_Pref = set[tuple[str, bool]]  # (prefix, complete: the element matched in full)
_LIMIT = 4096


def _variants(c: str, fold: bool) -> set[str]:
    return {c, c.lower(), c.upper()} if fold else {c}


def _element(op: Any, av: Any, k: int, fold: bool) -> _Pref | None:
    if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
        return {("", True)}  # zero-width
    if op is _C.LITERAL:
        return {(v, True) for v in _variants(chr(av), fold)}
    if op is _C.IN:
        out: _Pref = set()
        for o, a in av:
            if o is _C.LITERAL:
                out |= {(v, True) for v in _variants(chr(a), fold)}
            elif o is _C.RANGE and a[1] - a[0] < 512:
                out |= {(v, True) for c in range(a[0], a[1] + 1) for v in _variants(chr(c), fold)}
            else:
                return None
        return out
    if op is _C.SUBPATTERN:
        return _sequence(av[3], k, fold)
    if op is _C.BRANCH:
        out = set()
        for branch in av[1]:
            sub = _sequence(branch, k, fold)
            if sub is None:
                return None
            out |= sub
        return out
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)):
        low, high, body = av
        sub = _sequence(body, k, fold)
        if sub is None:
            return None
        out = sub if high == 1 else {(x, False) for x, _ in sub}
        return out | {("", True)} if low == 0 else out
    return None


def _sequence(items: Any, k: int, fold: bool) -> _Pref | None:
    """Every prefix (up to ``k`` characters) a match of ``items`` can start with."""
    current: _Pref = {("", True)}
    for op, av in items:
        if all(not done or len(text) >= k for text, done in current):
            break
        options = _element(op, av, k, fold)
        grown: _Pref = set()
        for text, done in current:
            if not done or len(text) >= k:
                grown.add((text, False))
            elif options is None:
                grown.add((text, False))  # unknown from here on
            else:
                grown |= {((text + t)[:k], d and len(text + t) <= k) for t, d in options}
        if len(grown) > _LIMIT:
            return None
        current = grown
    return current


def needles(patterns: Iterable[re.Pattern[str]], k: int = 2) -> frozenset[str] | None:
    """Strings (1–``k`` characters) of which every match of these patterns starts with one:
    a text containing none of them cannot match. None when a pattern can start anywhere."""
    out: set[str] = set()
    for pattern in patterns:
        try:
            found = _sequence(_sre.parse(pattern.pattern, pattern.flags), k, True)
        except Exception:
            return None
        if found is None or any(text == "" for text, _ in found):
            return None
        out |= {text for text, _ in found}
    return frozenset(out)


def required_literal(pattern: re.Pattern[str]) -> str:
    """The longest run of plain characters every match of ``pattern`` contains (``天无理由``
    for ``(\\d+)\\s*天无理由``), or "" when there is none or case is ignored. A text without
    it cannot match, which ``in`` tells far faster than a search."""
    if pattern.flags & re.IGNORECASE:
        return ""
    try:
        items = _sre.parse(pattern.pattern, pattern.flags)
    except Exception:
        return ""
    best = run = ""
    for op, av in items:
        if op is _C.LITERAL:
            run += chr(av)
            best = max(best, run, key=len)
        else:
            run = ""
    return best
