"""Which answers relate: every pair of comparison forms a candidate generator proposes,
judged by :func:`cskit.dupes.relate.relate`.

Answers are grouped in two layers of identity first: **canon units** (answers identical
after :func:`cskit.dupes.canon.canon`, D001) and **content units** (identical comparison
forms, :mod:`cskit.dupes.content`). Pairs of content units come from the ratio search
(:mod:`cskit.dupes.nearpairs`) and from :mod:`cskit.dupes.candidates` (contained, literal,
short, reordered and same-frame copies); each is scored once and kept when it is a copy or
a contradiction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from cskit.dupes import candidates
from cskit.dupes.index import DupeIndex, distinct
from cskit.dupes.model import Settings, search
from cskit.dupes.relate import FRAME_MIN, FRAME_SHARE, MIN_LITERAL, Relation, relate


@dataclass
class Units:
    """Canon units (D001 groups) grouped into content units, and the entries of each."""

    canon_of: np.ndarray  # pooled position → canon unit (-1: blank)
    content_of: list[int]  # canon unit → content unit
    texts: list[str]  # content unit → comparison form
    mapped: list[str]  # content unit → remapped comparison form
    order_free: np.ndarray  # content unit → order-free digest
    canon_texts: list[str]  # canon unit → canonical answer


def units_of(index: DupeIndex) -> Units:
    canon_of, canon_heads = distinct(index.answers, index.a_digest)
    heads = canon_heads.tolist()
    blank = [u for u, p in enumerate(heads) if not index.answers[p]]
    if blank:  # at most one unit: the blank text
        canon_of = np.where(canon_of == blank[0], -1, canon_of - (canon_of > blank[0]))
        del heads[blank[0]]
    content_ids, _heads = distinct(index.contents, index.c_digest)
    content_of = [int(content_ids[p]) for p in heads]
    # renumber content units to those of non-blank answers, in order of first use
    renumber: dict[int, int] = {}
    for c in content_of:
        renumber.setdefault(c, len(renumber))
    first = {renumber[int(content_ids[p])]: p for p in reversed(heads)}
    positions = [first[c] for c in range(len(renumber))]
    return Units(
        canon_of=canon_of,
        content_of=[renumber[c] for c in content_of],
        texts=[index.contents[p] for p in positions],
        mapped=[index.mapped[p] for p in positions],
        order_free=index.o_digest[positions] if positions else np.zeros(0, np.uint64),
        canon_texts=[index.answers[p] for p in heads],
    )


def relations(
    units: Units,
    settings: Settings,
    queries: list[int] | None,
    canon_queries: list[int] | None,
    stats: dict[str, float],
    frame_ok: Callable[[int, int], bool],
    framed: Callable[[], list[int] | None],
) -> dict[tuple[int, int], Relation]:
    """Every related pair of content units, from every candidate generator."""
    texts, mapped = units.texts, units.mapped
    literal = {
        (min(cu, cv), max(cu, cv))
        for u, v in candidates.contained_pairs(
            units.canon_texts, canon_queries, share=0.0, shortest=MIN_LITERAL
        )
        if (cu := units.content_of[u]) != (cv := units.content_of[v])
    }
    threshold = min(settings.near, settings.conflict)
    found = {(i, j): s for i, j, s in search(texts, threshold, queries, settings.workers, mapped)}
    extra = (
        literal
        | candidates.short_pairs(texts, queries)
        | candidates.contained_pairs(texts, queries)
        | candidates.grouped_pairs(units.order_free, queries)
    )
    subset = framed()
    if subset is None:
        runs = candidates.shared_run_pairs(mapped, queries)
    else:
        local = candidates.shared_run_pairs([mapped[c] for c in subset])
        wanted = None if queries is None else set(queries)
        runs = {
            (subset[i], subset[j])
            for i, j in local
            if wanted is None or subset[i] in wanted or subset[j] in wanted
        }
    stats["near_pairs"] = len(found)
    stats["shared_run_pairs"] = len(runs)
    runs -= found.keys()
    if runs:
        frames = {p for p in _frames(texts, mapped, sorted(runs), settings.workers) if frame_ok(*p)}
        stats["frame_pairs"] = len(frames)
        extra |= frames
    extra -= found.keys()
    if queries is not None:
        extra |= _partner_pairs(queries, found.keys() | extra) - found.keys()
    todo = sorted(extra)
    if todo:
        scores = process.cpdist(
            [texts[i] for i, _ in todo],
            [texts[j] for _, j in todo],
            scorer=fuzz.ratio,
            workers=settings.workers,
        ).tolist()
        found.update(zip(todo, map(float, scores), strict=True))
    out: dict[tuple[int, int], Relation] = {}
    for (i, j), score in found.items():
        rel = relate(
            texts[i],
            texts[j],
            settings.near,
            settings.conflict,
            settings.opposites,
            score,
            reordered=units.order_free[i] == units.order_free[j],
            literal=(i, j) in literal,
        )
        if rel is not None:
            out[(i, j)] = rel
    stats["related_pairs"] = len(out)
    return out


def _frames(
    texts: list[str], mapped: list[str], pairs: list[tuple[int, int]], workers: int
) -> set[tuple[int, int]]:
    """Pairs sharing enough characters to be one template (an upper bound on the remapped
    texts first, then the real ones)."""
    kept: set[tuple[int, int]] = set()
    for top in range(0, len(pairs), 1 << 18):
        chunk = pairs[top : top + (1 << 18)]
        upper = process.cpdist(
            [mapped[i] for i, _ in chunk],
            [mapped[j] for _, j in chunk],
            scorer=LCSseq.similarity,
            workers=workers,
        ).tolist()
        maybe = [
            p
            for p, lcs in zip(chunk, upper, strict=True)
            if lcs >= FRAME_MIN and lcs >= FRAME_SHARE * min(len(texts[p[0]]), len(texts[p[1]]))
        ]
        if not maybe:
            continue
        exact = process.cpdist(
            [texts[i] for i, _ in maybe],
            [texts[j] for _, j in maybe],
            scorer=LCSseq.similarity,
            workers=workers,
        ).tolist()
        kept.update(
            p
            for p, lcs in zip(maybe, exact, strict=True)
            if lcs >= FRAME_MIN and lcs >= FRAME_SHARE * min(len(texts[p[0]]), len(texts[p[1]]))
        )
    return kept


def _partner_pairs(queries: list[int], pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Changed-only runs: the pairs among the partners of each changed unit, which is all
    complete linkage needs to build the clusters holding a changed entry."""
    partners: dict[int, set[int]] = {}
    for i, j in pairs:
        partners.setdefault(i, set()).add(j)
        partners.setdefault(j, set()).add(i)
    out: set[tuple[int, int]] = set()
    for q in queries:
        mine = sorted(partners.get(q, ()))
        out.update((a, b) for k, a in enumerate(mine) for b in mine[k + 1 :])
    return out


class Groups:
    """Positions grouped by id (``ids[p]`` is the group of position ``p``; -1: none)."""

    def __init__(self, ids: np.ndarray, count: int) -> None:
        self.ids, self.count = ids, count
        self.order = np.argsort(ids, kind="stable")  # positions by group, in order within
        self.starts = np.searchsorted(ids[self.order], np.arange(-1, count + 1))[1:]

    def members(self, group: int) -> list[int]:
        return self.order[self.starts[group] : self.starts[group + 1]].tolist()
