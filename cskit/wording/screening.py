"""Searching many regexes at once, and which clauses of a text they match in.

:class:`Screened` searches a group of patterns, each only where the text holds one of the
strings it must start with (one Aho-Corasick pass tells which). :func:`clause_marks` tells
for each clause whether a group matches inside it; :func:`either` joins patterns into one
regex and :func:`unanchored` drops a pattern's ``^``/``$`` anchors. The word-pack matcher
(:mod:`cskit.wording.matching`) builds its searches from these.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from cskit.text.clauses import Clause
from cskit.text.needles import needles

_SCREEN_FROM = 6  # patterns in a group from which screening them pays


class Screened:
    """Patterns searched together, each only where the text holds one of the strings it
    must start with (one Aho–Corasick pass tells which): far faster than one alternation,
    which Python's ``re`` tries branch by branch at every position. Built on first use."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = tuple(patterns)
        self.always: list[re.Pattern[str]] = []
        self._plain: list[re.Pattern[str]] | None = None
        self._by_start: dict[str, list[re.Pattern[str]]] | None = None
        self._matcher: Any = None

    def _build(self) -> None:
        if len(self.patterns) < _SCREEN_FROM:  # a few patterns: one regex is cheaper
            self._plain = [either(self.patterns)] if self.patterns else []
            return
        by_start: dict[str, list[re.Pattern[str]]] = {}
        for pattern in self.patterns:
            starts = needles([pattern], k=3)
            if starts is None:
                self.always.append(pattern)
            for start in starts or ():
                by_start.setdefault(start, []).append(pattern)
        self._by_start = by_start
        if by_start:
            import ahocorasick_rs

            self._matcher = ahocorasick_rs.AhoCorasick(
                list(by_start), matchkind=ahocorasick_rs.MatchKind.Standard
            )

    def candidates(self, text: str) -> list[re.Pattern[str]]:
        """The patterns that can match in ``text``, in their order."""
        if self._plain is None and self._by_start is None:
            self._build()
        if self._plain is not None:
            return self._plain
        assert self._by_start is not None
        wanted = set(self.always)
        if self._matcher is not None:
            for start in set(self._matcher.find_matches_as_strings(text, overlapping=True)):
                wanted.update(self._by_start[start])
        return [p for p in self.patterns if p in wanted]

    def search(self, text: str) -> bool:
        return any(p.search(text) for p in self.candidates(text))


def clause_marks(
    text: str,
    every: tuple[Clause, ...],
    starts: list[int],
    free: Screened | None,
    anchored: re.Pattern[str] | None,
) -> list[bool]:
    """For each clause: does ``free`` match inside it or ``anchored`` match its text?"""
    marks = [False] * len(every)
    if free is not None:
        for pattern in free.candidates(text):
            for m in pattern.finditer(text):
                i = bisect.bisect_right(starts, m.start()) - 1
                if i < 0 or marks[i]:
                    continue
                if m.end() <= every[i].end or pattern.search(every[i].text):
                    marks[i] = True  # (a match running past the clause may hide one in it)
    if anchored is not None:
        for i, clause in enumerate(every):
            if not marks[i] and anchored.search(clause.text):
                marks[i] = True
    return marks


def either(patterns: Sequence[re.Pattern[str]]) -> re.Pattern[str]:
    """One regex matching where any of ``patterns`` does."""
    if len(patterns) == 1:
        return patterns[0]
    # each keeps its own case flag (built-in patterns without letters have none)
    return re.compile(
        "|".join(f"(?i:{p.pattern})" if p.flags & re.I else f"(?:{p.pattern})" for p in patterns)
    )


def unanchored(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with its ``^`` and ``$`` anchors dropped (not those in ``[...]`` or
    escaped): it matches wherever the anchored one matches in any slice of a text."""
    source = pattern.pattern
    if "^" not in source and "$" not in source:
        return pattern
    out: list[str] = []
    in_class = escaped = False
    for i, ch in enumerate(source):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]" or source[i - 1] == "["
        elif ch == "[":
            in_class = True
        elif ch in "^$":
            continue
        out.append(ch)
    return re.compile("".join(out), pattern.flags)
