"""Question clusters: the same customer question in several entries (D003), or with answers
whose numbers contradict (D004)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz

from cskit.dupes.canon import canon, canon_question
from cskit.dupes.diff import keyed_conflicts, same_question
from cskit.dupes.index import DupeIndex, distinct
from cskit.dupes.model import Cluster, Member, Settings, complete_linkage, disjoint, search
from cskit.intent.paraphrase import paraphrase_pairs
from cskit.library.model import Entry


@dataclass
class QuestionIndex:
    """Distinct canonical questions and, for each, the entries (and positions) asking it.

    Kept flat (a few arrays instead of 200,000 small lists on a large library): ``unique``
    gives each asked question its distinct question, ``owner`` and ``key`` its pooled entry
    and its position in that entry's ``questions``."""

    texts: list[str] = field(default_factory=list)
    mapped: list[str] = field(default_factory=list)  # remapped below U+0100 (nearpairs)
    pool: list[Entry] = field(default_factory=list)
    unique: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    owner: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    key: list[int] = field(default_factory=list)
    _by_question: np.ndarray | None = None  # asked questions grouped by distinct question
    _starts: np.ndarray | None = None

    def owners(self, q: int) -> list[tuple[Entry, int]]:
        """The entries asking distinct question ``q``, with the position in each."""
        if self._by_question is None:
            self._by_question = np.argsort(self.unique, kind="stable")
            self._starts = np.searchsorted(
                self.unique[self._by_question], np.arange(len(self.texts) + 1)
            )
        assert self._starts is not None
        asked = self._by_question[self._starts[q] : self._starts[q + 1]].tolist()
        return [(self.pool[self.owner[a]], self.key[a]) for a in asked]

    def shared(self) -> list[int]:
        """Distinct questions asked more than once (by one entry or several)."""
        counts = np.bincount(self.unique, minlength=len(self.texts))
        return np.nonzero(counts > 1)[0].tolist()

    def queries(self, changed: set[int] | None) -> list[int] | None:
        if changed is None:
            return None
        mine = [p for p, e in enumerate(self.pool) if id(e) in changed]
        return np.unique(self.unique[np.isin(self.owner, mine)]).tolist()


def question_index(index: DupeIndex) -> QuestionIndex:
    """Group the pooled entries by canonical question (see :mod:`cskit.dupes.index`)."""
    unique, first_arr = distinct(index.q_texts, index.q_digest)
    first = first_arr.tolist()
    q_texts, q_mapped = index.q_texts, index.q_mapped
    return QuestionIndex(
        texts=[q_texts[a] for a in first],
        mapped=[q_mapped[a] for a in first],
        pool=index.pool,
        unique=unique,
        owner=np.asarray(index.q_owner, dtype=np.int64),
        key=index.q_keys,
    )


def question_pairs(
    index: QuestionIndex, settings: Settings, changed: set[int] | None
) -> list[tuple[int, int, float]]:
    """Similar questions that ask the same thing (not ``L码`` against ``XL码``)."""
    texts = index.texts
    pairs = search(texts, settings.question, index.queries(changed), settings.workers, index.mapped)
    pairs += paraphrase_pairs(texts, pairs, settings.question)  # same question in other words
    return [p for p in pairs if same_question(texts[p[0]], texts[p[1]], settings.opposites)]


def question_clusters(
    index: QuestionIndex,
    pairs: list[tuple[int, int, float]],
    order: dict[int, int],
    in_cluster: dict[int, int],
    stats: dict[str, float],
    changed: set[int] | None = None,
) -> list[Cluster]:
    texts = index.texts
    stats["unique_questions"] = len(texts)
    stats["question_pairs"] = len(pairs)
    fuzzy = {(u, v) for u, v, _ in pairs}
    touched = sorted({u for pair in fuzzy for u in pair} | set(index.shared()))
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
            for entry, k in index.owners(q):
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
