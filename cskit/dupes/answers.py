"""Answer clusters: identical (D001), harmless near-duplicates (D002) and near-identical
answers that contradict each other (D004)."""

from __future__ import annotations

import numpy as np

from cskit.dupes.canon import canon
from cskit.dupes.diff import Verdict, classify, is_conflict, render_diff
from cskit.dupes.index import distinct
from cskit.dupes.model import Cluster, Member, Settings, complete_linkage, disjoint, search
from cskit.library.model import Entry


def answer_clusters(
    pool: list[Entry],
    canon_answers: list[str],
    remapped: list[str],
    digest: np.ndarray,
    settings: Settings,
    changed: set[int] | None,
    order: dict[int, int],
    stats: dict[str, float],
) -> tuple[list[Cluster], dict[int, int]]:
    # units: distinct canonical answers, as flat arrays (a dict and a list per unit cost
    # a third of a second on 100,000 entries); blank answers (-1) are not compared
    ids, heads = distinct(canon_answers, digest)
    blank = [u for u, p in enumerate(heads.tolist()) if not canon_answers[p]]
    if blank:  # at most one unit: the blank text
        ids = np.where(ids == blank[0], -1, ids - (ids > blank[0]))
        heads = np.delete(heads, blank[0])
    texts = [canon_answers[p] for p in heads.tolist()]
    mapped = [remapped[p] for p in heads.tolist()]
    by_unit = _Groups(ids, len(texts))
    queries = None
    if changed is not None:
        mine = [p for p, e in enumerate(pool) if id(e) in changed]
        queries = sorted({u for u in ids[mine].tolist() if u >= 0})
    pairs = search(texts, min(settings.near, settings.conflict), queries, settings.workers, mapped)
    stats["unique_answers"] = len(texts)
    stats["near_pairs"] = len(pairs)
    edges: dict[tuple[int, int], tuple[str, float]] = {}
    for u, v, score in pairs:
        conflict = is_conflict(texts[u], texts[v], settings.opposites)
        if conflict and score >= settings.conflict:
            edges[(u, v)] = ("conflict", score)
        elif not conflict and score >= settings.near:
            edges[(u, v)] = ("variant", score)
    # identical answers form a cluster on their own; a changed-only run needs only those
    # holding a changed entry (the others have no edge and are never reported)
    shared = by_unit.shared()
    if queries is not None:
        shared &= set(queries)
    touched = sorted({u for pair in edges for u in pair} | shared)
    units = {u: [pool[p] for p in by_unit.members(u)] for u in touched}
    unit_of = {id(e): u for u, members in units.items() for e in members}
    conditioned = {id(e) for members in units.values() for e in members if e.data.get("conditions")}

    def link(x: Entry, y: Entry) -> tuple[str, float] | None:
        ux, uy = unit_of[id(x)], unit_of[id(y)]
        if ux == uy:
            return ("duplicate", 100.0)
        edge = edges.get((ux, uy) if ux < uy else (uy, ux))
        if edge is None:
            return None
        if edge[0] == "conflict" and id(x) in conditioned and id(y) in conditioned:
            return None if disjoint(x, y) else edge
        return edge

    def unit_link(u: int, v: int) -> bool:
        edge = edges.get((u, v) if u < v else (v, u))
        if edge is None:
            return False
        if edge[0] == "conflict":  # disjoint conditions break a conflict link
            xs = [x for x in units[u] if id(x) in conditioned]
            ys = [y for y in units[v] if id(y) in conditioned]
            return not any(disjoint(x, y) for x in xs for y in ys)
        return True

    local = {u: k for k, u in enumerate(touched)}
    # variants first, then conflicts, each from the highest score down: in a tangle of
    # near-identical answers the copies to merge stay together
    ranked = sorted(edges.items(), key=lambda item: (item[1][0] != "variant", -item[1][1], item[0]))
    merged = complete_linkage(
        [[u] for u in touched], ((local[u], local[v]) for (u, v), _ in ranked), unit_link
    )
    groups = [[e for u in group for e in units[u]] for group in merged]
    clusters: list[Cluster] = []
    in_cluster: dict[int, int] = {}
    for group in groups:
        if len(group) < 2 or (changed is not None and not any(id(e) in changed for e in group)):
            continue  # changed-only runs report only clusters holding a changed entry
        group.sort(key=lambda e: order[id(e)])
        rep = group[0]
        members = []
        for entry in group[1:]:
            label, score = link(rep, entry) or ("duplicate", 100.0)
            members.append(_answer_member(rep, entry, label, score, settings))
        for entry in group:
            in_cluster[id(entry)] = len(clusters)
        clusters.append(Cluster("answer", rep, members))
    # A chain A≈B≈C with A≉C leaves C out of {A, B}; C is still reported, once, against
    # its closest partner, so no near pair of a lone entry goes unreported.
    alone = {group[0] for group in merged if len(group) == 1 and len(units[group[0]]) == 1}
    partner: dict[int, tuple[int, float]] = {}
    for (u, v), (_label, score) in ranked:
        for single, other in ((u, v), (v, u)):
            if single in alone and single not in partner and unit_link(single, other):
                partner[single] = (other, score)
    for single, (other, _score) in sorted(partner.items()):
        rep, entry = units[other][0], units[single][0]
        if changed is not None and id(rep) not in changed and id(entry) not in changed:
            continue
        label, score = link(rep, entry) or ("duplicate", 100.0)
        in_cluster.setdefault(id(entry), len(clusters))
        clusters.append(
            Cluster("answer", rep, [_answer_member(rep, entry, label, score, settings)])
        )
    # A conflict between two entries that each joined a different cluster would otherwise
    # go unreported: report the strongest one between each two clusters as its own pair.
    group_of = {u: g for g, group in enumerate(merged) for u in group}
    covered = {(min(u, o), max(u, o)) for u, (o, _s) in partner.items()}
    across: dict[tuple[int, int], tuple[int, int, float]] = {}
    for (u, v), (label, score) in ranked:
        gu, gv = group_of[u], group_of[v]
        if label != "conflict" or score < settings.near or gu == gv or (u, v) in covered:
            continue
        if not unit_link(u, v):
            continue
        across.setdefault((min(gu, gv), max(gu, gv)), (u, v, score))
    stats["conflicts_across_clusters"] = len(across)
    for u, v, _score in sorted(across.values()):
        first, second = sorted((units[u][0], units[v][0]), key=lambda e: order[id(e)])
        if changed is not None and id(first) not in changed and id(second) not in changed:
            continue
        label, score = link(first, second) or ("conflict", 0.0)
        clusters.append(
            Cluster("answer", first, [_answer_member(first, second, label, score, settings)])
        )
    return clusters, in_cluster


def _answer_member(
    rep: Entry, entry: Entry, label: str, score: float, settings: Settings
) -> Member:
    a, b = canon(rep.answer), canon(entry.answer)
    if label == "duplicate":
        return Member(entry, label, 100.0)
    verdict: Verdict = classify(a, b, settings.opposites)
    focus = settings.opposites if label == "conflict" else None
    diff = render_diff(a, b, opposites=focus)
    return Member(entry, label, round(score, 1), diff, verdict.reasons)


class _Groups:
    """Positions grouped by id (``ids[p]`` is the group of position ``p``; -1: none)."""

    def __init__(self, ids: np.ndarray, count: int) -> None:
        self.ids, self.count = ids, count
        self.order = np.argsort(ids, kind="stable")  # positions by group, in order within
        self.starts = np.searchsorted(ids[self.order], np.arange(-1, count + 1))[1:]

    def first(self) -> np.ndarray:
        """The first position of each group."""
        return self.order[self.starts[:-1]]

    def members(self, group: int) -> list[int]:
        return self.order[self.starts[group] : self.starts[group + 1]].tolist()

    def shared(self) -> set[int]:
        """Groups of more than one position."""
        return set(np.nonzero(np.diff(self.starts) > 1)[0].tolist())
