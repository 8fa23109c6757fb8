"""Do two customer questions ask the same? Two judgements of the lexicon.

The loose one, :func:`same_intent`: a common intent and mostly the same concepts (Jaccard
≥ 0.5): 快递到哪了 and 我的包裹现在在哪里 are both 物流查询 about 包裹 and 在哪, whatever their
characters; 这个包邮吗 (运费) and 退货运费谁出 (退货运费) share no intent. :class:`IntentIndex`
analyses a library's questions once for many such checks; :func:`paraphrase_groups` groups
the questions with the very same intents and concepts.

The strict one, :func:`same_question`, is what the duplicate-question rule (D003) adds to
its character similarity: the same canonical form (:class:`QuestionForms`), where only the
lexicon's strict synonyms may differ. :func:`same_question_groups` groups a library's
questions that way; :func:`paraphrase_pairs` gives the pairs a character search missed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cskit.intent.lexicon import Analysis, Lexicon
from cskit.intent.lexiconload import load_lexicon
from cskit.text.normalise import fold_width, to_simplified

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


# -- the strict judgement the duplicate-question rule uses ------------------------------------

_PUNCT = re.compile(r"[^\w#]+|_")
_FOLLOW_UP = ("那", "还有", "另外", "所以")
_TOKEN = re.compile("\x00[^\x00]*\x00")


class QuestionForms:
    """The canonical form of a question: each form of a strict synonym group (the lexicon's
    ``synonyms.groups``) replaced by its group, fillers, thanks and neutral words (吗, 可以,
    请问…) dropped, everything else kept character for character, numbers included.

    Two questions with the same canonical form ask the very same thing (什么时候可以到 =
    什么时候到?; 快递到哪了 = 我的包裹现在在哪里) although a character ratio may call them
    far apart; anything that differs (明天 against 什么时候, 顺丰 against 圆通, 100 against
    1000) keeps them apart. Only questions with an intent that ask something count: a bare
    topic (电子发票), small talk and follow-ups (好的，那…) never match here."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        import ahocorasick_rs as ac

        self.lex = lex = lexicon or load_lexicon()
        tokens: dict[str, str] = {}
        for group in lex.synonyms:
            name = "\x00" + _flat(group[0]) + "\x00"
            for word in group:
                form = _flat(word)
                if form:
                    tokens.setdefault(form, name)
        for word in (*lex.fillers, *lex.thanks, *lex.neutral):
            form = _flat(word)
            if form:
                tokens.setdefault(form, "")
        self.forms = sorted(tokens)
        self.replace = [tokens[f] for f in self.forms]
        self.automaton = ac.AhoCorasick(self.forms, matchkind=ac.MatchKind.LeftmostLongest)

    def key(self, text: str, prepared: bool = False) -> str:
        """The canonical form, whether or not the question qualifies (see :meth:`form`).
        ``prepared``: the text is already width-folded and Simplified."""
        flat = _PUNCT.sub("", text.lower()) if prepared else _flat(text)
        out: list[str] = []
        at = 0
        for index, start, end in self.automaton.find_matches_as_indexes(flat):
            out.append(flat[at:start])
            out.append(self.replace[index])
            at = end
        out.append(flat[at:])
        return "".join(out)

    def qualifies(self, text: str, key: str) -> bool:
        """Whether a question is specific enough to be judged here."""
        if len(_TOKEN.sub("#", key)) < 2:
            return False  # one topic word (运费呢) is too vague to call two questions the same
        a = self.lex.analyse(text)
        if not a.intents or a.smalltalk or not (a.question or a.request):
            return False  # a bare topic (电子发票) may stand for several questions
        # a follow-up (好的，那…) means what its earlier turn makes it mean
        return not (a.courtesy or a.compact.startswith(_FOLLOW_UP))

    def form(self, text: str) -> str | None:
        """The canonical form, or None when the question is not judged here."""
        key = self.key(text)
        return key if self.qualifies(text, key) else None


def _flat(text: str) -> str:
    return _PUNCT.sub("", to_simplified(fold_width(str(text))).lower())


def same_question_groups(
    questions: Sequence[str], lexicon: Lexicon | None = None, prepared: bool = False
) -> list[list[int]]:
    """Indexes of ``questions`` that ask the very same thing in other words (same canonical
    form, see :class:`QuestionForms`), in groups of two or more, each in input order.

    Only questions whose canonical form collides with another's are analysed by the lexicon:
    20,000 distinct questions take a fraction of a second. ``prepared``: the questions are
    already width-folded and Simplified (as the duplicate rules' canonical texts are)."""
    forms = QuestionForms(lexicon)
    by_key: dict[str, list[int]] = {}
    for n, text in enumerate(questions):
        by_key.setdefault(forms.key(text, prepared), []).append(n)
    groups = []
    for key, members in by_key.items():
        if len(members) > 1:
            kept = [n for n in members if forms.qualifies(questions[n], key)]
            if len(kept) > 1:
                groups.append(kept)
    return sorted(groups, key=lambda g: g[0])


def same_question(first: str, second: str, lexicon: Lexicon | None = None) -> bool:
    """Whether two questions ask the very same thing (the duplicate-question judgement)."""
    return bool(same_question_groups([first, second], lexicon))


def paraphrase_pairs(
    texts: Sequence[str], known: Sequence[tuple[int, int, float]], score: float
) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, score)``, ``i < j``, of ``texts`` that ask the very same thing and are
    not among the ``known`` pairs already: what a character-similarity search adds them to.
    ``texts`` are the duplicate rules' canonical texts (width-folded, Simplified)."""
    seen = {(min(i, j), max(i, j)) for i, j, _ in known}
    return [
        (a, b, score)
        for group in same_question_groups(texts, prepared=True)
        for n, a in enumerate(group)
        for b in group[n + 1 :]
        if (a, b) not in seen
    ]
