"""What a loaded word pack is, and how one of its items finds hits in a text.

:class:`PackItem` holds an item's compiled patterns and narrowing (exemptions, clause kinds
to skip, ``unless``/``requires`` searches, a named validator); :meth:`PackItem.find` applies
them to normalised text. The pack format is described in :mod:`cskit.wording.packs`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from cskit.text.idnumbers import VALIDATORS
from cskit.text.normalise import normalise
from cskit.text.reply import Reply, may_cut
from cskit.wording.matching import Scope, clause_at, kinds_of, view


@dataclass(frozen=True)
class Hit:
    """A match of ``item`` at ``start:end`` of ``view.text``; ``at`` is the same span in
    the normalised text the view was taken from."""

    item: PackItem
    start: int
    end: int
    text: str
    view: Reply

    @property
    def at(self) -> tuple[int, int]:
        return self.view.span(self.start, self.end)


# every item of a rule asks about the same text: one scan per text
_may_cut = functools.lru_cache(maxsize=4096)(may_cut)


@dataclass(frozen=True, eq=False)
class PackItem:
    id: str
    rule: str
    pack: str
    patterns: tuple[re.Pattern[str], ...]
    message_zh: str
    message_en: str
    suggestion: str
    exemptions: tuple[re.Pattern[str], ...] = ()
    unless: tuple[Scope, ...] = ()
    requires: tuple[Scope, ...] = ()
    validate: str | None = None
    severity: str | None = None
    scan: str = "words"
    skip: frozenset[str] = frozenset()
    quote: str = "words"
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    where: str = ""

    def find(self, text: str, patterns: tuple[re.Pattern[str], ...] | None = None) -> list[Hit]:
        """Hits in already-normalised ``text``, after exemptions, clause checks and
        searches; their offsets are in :func:`~cskit.wording.matching.view` of ``text``.
        ``patterns``: only these of the item's patterns (the index knows the others
        cannot match)."""
        wanted = self.patterns if patterns is None else patterns
        if self.scan != "all" and not _may_cut(text) and not any(p.search(text) for p in wanted):
            return []  # a plain text without a match: no need to build its reply view
        reply = view(text, self.scan)
        body = reply.text
        if self.requires and not all(r.possible(reply) for r in self.requires):
            return []  # what the hits need is nowhere in the text
        hits: list[Hit] = []
        exempt: list[tuple[int, int]] | None = None
        for pattern in wanted:
            for m in pattern.finditer(body):
                start, end = m.span()
                if start == end:
                    continue
                if self.exemptions:
                    if exempt is None:
                        exempt = [x.span() for e in self.exemptions for x in e.finditer(body)]
                    if any(a < end and b > start for a, b in exempt):
                        continue
                if self.requires and not all(r.found(reply, start, end) for r in self.requires):
                    continue
                if self.skip and self.skip & kinds_of(reply, clause_at(reply, start), start, end):
                    continue
                if any(u.found(reply, start, end) for u in self.unless):
                    continue
                if self.validate and not VALIDATORS[self.validate](body, start, end):
                    continue
                hits.append(Hit(self, start, end, m.group(), reply))
        return hits

    def matches(self, raw: str) -> bool:
        """Does this item fire on ``raw`` text (normalised here, as in a lint run)?"""
        return bool(self.find(normalise(raw).text))


@dataclass(frozen=True)
class Pack:
    name: str
    rule: str
    path: str
    items: tuple[PackItem, ...]
    title: str = ""
    source: str = ""
    builtin: bool = True
    opt_in: bool = False
