"""The e-commerce lexicon: synonym concepts, intents, chitchat and question signals.

The shipped lexicon is ``cskit/intent/data/lexicon.yaml`` (its header says the format);
``--lexicon FILE`` adds a team's own in the same format. :meth:`Lexicon.analyse` reads one
text: the concepts it mentions, the intents they add up to, whether it asks or requests
something, and whether it is small talk only (greetings, thanks, acknowledgements, order
numbers). Every surface form is matched in one Aho-Corasick pass over the compacted text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from cskit.errors import ConfigError
from cskit.intent.clean import NUMBER, clean, compact, has_question_mark
from cskit.yamlread import YamlError, parse

SHIPPED = "data/lexicon.yaml"
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
    def extend(self, data: Mapping[str, Any], where: str) -> None:
        """Merge one lexicon file's content (already parsed) into this one."""
        _Reader(self, where).read(data)
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


class _Reader:
    """Validates one lexicon file; every problem is a ConfigError naming file and key."""

    def __init__(self, lex: Lexicon, where: str) -> None:
        self.lex = lex
        self.where = where

    def fail(self, key: str, zh: str, en: str) -> ConfigError:
        return ConfigError(
            f"词库 {key}：{zh}",
            self.where,
            "格式见 cskit/intent/data/lexicon.yaml 开头的说明",
            en=f"lexicon {key}: {en}",
            hint_en="the format is described at the top of cskit/intent/data/lexicon.yaml",
        )

    def words(self, value: Any, key: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            raise self.fail(key, "应为字符串列表", "must be a list of strings")
        return [str(v) for v in value]

    def read(self, data: Mapping[str, Any]) -> None:
        if not isinstance(data, Mapping):
            raise self.fail("(文件)", "应为映射（concepts / intents / …）", "must be a mapping")
        known = {"version", "concepts", "intents", "chitchat", "signals", "synonyms"}
        for key in data:
            if key not in known:
                raise self.fail(str(key), "未知的键", f"unknown key (known: {sorted(known)})")
        concepts = data.get("concepts") or {}
        if not isinstance(concepts, Mapping):
            raise self.fail("concepts", "应为 名称: [词, …] 的映射", "must map names to word lists")
        for name, words in concepts.items():
            self.lex.concepts.setdefault(str(name), []).extend(
                self.words(words, f"concepts.{name}")
            )
        chitchat = data.get("chitchat") or {}
        self.lex.chitchat.extend(self.words(chitchat.get("phrases", []), "chitchat.phrases"))
        self.lex.fillers.extend(self.words(chitchat.get("fillers", []), "chitchat.fillers"))
        self.lex.acks.extend(self.words(chitchat.get("acks", []), "chitchat.acks"))
        self.lex.thanks.extend(self.words(chitchat.get("thanks", []), "chitchat.thanks"))
        signals = data.get("signals") or {}
        self.lex.question.extend(self.words(signals.get("question", []), "signals.question"))
        self.lex.request.extend(self.words(signals.get("request", []), "signals.request"))
        self.lex.final.extend(self.words(signals.get("final", []), "signals.final"))
        self.synonyms(data.get("synonyms") or {})
        intents = data.get("intents") or {}
        if not isinstance(intents, Mapping):
            raise self.fail("intents", "应为 名称: {…} 的映射", "must map names to intents")
        for name, raw in intents.items():
            self.intent(str(name), raw)

    def synonyms(self, raw: Any) -> None:
        if not isinstance(raw, Mapping):
            raise self.fail("synonyms", "应为映射（groups / neutral）", "must be a mapping")
        groups = raw.get("groups") or []
        if not isinstance(groups, list):
            raise self.fail("synonyms.groups", "应为同义词组的列表", "must be a list of groups")
        for i, group in enumerate(groups):
            words = self.words(group, f"synonyms.groups[{i}]")
            if len(words) < 2:
                raise self.fail(
                    f"synonyms.groups[{i}]", "至少需要两个词", "needs two words or more"
                )
            self.lex.synonyms.append(words)
        self.lex.neutral.extend(self.words(raw.get("neutral", []), "synonyms.neutral"))

    def intent(self, name: str, raw: Any) -> None:
        key = f"intents.{name}"
        if not isinstance(raw, Mapping):
            raise self.fail(key, "应为映射", "must be a mapping")
        phrases = self.words(raw.get("phrases", []), f"{key}.phrases")
        rules = []
        for i, text in enumerate(self.words(raw.get("when", []), f"{key}.when")):
            needs: set[str] = set()
            forbids: set[str] = set()
            for part in (p.strip() for p in text.split("+")):
                target = forbids if part.startswith("!") else needs
                concept = part.lstrip("!").strip()
                if concept not in self.lex.concepts and concept not in (ASKS, WANTS):
                    raise self.fail(
                        f"{key}.when[{i}]",
                        f"未定义的概念 {concept!r}",
                        f"unknown concept {concept!r}",
                    )
                target.add(concept)
            if not needs:
                raise self.fail(f"{key}.when[{i}]", "至少需要一个概念", "needs a concept")
            rules.append(Rule(frozenset(needs), frozenset(forbids)))
        if not phrases and not rules:
            raise self.fail(key, "需要 phrases 或 when", "needs phrases or when")
        unless = self.words(raw.get("unless", []), f"{key}.unless")
        examples = raw.get("examples") or {}
        self.lex.intents[name] = Intent(
            name=name,
            category=str(raw.get("category", "")),
            label=str(raw.get("label", name)),
            rules=tuple(rules),
            phrases=tuple(phrases),
            unless=frozenset(unless),
            fallback=raw.get("fallback") is True,
            statement=raw.get("statement") is True,
            match=tuple(self.words(examples.get("match", []), f"{key}.examples.match")),
            no_match=tuple(self.words(examples.get("no_match", []), f"{key}.examples.no_match")),
        )


def _read_file(text: str, where: str) -> Any:
    try:
        return parse(text).data
    except YamlError as exc:
        raise ConfigError(
            f"词库不是有效的 YAML：{exc.message}",
            f"{where}:{exc.line}",
            "修正 YAML",
            en=f"lexicon is not valid YAML: {exc.message}",
            hint_en="fix the YAML",
        ) from None


@functools.lru_cache(maxsize=8)
def load_lexicon(extra: tuple[Path, ...] = ()) -> Lexicon:
    """The shipped lexicon, extended by ``extra`` files in order."""
    lex = Lexicon()
    ref = resources.files("cskit.intent") / SHIPPED
    lex.extend(_read_file(ref.read_text(encoding="utf-8"), "cskit/intent/" + SHIPPED), SHIPPED)
    for path in extra:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or "不是 UTF-8 文本"
            raise ConfigError(
                f"无法读取词库：{reason}",
                str(path),
                "检查 --lexicon 的路径",
                en=f"cannot read the lexicon: {reason}",
                hint_en="check the --lexicon path",
            ) from None
        lex.extend(_read_file(text, str(path)) or {}, str(path))
    return lex


def categories(lex: Lexicon, intents: Iterable[str]) -> list[str]:
    return [lex.intents[i].category for i in intents if i in lex.intents]
