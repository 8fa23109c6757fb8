"""Question clusters: the same customer question in several entries (D003), or with answers
whose numbers contradict (D004).

Which questions are the same is a :class:`QuestionMatcher`'s decision. The built-in
:class:`FuzzyMatcher` takes questions that are equal after
:func:`~cskit.dupes.canon.canon_question`, or ``fuzz.ratio`` ≥ the D003 threshold, or, for
short questions where one character is many points, one inserted filler word (``几天发货``
/ ``几天能发货``, ``什么时候到`` / ``什么时候可以到``), as long as what differs
is no number, negation, opposite word or Latin letter (``L码`` / ``XL码`` are two questions);
a word that changes what is asked (``电子发票`` / ``电子发票行吗``) is not a filler.
A paraphrase matcher (``快递到哪了`` / ``我的包裹现在在哪里``) plugs in through the same
protocol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from rapidfuzz import fuzz

from cskit.dupes.canon import canon_question
from cskit.dupes.content import content
from cskit.dupes.diff import same_question
from cskit.dupes.index import DupeIndex, distinct
from cskit.dupes.judge import keyed_conflicts
from cskit.dupes.model import Cluster, Member, Settings, complete_linkage, search
from cskit.dupes.subjects import apart
from cskit.intent.paraphrase import paraphrase_pairs
from cskit.library.model import Entry

SHORT_QUESTION = 12  # characters: up to here one inserted character or filler word is allowed
MIN_SHORT = 3  # …when the shorter question keeps at least this many
# words customers insert without changing what they ask; a negation before them is a
# sensitive change (same_question), so 不能 and 不可以 never pass as fillers
FILLERS = (
    "可以", "能够", "大概", "大约", "一般", "到底", "究竟", "请问", "一下",
    "能", "会", "才", "要", "还", "都", "就", "也", "啊", "呀", "的", "了", "吗", "呢", "嘛", "哦",
)  # fmt: skip
_FILLER = re.compile("|".join(FILLERS))


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


class QuestionMatcher(Protocol):
    """Finds pairs of distinct canonical questions that ask the same thing."""

    def pairs(
        self, texts: list[str], mapped: list[str], queries: list[int] | None
    ) -> list[tuple[int, int, float]]:
        """Sorted ``(i, j, score)``, ``i < j``; with ``queries`` only pairs holding one."""
        ...


@dataclass(frozen=True)
class FuzzyMatcher:
    """The built-in matcher (see the module docstring)."""

    settings: Settings

    def pairs(
        self, texts: list[str], mapped: list[str], queries: list[int] | None
    ) -> list[tuple[int, int, float]]:
        settings = self.settings
        found = {
            (i, j): s
            for i, j, s in search(texts, settings.question, queries, settings.workers, mapped)
        }
        for i, j in _one_word_apart(texts, queries):
            if (i, j) not in found:
                found[(i, j)] = float(fuzz.ratio(texts[i], texts[j]))
        # the same question in other words (快递 vs 包裹, 到哪 vs 在哪里), by the intent lexicon
        wanted = None if queries is None else set(queries)
        for i, j, s in paraphrase_pairs(
            texts, [(i, j, s) for (i, j), s in found.items()], settings.question
        ):
            if wanted is None or i in wanted or j in wanted:
                found[(i, j)] = s
        return sorted(
            (i, j, s)
            for (i, j), s in found.items()
            if same_question(texts[i], texts[j], settings.opposites)
        )


def _one_word_apart(texts: list[str], queries: list[int] | None) -> set[tuple[int, int]]:
    """Short questions equal once one filler word is left out of one of them."""
    wanted = None if queries is None else set(queries)
    exact: dict[str, int] = {}
    for i, text in enumerate(texts):
        if len(text) <= SHORT_QUESTION + 2:
            exact.setdefault(text, i)
    out: set[tuple[int, int]] = set()
    for i, text in enumerate(texts):
        if not MIN_SHORT < len(text) <= SHORT_QUESTION + 2:
            continue
        keys = {text[: m.start()] + text[m.end() :] for m in _FILLER.finditer(text)}
        for key in keys:
            j = exact.get(key, -1)
            if j < 0 or j == i or len(key) < MIN_SHORT or len(key) > SHORT_QUESTION:
                continue
            if wanted is None or i in wanted or j in wanted:
                out.add((min(i, j), max(i, j)))
    return out


def question_pairs(
    index: QuestionIndex,
    settings: Settings,
    changed: set[int] | None,
    matcher: QuestionMatcher | None = None,
) -> list[tuple[int, int, float]]:
    """Questions that ask the same thing, by ``matcher`` (default :class:`FuzzyMatcher`)."""
    chosen = matcher or FuzzyMatcher(settings)
    return chosen.pairs(index.texts, index.mapped, index.queries(changed))


def question_clusters(
    index: QuestionIndex,
    pairs: list[tuple[int, int, float]],
    order: dict[int, int],
    in_cluster: dict[int, int],
    stats: dict[str, float],
    changed: set[int] | None = None,
    said: dict[int, str] | None = None,
) -> list[Cluster]:
    """``said``: each pooled entry's comparison form (by ``id``), for the answers' values."""
    said = said or {}
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
        if not any(_limited(e) for e in entries):
            parts = [entries]  # nothing can be apart: skip the pairwise linkage
        else:
            parts = complete_linkage(
                [[e] for e in entries],
                ((i, j) for i in range(len(entries)) for j in range(i + 1, len(entries))),
                lambda x, y: not apart(x, y),
            )
        for part in parts:
            cluster = _question_cluster(part, asked, in_cluster, order, said)
            if cluster is not None:
                clusters.append(cluster)
    return clusters


def _limited(entry: Entry) -> bool:
    data = entry.data
    return bool(data.get("conditions") or data.get("valid_from") or data.get("valid_until"))


def _question_cluster(
    part: list[Entry],
    asked: dict[int, tuple[Entry, int]],
    in_cluster: dict[int, int],
    order: dict[int, int],
    said: dict[int, str],
) -> Cluster | None:
    if len(part) < 2:
        return None
    part.sort(key=lambda e: order[id(e)])
    rep = part[0]
    # thanks and acknowledgements (谢谢, 好的) are no question: the replies to them never
    # contradict each other on values
    courtesy = content(rep.data["questions"][asked[id(rep)][1]]).courtesy_only

    def label(x: Entry, y: Entry) -> tuple[str, list[str]]:
        found = [] if courtesy else keyed_conflicts(said.get(id(x), ""), said.get(id(y), ""))
        return ("conflict", found) if found else ("shared_question", [])

    members = []
    for entry in part[1:]:
        same = in_cluster.get(id(entry))
        if same is not None and same == in_cluster.get(id(rep)):
            continue  # already one answer cluster: merging it settles the question too
        k = asked[id(entry)][1]
        question = entry.data["questions"][k]
        score = round(
            fuzz.ratio(
                canon_question(rep.data["questions"][asked[id(rep)][1]]), canon_question(question)
            ),
            1,
        )
        kind, contradictions = label(rep, entry)
        member = Member(entry, kind, score, "", contradictions, question, ("questions", k))
        member.related = [
            other
            for other in part
            if other is not entry and (other is rep or label(other, entry)[0] == kind)
        ]
        members.append(member)
    if not members:
        return None
    return Cluster("question", rep, members, rep.data["questions"][asked[id(rep)][1]])
