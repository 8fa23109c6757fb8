"""Regular expressions from users (``mentions:`` in cskit.yaml, custom word packs) that
cannot hang a lint.

Python's ``re`` backtracks: ``(a+)+$`` takes 2ⁿ steps on ``aaaa…b``. Two defences:

- :func:`catastrophic` refuses, when the config is loaded, the shapes that backtrack
  exponentially: a repeated group that itself holds a repeat (``(a+)+``, ``(\\d+\\s?)*``) or
  alternatives that can start alike (``(a|ab)+``, ``(\\w|\\d)*``), and repeats over the same
  characters back to back (``\\d+\\d+``). Possessive repeats and atomic groups
  (``(?>…)``, ``a++``) never backtrack and are allowed.
- :func:`time_limit` stops a match that still runs too long (a shape the check cannot see)
  with :class:`RegexTimeout`, so the caller can name the pattern.
"""

from __future__ import annotations

import contextlib
import importlib
import signal
import threading
from collections.abc import Iterator
from typing import Any

_sre: Any = importlib.import_module("re._parser")  # Python 3.11+, as in needles
_C: Any = importlib.import_module("re._constants")

_REPEATS = (_C.MAX_REPEAT, _C.MIN_REPEAT)
_SAFE = tuple(
    x for x in (getattr(_C, "POSSESSIVE_REPEAT", None), getattr(_C, "ATOMIC_GROUP", None)) if x
)


def catastrophic(pattern: str) -> str | None:
    """Why ``pattern`` could backtrack for ever (English), or None when it is safe."""
    try:
        parsed = _sre.parse(pattern)
    except Exception:
        return None  # not a regex at all: the caller's compile reports that
    try:
        _walk(list(parsed), inside_repeat=False)
    except _Unsafe as why:
        return str(why)
    return None


class _Unsafe(Exception):
    pass


def _walk(items: list[tuple[Any, Any]], inside_repeat: bool) -> None:
    previous: First = None  # the characters of an unbounded repeat just before
    have_previous = False
    for op, av in items:
        if op in _SAFE:
            have_previous = False
            continue
        if op in _REPEATS:
            _low, high, body = av
            body = list(body)
            many = high == _C.MAXREPEAT or high > 8  # enough repeats for paths to explode
            if many and _has_variable_repeat(body):
                raise _Unsafe("a repeat inside a repeated group, like (a+)+")
            if many and _ambiguous_branch(body):
                raise _Unsafe("alternatives that can start alike inside a repeat, like (a|ab)+")
            first = _first(body)
            if high == _C.MAXREPEAT and have_previous and _overlap(previous, first):
                raise _Unsafe(r"two repeats over the same characters in a row, like \d+\d+")
            _walk(body, inside_repeat or many)
            previous, have_previous = first, high == _C.MAXREPEAT
            continue
        if op is _C.SUBPATTERN:
            _walk(list(av[-1]), inside_repeat)
        elif op is _C.BRANCH:
            for branch in av[1]:
                _walk(list(branch), inside_repeat)
        if op is not _C.AT:
            have_previous = False


def _has_variable_repeat(items: list[tuple[Any, Any]]) -> bool:
    """Does ``items`` hold a repeat that can match different lengths (``a+``, ``a{1,3}``)?"""
    for op, av in items:
        if op in _SAFE:
            continue
        if op in _REPEATS and (av[0] != av[1] or _has_variable_repeat(list(av[2]))):
            return True
        if op is _C.SUBPATTERN and _has_variable_repeat(list(av[-1])):
            return True
        if op is _C.BRANCH and any(_has_variable_repeat(list(b)) for b in av[1]):
            return True
    return False


def _ambiguous_branch(items: list[tuple[Any, Any]]) -> bool:
    """Alternatives that can start alike (or be empty) anywhere in a repeated body."""
    for op, av in items:
        if op is _C.SUBPATTERN and _ambiguous_branch(list(av[-1])):
            return True
        if op in _REPEATS and _ambiguous_branch(list(av[2])):
            return True
        if op is _C.BRANCH:
            branches = [list(b) for b in av[1]]
            if any(not b for b in branches):
                return True
            firsts = [_first(b) for b in branches]
            for i, a in enumerate(firsts):
                for b in firsts[i + 1 :]:
                    if _overlap(a, b):
                        return True
            if any(_ambiguous_branch(b) for b in branches):
                return True
    return False


First = tuple[frozenset[int], frozenset[Any]] | None  # (characters, categories); None: any


def _first(items: list[tuple[Any, Any]]) -> First:
    """The characters a match of ``items`` can start with: listed characters and classes
    such as ``\\d``, or ``None`` (anything: a dot, a negated set, an empty match)."""
    for op, av in items:
        if op is _C.LITERAL:
            return frozenset([av]), frozenset()
        if op is _C.IN:
            chars: set[int] = set()
            cats: set[Any] = set()
            for kind, value in av:
                if kind is _C.LITERAL:
                    chars.add(value)
                elif kind is _C.RANGE and value[1] - value[0] < 256:
                    chars.update(range(value[0], value[1] + 1))
                elif kind is _C.CATEGORY and value in _CATEGORIES:
                    cats.add(_CATEGORIES[value])
                else:
                    return None
            return frozenset(chars), frozenset(cats)
        if op is _C.SUBPATTERN:
            return _first(list(av[-1]))
        if op in _REPEATS:
            if av[0] == 0:
                return None
            return _first(list(av[2]))
        if op is _C.AT:
            continue
        return None
    return None


_CATEGORIES = {
    _C.CATEGORY_DIGIT: "digit",
    _C.CATEGORY_SPACE: "space",
    _C.CATEGORY_WORD: "word",
}
_DISJOINT = {frozenset({"digit", "space"}), frozenset({"word", "space"})}


def _in_category(ch: int, cat: str) -> bool:
    c = chr(ch)
    if cat == "digit":
        return c.isdigit()
    if cat == "space":
        return c.isspace()
    return c.isalnum() or c == "_"


def _overlap(a: First, b: First) -> bool:
    if a is None or b is None:
        return True
    (ca, ka), (cb, kb) = a, b
    if ca & cb:
        return True
    if any(_in_category(ch, cat) for ch in ca for cat in kb):
        return True
    if any(_in_category(ch, cat) for ch in cb for cat in ka):
        return True
    return any(frozenset({x, y}) not in _DISJOINT for x in ka for y in kb)


class RegexTimeout(Exception):
    """A match ran past its time limit."""


def _expired(*_args: object) -> None:
    raise RegexTimeout


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`RegexTimeout` in the block after ``seconds`` (Python's ``re`` checks
    for signals while it backtracks). Only in the main thread and only when no other
    interval timer is running; elsewhere the block simply runs."""
    usable = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
