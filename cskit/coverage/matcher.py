"""The paraphrase-aware matcher: which entry answers a customer's question, if any.

Every text becomes weighted tokens: the intents the lexicon recognises (``i:``), its
concepts (``c:``) and its character bigrams (``b:``). An entry is indexed by its questions
and title (full weight) and its answer (concepts and bigrams only, at a fifth). BM25 ranks the
entries; the decision then asks the lexicon:

- an intent some entry carries → the best entry carrying it answers;
- only intents no entry carries (product details, bargaining…) → unanswered;
- no intent → answered only when the words themselves are close enough (``min_similarity``);
- a follow-up (a short or anaphoric question with no intent of its own) borrows the intents of
  the session's earlier customer turns (``context``).

:class:`Matcher` holds plain data only (no library objects), so it pickles for Dask workers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from cskit.coverage.bm25 import Bm25
from cskit.intent.clean import NUMBER
from cskit.intent.lexicon import Analysis, Lexicon
from cskit.intent.lexiconload import load_lexicon

if TYPE_CHECKING:
    from cskit.coverage.embed import EntryEmbeddings


@dataclass(frozen=True)
class EntryText:
    """What the matcher needs of an entry."""

    id: str
    title: str
    questions: tuple[str, ...]
    answer: str
    category: str = ""


@dataclass(frozen=True)
class Settings:
    intent_weight: float = 3.0
    concept_weight: float = 1.0
    bigram_weight: float = 0.5
    answer_weight: float = 0.2  # an answer's words count this much of a question's
    min_similarity: float = 0.55  # no intent: share of the query's weight an entry must explain
    context_weight: float = 0.6  # an earlier turn's intents, for a follow-up
    long_report: int = 20  # a statement this long with an intent reports a problem
    short_question: int = 6  # a question this short, of no topic at all, is small talk
    embedding_similarity: float = 0.8  # with --embeddings: cosine that answers a no-intent turn


@dataclass(frozen=True)
class Candidate:
    index: int
    id: str
    score: float  # 0–1: the share of the question's weight the entry explains


@dataclass(frozen=True)
class Decision:
    """The matcher's verdict on one customer turn."""

    entry: int | None  # index into Matcher.entries; None: unanswered (or chitchat)
    score: float
    chitchat: bool = False
    intents: tuple[str, ...] = ()
    via_context: bool = False

    @property
    def answered(self) -> bool:
        return self.entry is not None


CHITCHAT = Decision(None, 0.0, chitchat=True)
MEMO = 500_000  # verdicts remembered; the memo starts afresh past this


def bigrams(flat: str) -> Iterable[str]:
    for i in range(len(flat) - 1):
        pair = flat[i : i + 2]
        if NUMBER not in pair:
            yield pair


@dataclass
class Matcher:
    entries: list[EntryText]
    lexicon: Lexicon
    settings: Settings = field(default_factory=Settings)
    embedder: EntryEmbeddings | None = None

    def __post_init__(self) -> None:
        s = self.settings
        docs: list[dict[str, float]] = []
        self.entry_intents: list[frozenset[str]] = []
        for entry in self.entries:
            doc: dict[str, float] = {}
            intents: Counter[str] = Counter()
            texts = (*entry.questions, entry.title)
            for text in texts:
                a = self.lexicon.analyse(text)
                intents.update(a.intents)
                for c in a.concepts:
                    doc["c:" + c] = 1.0
                for bg in bigrams(a.compact):
                    doc["b:" + bg] = doc.get("b:" + bg, 0.0) + 1.0
            for c in self.lexicon.concepts_of(entry.answer):
                doc["c:" + c] = doc.get("c:" + c, 0.0) + s.answer_weight
            for i, n in intents.items():  # an intent one stray phrasing fires counts less
                doc["i:" + i] = n / len(texts)
            docs.append(doc)
            self.entry_intents.append(frozenset(intents))
        self.index = Bm25(docs)
        self.known_intents = frozenset().union(*self.entry_intents) if self.entries else frozenset()
        self.by_intent: dict[str, np.ndarray] = {}  # intent → which entries carry it
        for n, carried in enumerate(self.entry_intents):
            for i in carried:
                if i not in self.by_intent:
                    self.by_intent[i] = np.zeros(len(self.entries), dtype=bool)
                self.by_intent[i][n] = True
        self._caches()

    def _caches(self) -> None:
        # verdicts by Analysis.key (and context): a million turns hold far fewer questions
        self._own_memo: dict[tuple[object, ...], Decision] = {}
        self._follow_memo: dict[tuple[object, ...], Decision] = {}

    # -- building ----------------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        entries: Sequence[EntryText],
        lexicon: Lexicon | None = None,
        settings: Settings | None = None,
    ) -> Matcher:
        return cls(list(entries), lexicon or load_lexicon(), settings or Settings())

    def with_embeddings(self, embedder: EntryEmbeddings) -> Matcher:
        """This matcher, also answering close paraphrases by embedding similarity."""
        self.embedder = embedder
        self._caches()
        return self

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_own_memo", None)
        state.pop("_follow_memo", None)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._caches()

    # -- queries -----------------------------------------------------------------------------
    def query(
        self, a: Analysis, extra_intents: Iterable[str] = (), weight: float = 1.0
    ) -> dict[str, float]:
        s = self.settings
        q: dict[str, float] = {}
        for i in a.intents:
            q["i:" + i] = s.intent_weight
        for i in extra_intents:
            q.setdefault("i:" + i, s.intent_weight * weight)
        for c in a.concepts:
            q["c:" + c] = s.concept_weight
        for bg in bigrams(a.core):
            q["b:" + bg] = q.get("b:" + bg, 0.0) + s.bigram_weight
        return q

    def rank(self, text: str, k: int = 5) -> list[Candidate]:
        """The ``k`` best entries for ``text`` alone, best first (for ``cskit match``)."""
        a = self.lexicon.analyse(text)
        q = self.query(a)
        scores, ceiling = self.index.scores(q)
        ceiling = ceiling or 1.0
        top = np.argsort(-scores, kind="stable")[:k]
        return [
            Candidate(int(n), self.entries[n].id, min(1.0, float(scores[n]) / ceiling))
            for n in top
            if scores[n] > 0
        ]

    def decide(self, text: str, context: Sequence[str] = ()) -> Decision:
        """The verdict for one customer turn; ``context``: the session's earlier customer
        turns, most recent last (a follow-up borrows the intents of the latest of the last
        two that has some)."""
        borrowed: tuple[str, ...] = ()
        for earlier in reversed(context[-2:]):
            borrowed = self.known(self.lexicon.analyse(earlier))
            if borrowed:
                break
        still_open = False
        if context:
            last = self._own(self.lexicon.analyse(context[-1]))
            still_open = not last.chitchat and last.entry is None and last is not _FOLLOW_UP
        return self.decide_analysis(self.lexicon.analyse(text), borrowed, still_open)

    def known(self, a: Analysis) -> tuple[str, ...]:
        """The intents of ``a`` that some entry carries (what a follow-up may borrow)."""
        return tuple(i for i in a.intents if i in self.known_intents)

    def decide_analysis(
        self, a: Analysis, borrowed: tuple[str, ...] = (), still_open: bool = False
    ) -> Decision:
        """The verdict for an analysed turn. ``borrowed``: the library intents of the
        session's latest customer question that had some; ``still_open``: the previous
        customer question went unanswered (a bare follow-up to it is unanswered too)."""
        own = self._own(a)
        if own is not _FOLLOW_UP:
            return own
        return self._follow_up(a, borrowed, still_open)

    def _key(self, a: Analysis) -> tuple[object, ...]:
        content = len(a.compact) - a.compact.count(NUMBER)
        s = self.settings
        return (*a.key, content <= s.short_question, len(a.compact) >= s.long_report)

    def _own(self, a: Analysis) -> Decision:
        key = self._key(a)
        found = self._own_memo.get(key)
        if found is None:
            if len(self._own_memo) >= MEMO:
                self._own_memo.clear()
            found = self._own_memo[key] = self._own_uncached(a)
        return found

    def _follow_up(self, a: Analysis, borrowed: tuple[str, ...], still_open: bool) -> Decision:
        key = (self._key(a), borrowed, still_open)
        found = self._follow_memo.get(key)
        if found is None:
            if len(self._follow_memo) >= MEMO:
                self._follow_memo.clear()
            found = self._follow_memo[key] = self._follow_up_uncached(a, borrowed, still_open)
        return found

    def _own_uncached(self, a: Analysis) -> Decision:
        if a.smalltalk:
            return CHITCHAT
        asks = a.question or a.request
        if not asks and (not a.intents or (a.courtesy and not self._report(a))):
            return CHITCHAT  # a statement (said with thanks or an "ok": an answer to the agent)
        own = self.known(a)
        if own:
            return self._best(a, own)
        if a.intents:  # only intents the library has no entry for
            return Decision(None, 0.0, intents=a.intents)
        best, similarity = self._closest(a)
        if best is not None and similarity >= self.settings.min_similarity:
            return Decision(best, min(1.0, similarity))
        return _FOLLOW_UP

    def _report(self, a: Analysis) -> bool:
        """A statement that asks for help all the same: a complaint (破损, 降价, 物流不动:
        intents marked ``statement``) or a long account of a problem."""
        if len(a.compact) >= self.settings.long_report:
            return True
        return any(self.lexicon.intents[i].statement for i in a.intents)

    def _follow_up_uncached(
        self, a: Analysis, borrowed: tuple[str, ...], still_open: bool
    ) -> Decision:
        if not a.topical:  # 怎么样? 这是大的吗: no topic of its own
            short = len(a.compact.replace("#", "")) <= self.settings.short_question
            return CHITCHAT if short and not still_open else Decision(None, 0.0)
        if borrowed:
            d = self._best(a, borrowed, weight=self.settings.context_weight)
            return Decision(d.entry, d.score, intents=d.intents, via_context=True)
        _best, similarity = self._closest(a)
        return Decision(None, min(1.0, similarity))

    def _closest(self, a: Analysis) -> tuple[int | None, float]:
        """The entry whose words are closest, and the share of the query they explain."""
        if not self.entries:
            return None, 0.0
        q = self.query(a)
        scores, ceiling = self.index.scores(q)
        best = int(np.argmax(scores))
        similarity = float(scores[best]) / (ceiling or 1.0)
        if self.embedder is not None and a.compact:
            sims = self.embedder.similarities(a.cleaned)
            nearest = int(np.argmax(sims))
            if float(sims[nearest]) >= self.settings.embedding_similarity:
                return nearest, max(similarity, float(sims[nearest]))
        return best, similarity

    def _best(self, a: Analysis, intents: Sequence[str], weight: float = 1.0) -> Decision:
        q = self.query(a, intents, weight)
        scores, ceiling = self.index.scores(q)
        pool = self.by_intent[intents[0]]
        for i in intents[1:]:
            pool = pool | self.by_intent[i]
        best = int(np.argmax(np.where(pool, scores, -1.0)))
        score = float(scores[best]) / (ceiling or 1.0)
        return Decision(best, min(1.0, score), intents=tuple(intents))


_FOLLOW_UP = Decision(None, -1.0)  # internal: the turn alone decides nothing
