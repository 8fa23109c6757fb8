"""Are two customer questions the same intent? The matcher's judgement, for duplicate checks.

Two questions ask the same when the lexicon gives them a common intent and most of their
concepts agree (Jaccard ≥ 0.5): 快递到哪了 and 我的包裹现在在哪里 are both 物流查询 about 包裹
and 在哪, whatever their characters; 这个包邮吗 (运费) and 退货运费谁出 (退货运费) share no
intent. Questions without an intent are never paired here (the character similarity of the
duplicate rules judges those). :class:`IntentIndex` analyses a library's questions once for
any number of pairwise checks; :func:`paraphrase_groups` groups the exact paraphrases.
"""

from __future__ import annotations

from collections.abc import Sequence

from cskit.coverage.lexicon import Analysis, Lexicon, load_lexicon

MIN_JACCARD = 0.5


def _agree(a: frozenset[str], b: frozenset[str]) -> bool:
    union = len(a | b)
    return union > 0 and len(a & b) / union >= MIN_JACCARD


def same_analysis(a: Analysis, b: Analysis) -> bool:
    return bool(set(a.intents) & set(b.intents)) and _agree(a.concepts, b.concepts)


def same_intent(first: str, second: str, lexicon: Lexicon | None = None) -> bool:
    """Whether two questions ask the same thing."""
    lex = lexicon or load_lexicon()
    return same_analysis(lex.analyse(first), lex.analyse(second))


class IntentIndex:
    """A library's questions, analysed once, for many pairwise checks: building it for
    10,000 entries' questions takes about a second, each :meth:`same` microseconds."""

    def __init__(self, questions: Sequence[str], lexicon: Lexicon | None = None) -> None:
        lex = lexicon or load_lexicon()
        self.analyses = [lex.analyse(q) for q in questions]

    def same(self, i: int, j: int) -> bool:
        """Whether questions ``i`` and ``j`` ask the same thing."""
        return same_analysis(self.analyses[i], self.analyses[j])


def paraphrase_groups(questions: Sequence[str], lexicon: Lexicon | None = None) -> list[list[int]]:
    """Indexes of ``questions`` with the very same intents and concepts, in groups of two or
    more (groups by their first member): the certain paraphrases, without chaining one loose
    resemblance into the next. :class:`IntentIndex` judges any other pair."""
    lex = lexicon or load_lexicon()
    groups: dict[tuple[tuple[str, ...], frozenset[str]], list[int]] = {}
    for n, text in enumerate(questions):
        a = lex.analyse(text)
        if a.intents:
            groups.setdefault((a.intents, a.concepts), []).append(n)
    return [g for g in groups.values() if len(g) > 1]
