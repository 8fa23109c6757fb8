"""Question clusters: the same customer question in several entries (D003), or with answers
whose numbers contradict (D004)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from cskit.canon import canon, canon_question
from cskit.dupediff import keyed_conflicts, same_question
from cskit.dupeindex import DupeIndex
from cskit.dupemodel import Cluster, Member, Settings, complete_linkage, disjoint, search
from cskit.library import Entry


@dataclass
class QuestionIndex:
    """Distinct canonical questions and, for each, the entries (and positions) asking it."""

    texts: list[str] = field(default_factory=list)
    mapped: list[str] = field(default_factory=list)  # remapped below U+0100 (nearpairs)
    owners: list[list[tuple[Entry, int]]] = field(default_factory=list)

    def queries(self, changed: set[int] | None) -> list[int] | None:
        if changed is None:
            return None
        return sorted(
            {q for q, own in enumerate(self.owners) if any(id(e) in changed for e, _ in own)}
        )


def question_index(index: DupeIndex) -> QuestionIndex:
    """Group the pooled entries by canonical question (see :mod:`cskit.dupeindex`)."""
    out = QuestionIndex()
    texts, mapped, owners, pool = out.texts, out.mapped, out.owners, index.pool
    position: dict[str, int] = {}
    for owner, text, k, low in zip(
        index.q_owner, index.q_texts, index.q_keys, index.q_mapped, strict=True
    ):
        q = position.setdefault(text, len(texts))
        if q == len(texts):
            texts.append(text)
            mapped.append(low)
            owners.append([])
        owners[q].append((pool[owner], k))
    return out


def question_pairs(
    index: QuestionIndex, settings: Settings, changed: set[int] | None
) -> list[tuple[int, int, float]]:
    """Similar questions that ask the same thing (not ``L码`` against ``XL码``)."""
    texts = index.texts
    pairs = search(texts, settings.question, index.queries(changed), settings.workers, index.mapped)
    return [p for p in pairs if same_question(texts[p[0]], texts[p[1]], settings.opposites)]


def question_clusters(
    index: QuestionIndex,
    pairs: list[tuple[int, int, float]],
    order: dict[int, int],
    in_cluster: dict[int, int],
    stats: dict[str, float],
    changed: set[int] | None = None,
) -> list[Cluster]:
    texts, owners = index.texts, index.owners
    stats["unique_questions"] = len(texts)
    stats["question_pairs"] = len(pairs)
    fuzzy = {(u, v) for u, v, _ in pairs}
    touched = sorted(
        {u for pair in fuzzy for u in pair} | {q for q, o in enumerate(owners) if len(o) > 1}
    )
    local = {u: k for k, u in enumerate(touched)}
    ranked = sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))
    groups = complete_linkage(
        [[u] for u in touched],
        ((local[u], local[v]) for u, v, _ in ranked),
        lambda x, y: (min(x, y), max(x, y)) in fuzzy,
    )
    clusters: list[Cluster] = []
    for group in groups:
        asked: dict[int, tuple[Entry, int]] = {}
        for q in group:
            for entry, k in owners[q]:
                asked.setdefault(id(entry), (entry, k))
        if len(asked) < 2 or (changed is not None and not changed.intersection(asked)):
            continue  # changed-only runs report only clusters holding a changed entry
        entries = sorted((e for e, _ in asked.values()), key=lambda e: order[id(e)])
        if not any(e.conditions for e in entries):
            parts = [entries]  # nothing can be disjoint: skip the pairwise linkage
        else:
            parts = complete_linkage(
                [[e] for e in entries],
                ((i, j) for i in range(len(entries)) for j in range(i + 1, len(entries))),
                lambda x, y: not disjoint(x, y),
            )
        for part in parts:
            cluster = _question_cluster(part, asked, in_cluster, order)
            if cluster is not None:
                clusters.append(cluster)
    return clusters


def _question_cluster(
    part: list[Entry],
    asked: dict[int, tuple[Entry, int]],
    in_cluster: dict[int, int],
    order: dict[int, int],
) -> Cluster | None:
    if len(part) < 2:
        return None
    part.sort(key=lambda e: order[id(e)])
    rep = part[0]
    members = []
    for entry in part[1:]:
        same = in_cluster.get(id(entry))
        if same is not None and same == in_cluster.get(id(rep)):
            continue  # already one answer cluster: merging it settles the question too
        k = asked[id(entry)][1]
        question = entry.data["questions"][k]
        a, b = canon(rep.answer), canon(entry.answer)
        score = round(
            fuzz.ratio(
                canon_question(rep.data["questions"][asked[id(rep)][1]]), canon_question(question)
            ),
            1,
        )
        contradictions = keyed_conflicts(a, b)
        label = "conflict" if contradictions else "shared_question"
        members.append(Member(entry, label, score, "", contradictions, question, ("questions", k)))
    if not members:
        return None
    return Cluster("question", rep, members, rep.data["questions"][asked[id(rep)][1]])
