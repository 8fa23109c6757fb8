"""The e-commerce lexicon: synonym concepts, intents, chitchat and question signals.

The shipped lexicon is ``cskit/intent/data/lexicon.yaml`` (its header says the format);
``--lexicon FILE`` adds a team's own in the same format (both read by
:mod:`cskit.intent.lexiconload`). :meth:`Lexicon.analyse` reads one
text: the concepts it mentions, the intents they add up to, whether it asks or requests
something, and whether it is small talk only (greetings, thanks, acknowledgements, order
numbers). Every surface form is matched in one Aho-Corasick pass over the compacted text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cskit.intent.clean import NUMBER, clean, compact, has_question_mark

# Built-in concepts a rule may name: the turn asks something, or asks for something.
ASKS, WANTS = "问句", "请求"
SIGNALS = (ASKS, WANTS)
# Tags of the signal words in the one overlapping pass (never concept names: "?" prefix).
_Q, _R, _ACK, _THANKS = "?问", "?请", "?应", "?谢"
_SIGNAL_TAGS = frozenset((_Q, _R, _ACK, _THANKS))
_PHRASE = "="  # the concept an intent's own phrases make: "=物流查询"


@dataclass(frozen=True)
class Rule:
    needs: frozenset[str]
    forbids: frozenset[str]

    def fits(self, concepts: frozenset[str]) -> bool:
        return self.needs <= concepts and self.forbids.isdisjoint(concepts)


@dataclass(frozen=True)
class Intent:
    name: str
    category: str
    label: str
    rules: tuple[Rule, ...]
    phrases: tuple[str, ...] = ()
    unless: frozenset[str] = frozenset()
    fallback: bool = False  # counts only when no other intent fires (broad ones: 商品详情)
    statement: bool = False  # saying it is asking for help (破损, 降价): no question needed
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """What the lexicon sees in one text."""

    cleaned: str  # see clean.clean
    compact: str  # without spaces and punctuation
    core: str  # compact, less the greetings, thanks and particles it opens and closes with
    concepts: frozenset[str]
    intents: tuple[str, ...]
    question: bool  # asks something (a question word or mark)
    request: bool  # asks for something to be done
    smalltalk: bool  # nothing but greetings, thanks, acknowledgements, numbers, fillers
    courtesy: bool = False  # opens with an acknowledgement or says thanks ("好的…谢谢")
    topical: bool = False  # a concept matched by a word of two or more characters
    evidence: frozenset[str] = frozenset()  # what the intents' rules that fired needed

    @property
    def key(self) -> tuple[object, ...]:
        """What a verdict depends on besides the text's length: turns that differ only in
        greetings, thanks or order numbers share it."""
        return (
            self.core,
            self.concepts,
            self.intents,
            self.question,
            self.request,
            self.smalltalk,
            self.courtesy,
            self.topical,
        )


@dataclass
class Lexicon:
    concepts: dict[str, list[str]] = field(default_factory=dict)
    intents: dict[str, Intent] = field(default_factory=dict)
    chitchat: list[str] = field(default_factory=list)
    acks: list[str] = field(default_factory=list)
    thanks: list[str] = field(default_factory=list)
    fillers: list[str] = field(default_factory=list)
    question: list[str] = field(default_factory=list)
    final: list[str] = field(default_factory=list)  # question particles at a clause's end
    request: list[str] = field(default_factory=list)
    synonyms: list[list[str]] = field(default_factory=list)  # strict groups (paraphrase.py)
    neutral: list[str] = field(default_factory=list)  # no content in a question (paraphrase.py)

    def __post_init__(self) -> None:
        self._compiled: _Compiled | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_compiled"] = None  # automata do not pickle: a worker compiles its own
        return state

    # -- building ----------------------------------------------------------------------------
    def forget_compiled(self) -> None:
        """Drop the automata after the word lists changed (they are rebuilt on next use)."""
        self._compiled = None

    @property
    def compiled(self) -> _Compiled:
        if self._compiled is None:
            self._compiled = _Compiled(self)
        return self._compiled

    # -- reading text ------------------------------------------------------------------------
    def analyse(self, text: str) -> Analysis:
        return self.compiled.analyse(text)

    def concepts_of(self, text: str) -> frozenset[str]:
        """Only the concepts of ``text`` (cheaper than :meth:`analyse`; for long answers)."""
        return self.compiled.concepts_of(text)

    def analyse_cleaned(self, cleaned: str) -> Analysis:
        """:meth:`analyse` for a text already passed through :func:`clean`."""
        return self.compiled.analyse_cleaned(cleaned)

    def intents_of(self, concepts: frozenset[str]) -> tuple[str, ...]:
        return self.compiled.intents_of(concepts)


class _Compiled:
    """The automata and rule tables of one lexicon (built once, then read-only).

    Two passes read a text: one overlapping pass finds every concept form, intent phrase,
    question and request word, opening acknowledgement and thanks; one leftmost-longest pass
    finds the chitchat phrases and fillers (what a small-talk turn is made of, and what a
    question opens and closes with)."""

    def __init__(self, lex: Lexicon) -> None:
        import ahocorasick_rs as ac

        self.lex = lex
        forms: dict[str, set[str]] = {}

        def add(words: Iterable[str], tag: str) -> None:
            for word in words:
                form = _form(word)
                if form and form != NUMBER:
                    forms.setdefault(form, set()).add(tag)

        for name, words in lex.concepts.items():
            add(words, name)
        for intent in lex.intents.values():
            add(intent.phrases, _PHRASE + intent.name)
        add(lex.question, _Q)
        add(lex.request, _R)
        add(lex.acks, _ACK)
        add(lex.thanks, _THANKS)
        self.forms = list(forms)
        self.names = [frozenset(forms[f]) for f in self.forms]
        self.topical = ac.AhoCorasick(self.forms, matchkind=ac.MatchKind.Standard)
        small = {_form(w) for w in (*lex.chitchat, *lex.thanks, *lex.fillers)} - {"", NUMBER}
        self.small = ac.AhoCorasick(sorted(small), matchkind=ac.MatchKind.LeftmostLongest)
        particles = "".join(sorted({p for p in lex.final if len(p) == 1}))
        self.final = (
            re.compile(f"[{re.escape(particles)}](?=[\\s,，.。!！?？~～…]|$)")
            if particles
            else None
        )
        self.by_concept: dict[str, list[tuple[str, Rule]]] = {}
        for intent in lex.intents.values():
            rules = [*intent.rules, Rule(frozenset({_PHRASE + intent.name}), frozenset())]
            for rule in rules:
                first = min(rule.needs)  # any one member indexes the rule
                self.by_concept.setdefault(first, []).append((intent.name, rule))
        self.analyse_cleaned = functools.lru_cache(maxsize=300_000)(self._analyse)

    def analyse(self, text: str) -> Analysis:
        return self.analyse_cleaned(clean(text))

    def _analyse(self, cleaned: str) -> Analysis:
        flat = compact(cleaned)
        concepts: set[str] = set()
        signals: list[tuple[frozenset[str], int, int]] = []
        topical = courtesy = False
        thanks: list[tuple[int, int]] = []
        names = self.names
        for index, start, end in self.topical.find_matches_as_indexes(flat, overlapping=True):
            tags = names[index]
            if _SIGNAL_TAGS.isdisjoint(tags):
                concepts |= tags
                topical = topical or end - start > 1
                continue
            if _THANKS in tags:
                thanks.append((start, end))
                courtesy = True
            if _ACK in tags and start == 0:
                courtesy = True
            if _Q in tags or _R in tags:
                signals.append((tags, start, end))
            topics = tags - _SIGNAL_TAGS
            if topics:
                concepts |= topics
                topical = topical or end - start > 1
        # a question or request word inside 麻烦你了 or 不用麻烦 is thanks, not asking
        said = [t for t, s, e in signals if not any(a <= s and e <= b for a, b in thanks)]
        question = (
            has_question_mark(cleaned)
            or any(_Q in t for t in said)
            or bool(self.final and self.final.search(cleaned))
        )
        request = any(_R in t for t in said)
        chat = self.small.find_matches_as_indexes(flat) if flat else []
        covered = sum(e - s for _i, s, e in chat) + flat.count(NUMBER)
        if question:
            concepts.add(ASKS)
        if request:
            concepts.add(WANTS)
        intents, evidence = self.fired(frozenset(concepts))
        return Analysis(
            cleaned=cleaned,
            compact=flat,
            core=_trim(flat, chat),
            concepts=frozenset(
                c for c in concepts if not c.startswith(_PHRASE) and c not in SIGNALS
            ),
            intents=intents,
            evidence=evidence,
            question=question,
            request=request,
            smalltalk=covered >= len(flat),
            courtesy=courtesy,
            topical=topical,
        )

    def concepts_of(self, text: str) -> frozenset[str]:
        flat = compact(clean(text))
        found: set[str] = set()
        for index, _s, _e in self.topical.find_matches_as_indexes(flat, overlapping=True):
            found |= self.names[index]
        return frozenset(c for c in found if not c.startswith(_PHRASE))

    def intents_of(self, concepts: frozenset[str]) -> tuple[str, ...]:
        return self.fired(concepts)[0]

    def fired(self, concepts: frozenset[str]) -> tuple[tuple[str, ...], frozenset[str]]:
        """The intents ``concepts`` add up to, and the evidence: what the rules that fired
        needed (an intent phrase counts as ``=name``)."""
        found: dict[str, set[str]] = {}
        for concept in concepts:
            for name, rule in self.by_concept.get(concept, ()):
                if rule.fits(concepts) and self.lex.intents[name].unless.isdisjoint(concepts):
                    found.setdefault(name, set()).update(rule.needs)
        specific = [n for n in found if not self.lex.intents[n].fallback]
        names = tuple(sorted(specific or found))
        evidence: set[str] = set()
        for n in names:  # an intent phrase is evidence only when no rule says more
            said = {c for c in found[n] if c not in SIGNALS and not c.startswith(_PHRASE)}
            evidence |= said or found[n]
        return names, frozenset(evidence)


def _trim(flat: str, chat: Sequence[tuple[int, int, int]]) -> str:
    """``flat`` without the chitchat and fillers it opens and closes with."""
    start, end = 0, len(flat)
    for _i, s, e in chat:
        if s != start:
            break
        start = e
    for _i, s, e in reversed(chat):
        if e != end or s < start:
            break
        end = s
    return flat[start:end] if end > start else ""


def _form(word: str) -> str:
    return compact(clean(str(word)))


def categories(lex: Lexicon, intents: Iterable[str]) -> list[str]:
    return [lex.intents[i].category for i in intents if i in lex.intents]
