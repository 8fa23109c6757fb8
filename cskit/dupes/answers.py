"""Answer clusters: identical (D001), harmless near-duplicates (D002) and answers that
contradict each other (D004).

Entries with identical answers (canon units) or identical comparison forms (content units,
e.g. ``好的，亲，稍等哦`` and ``您稍等～``: D002, score 100) belong together; other pairs come
from :mod:`cskit.dupes.relations`, with every entry-level rule applied on top.

Clusters are built by complete linkage over groups of one content unit and one stage class
(an opening, ``greet``, and a closing, ``follow_up``, are never linked: they may read alike
and still both be needed). A conflict is not a link between entries with disjoint conditions
or validity windows, nor between entries about different subjects (:mod:`cskit.dupes.subjects`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from cskit.dupes.canon import canon
from cskit.dupes.content import CONTENT_NOTE, fact_keys, resolve_facts
from cskit.dupes.diff import render_diff
from cskit.dupes.index import DupeIndex
from cskit.dupes.judge import Verdict
from cskit.dupes.model import Cluster, Member, Settings, complete_linkage
from cskit.dupes.relate import Relation
from cskit.dupes.relations import Groups, Units, units_of
from cskit.dupes.relations import relations as find_relations
from cskit.dupes.subjects import (
    apart,
    different_subjects,
    same_frame_subject,
    stage_class,
    subject_of,
)
from cskit.library.model import Entry

_SAME = Relation("variant", 100.0, "same", Verdict())


def answer_clusters(
    pool: list[Entry],
    index: DupeIndex,
    settings: Settings,
    changed: set[int] | None,
    order: dict[int, int],
    stats: dict[str, float],
) -> tuple[list[Cluster], dict[int, int]]:
    units = units_of(index)
    n_content = len(units.texts)
    queries = None
    canon_queries = None
    if changed is not None:
        mine = [p for p, e in enumerate(pool) if id(e) in changed]
        canon_queries = sorted({u for u in units.canon_of[mine].tolist() if u >= 0})
        queries = sorted({units.content_of[u] for u in canon_queries})
    # the first entry of each content unit stands for it where entries decide a pairing
    first_canon: dict[int, int] = {}
    for u, c in enumerate(units.content_of):
        first_canon.setdefault(c, u)
    by_canon = Groups(units.canon_of, len(units.content_of))

    subject: dict[int, tuple[frozenset[str], str]] = {}

    def frame_ok(i: int, j: int) -> bool:
        for c in (i, j):
            if c not in subject:
                u = first_canon[c]
                subject[c] = subject_of(pool[by_canon.members(u)[0]], units.canon_texts[u])
        return same_frame_subject(subject[i], subject[j])

    def framed() -> list[int] | None:
        """The units a frame conflict can involve: all of them as soon as one entry has no
        questions or no title of its own, else only those sharing a question with another
        (two entries with questions and titles of their own, none shared, are two
        subjects: see subjects.same_frame_subject)."""
        # from the index's question columns: which entries ask anything, and which
        # questions more than one content unit asks
        unit_of_entry = np.where(
            units.canon_of >= 0,
            np.asarray([*units.content_of, -1], dtype=np.int64)[units.canon_of],
            -1,
        )
        asking = np.zeros(len(pool), dtype=bool)
        asking[index.q_owner] = True
        if not asking.all() or not index.titled.all():
            return None
        pairs = np.unique(
            np.stack([index.q_digest, unit_of_entry[index.q_owner].astype(np.uint64)], axis=1),
            axis=0,
        )
        values, counts = np.unique(pairs[:, 0], return_counts=True)
        shared = np.isin(pairs[:, 0], values[counts > 1])
        return sorted(set(pairs[shared, 1].astype(np.int64).tolist()))

    relations = find_relations(units, settings, queries, canon_queries, stats, frame_ok, framed)
    stats["unique_answers"] = len(units.content_of)
    stats["content_units"] = n_content

    # entries of every canon unit that can be reported
    canon_by_content: dict[int, list[int]] = {}
    for u, c in enumerate(units.content_of):
        canon_by_content.setdefault(c, []).append(u)
    touched = sorted({c for pair in relations for c in pair} | _shared(by_canon, units))
    if queries is not None:
        wanted = set(queries) | {c for pair in relations for c in pair}
        touched = [c for c in touched if c in wanted]
    entries_of: dict[int, list[Entry]] = {}
    canon_unit: dict[int, int] = {}
    for c in touched:
        members: list[Entry] = []
        for u in canon_by_content[c]:
            for p in by_canon.members(u):
                members.append(pool[p])
                canon_unit[id(pool[p])] = u
        entries_of[c] = members
    content_unit = {id(e): c for c, members in entries_of.items() for e in members}

    def relation(x: Entry, y: Entry) -> Relation | None:
        """The relation two entries have, with every entry-level rule applied."""
        cx, cy = content_unit[id(x)], content_unit[id(y)]
        if not _stages_fit(x, y):
            return None
        if cx == cy:
            return _SAME
        rel = relations.get((cx, cy) if cx < cy else (cy, cx))
        if rel is None:
            return None
        if rel.label == "conflict" and (apart(x, y) or different_subjects(x, y, rel.verdict)):
            return None
        return rel

    adjacent: dict[int, list[int]] = {}
    for cx, cy in relations:
        adjacent.setdefault(cx, []).append(cy)
        adjacent.setdefault(cy, []).append(cx)

    def partners(entry: Entry, label: str) -> list[Entry]:
        """Every entry ``entry`` relates to with ``label``, in or out of its cluster."""
        c = content_unit[id(entry)]
        out = []
        for unit in (c, *adjacent.get(c, ())):
            for other in entries_of.get(unit, ()):
                if other is not entry and _label(entry, other, relation, canon_unit) == label:
                    out.append(other)
        return out

    # groups: one content unit and one stage class
    groups: list[list[Entry]] = []
    group_of_unit: dict[int, list[int]] = {}
    for c in touched:
        by_stage: dict[str, list[Entry]] = {}
        for e in entries_of[c]:
            by_stage.setdefault(stage_class(e), []).append(e)
        for members in by_stage.values():
            group_of_unit.setdefault(c, []).append(len(groups))
            groups.append(members)

    def group_link(g: int, h: int) -> bool:
        return all(relation(x, y) is not None for x in groups[g] for y in groups[h])

    ranked = sorted(
        relations.items(),
        key=lambda item: (item[1].label != "variant", -item[1].score, item[0]),
    )
    edges = [
        (g, h)
        for (cx, cy), _rel in ranked
        if cx in group_of_unit and cy in group_of_unit
        for g in group_of_unit[cx]
        for h in group_of_unit[cy]
    ]
    merged = complete_linkage([[g] for g in range(len(groups))], edges, _cached(group_link))
    clusters: list[Cluster] = []
    in_cluster: dict[int, int] = {}
    for gs in merged:
        members = [e for g in gs for e in groups[g]]
        if len(members) < 2 or (changed is not None and not any(id(e) in changed for e in members)):
            continue
        members.sort(key=lambda e: order[id(e)])
        cluster = _cluster(members, relation, canon_unit, settings, partners)
        for e in members:
            in_cluster[id(e)] = len(clusters)
        clusters.append(cluster)
    # A chain A≈B≈C with A≉C leaves C out of {A, B}; C is still reported, once, against
    # its closest partner, so no pair of a lone entry goes unreported.
    alone = {gs[0] for gs in merged if len(gs) == 1 and len(groups[gs[0]]) == 1}
    partner: dict[int, int] = {}
    for g, h in edges:
        for single, other in ((g, h), (h, g)):
            if single in alone and single not in partner and group_link(single, other):
                partner[single] = other
    for single, other in sorted(partner.items()):
        rep, entry = sorted((groups[other][0], groups[single][0]), key=lambda e: order[id(e)])
        if changed is not None and id(rep) not in changed and id(entry) not in changed:
            continue
        in_cluster.setdefault(id(entry), len(clusters))
        clusters.append(_cluster([rep, entry], relation, canon_unit, settings, partners))
    # A conflict between two entries that each joined another cluster would otherwise go
    # unreported: the strongest one between two clusters is reported as its own pair when
    # the answers are nearly identical (a 99-point 24小时/48小时 contradiction).
    cluster_of = {g: k for k, gs in enumerate(merged) for g in gs}
    covered = {(min(g, h), max(g, h)) for g, h in partner.items()}
    across: dict[tuple[int, int], tuple[Entry, Entry]] = {}
    for (cx, cy), rel in ranked:
        if rel.label != "conflict" or rel.score < settings.near:
            continue
        for g in group_of_unit.get(cx, ()):
            for h in group_of_unit.get(cy, ()):
                kg, kh = cluster_of[g], cluster_of[h]
                if kg == kh or (min(g, h), max(g, h)) in covered or not group_link(g, h):
                    continue
                across.setdefault((min(kg, kh), max(kg, kh)), (groups[g][0], groups[h][0]))
    stats["conflicts_across_clusters"] = len(across)
    # Two entries that each keep a cluster of their own are reported to nobody else: a
    # direct relation between two representatives becomes a pair of its own too.
    together = {
        frozenset((id(x), id(y)))
        for found in clusters
        for x in found.entries
        for y in (found.entries if len(found.entries) <= 64 else [found.representative])
        if x is not y
    }
    reps = {id(found.representative): k for k, found in enumerate(clusters)}
    for unit in touched:
        for rep in entries_of[unit]:
            if id(rep) not in reps:
                continue
            for other_unit in adjacent.get(unit, ()):
                if other_unit < unit:
                    continue
                for mate in entries_of.get(other_unit, ()):
                    if id(mate) not in reps or reps[id(mate)] == reps[id(rep)]:
                        continue
                    if frozenset((id(rep), id(mate))) in together:
                        continue
                    if relation(rep, mate) is not None:
                        across.setdefault((-1 - reps[id(rep)], -1 - reps[id(mate)]), (rep, mate))
    for x, y in sorted(across.values(), key=lambda p: (order[id(p[0])], order[id(p[1])])):
        first, second = sorted((x, y), key=lambda e: order[id(e)])
        if changed is not None and id(first) not in changed and id(second) not in changed:
            continue
        clusters.append(_cluster([first, second], relation, canon_unit, settings, partners))
    return clusters, in_cluster


def _cached(link: Callable[[int, int], bool]) -> Callable[[int, int], bool]:
    memo: dict[tuple[int, int], bool] = {}

    def cached(g: int, h: int) -> bool:
        key = (g, h) if g < h else (h, g)
        hit = memo.get(key)
        if hit is None:
            hit = memo[key] = link(g, h)
        return hit

    return cached


def _stages_fit(x: Entry, y: Entry) -> bool:
    return {stage_class(x), stage_class(y)} != {"opening", "closing"}


def _shared(by_canon: Groups, units: Units) -> set[int]:
    """Content units holding more than one entry (identical or same-content answers)."""
    counts: dict[int, int] = {}
    sizes = np.diff(by_canon.starts).tolist()
    for u, size in enumerate(sizes):
        if size:
            c = units.content_of[u]
            counts[c] = counts.get(c, 0) + size
    return {c for c, n in counts.items() if n > 1}


def _cluster(
    members: list[Entry],
    relation: Callable[[Entry, Entry], Relation | None],
    canon_unit: dict[int, int],
    settings: Settings,
    partners: Callable[[Entry, str], list[Entry]],
) -> Cluster:
    """A cluster; each member's ``related`` is the representative plus every entry it has
    the same relation with (a variant's other copies, a conflict's other contradictions)."""
    rep = members[0]
    out: list[Member] = []
    for entry in members[1:]:
        label = _label(rep, entry, relation, canon_unit)
        member = _member(rep, entry, label, relation(rep, entry), settings)
        member.related = [rep, *(e for e in partners(entry, label) if e is not rep)]
        out.append(member)
    return Cluster("answer", rep, out)


def _label(
    x: Entry,
    y: Entry,
    relation: Callable[[Entry, Entry], Relation | None],
    canon_unit: dict[int, int],
) -> str:
    if canon_unit.get(id(x)) == canon_unit.get(id(y)):
        return "duplicate"
    rel = relation(x, y)
    return rel.label if rel is not None else "variant"


def _member(
    rep: Entry, entry: Entry, label: str, rel: Relation | None, settings: Settings
) -> Member:
    if label == "duplicate":
        return Member(entry, label, 100.0)
    facts = dict(settings.facts)
    a = canon(resolve_facts(rep.answer, facts))
    b = canon(resolve_facts(entry.answer, facts))
    rel = rel or _SAME
    focus = settings.opposites if label == "conflict" else None
    diff = render_diff(a, b, opposites=focus)
    notes = list(rel.verdict.notes)
    keys_a, keys_b = fact_keys(rep.answer), fact_keys(entry.answer)
    if keys_a != keys_b:
        notes.append(CONTENT_NOTE.format(keys="、".join(sorted(keys_a ^ keys_b))))
    return Member(
        entry,
        label,
        round(rel.score, 1),
        diff,
        list(rel.verdict.reasons),
        how=rel.how,
        notes=notes,
    )
