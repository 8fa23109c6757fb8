"""What an answer says: the comparison form near-duplicates and conflicts are judged on.

:func:`cskit.dupes.canon.canon` keeps everything an agent typed (an answer identical to
another after it is a D001 duplicate). Two replies that say the same thing still differ in
ways a customer does not act on, so near-duplicates (D002) and conflicts (D004) compare
:func:`content` instead, built from the canon in this order:

1. ``{{ facts.KEY }}`` becomes the fact's value (``退款{{ facts.refund_hours }}小时内到账``
   reads ``退款24小时内到账``), so a fact reference and the number it stands for agree;
2. the reply canon (:func:`cskit.text.reply.agent_words`, pasted copy kept: it may state
   the specs that contradict): system notices, emoticon codes (``#E-s34``), HTML entities
   and links are gone, and the reply is split into clauses;
3. each clause goes through :func:`~cskit.dupes.canon.canon`, loses its courtesy: forms of
   address and acknowledgements in front (亲, 小主, 嗯嗯, 好的), particles at the end (哦, 呢,
   哈), and whole courtesy clauses (您客气了, 不客气, 可以的哦);
4. service formulas (the "anything else?" closing, "how can I help?", "please wait",
   "sorry", "let me check") become one character each, and harmless synonyms one spelling
   (:mod:`cskit.dupes.lexicon`).

A reply that is nothing but courtesy keeps its particle-free canon (``好的呢`` and ``好的哈``
still compare as ``好``). Every step is per clause, so :func:`content` also returns the
clauses: two replies with the same clauses in another order are the same reply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from cskit.config.model import Config
from cskit.dupes.canon import canon, canon_once
from cskit.dupes.lexicon import (
    COURTESY_CLAUSES,
    COURTESY_PREFIXES,
    FORMULAS,
    PARTICLES,
    SPELLING,
    SYNONYMS,
)
from cskit.text.normalise import mask_placeholders
from cskit.text.reply import agent_words

CONTENT_VERSION = "content-5"  # bump whenever content() changes its output

# Formula characters: private use, after the canon's own marks (U+E000–U+E004).
FORMULA_BASE = 0xE010
FORMULA_NAMES = {chr(FORMULA_BASE + k): name for k, (_p, name, _t) in enumerate(FORMULAS)}
_FORMULAS = [
    (re.compile(p), chr(FORMULA_BASE + k), frozenset(t)) for k, (p, _n, t) in enumerate(FORMULAS)
]
_SPELLING = [(re.compile(p), r, frozenset(t)) for p, r, t in SPELLING]
_SYNONYMS = [(re.compile(p), r, frozenset(t)) for p, r, t in SYNONYMS]
# every trigger character → the steps (spelling, formulas, synonyms, in order) it starts
_STEPS = [
    *((p, r) for p, r, _t in _SPELLING),
    *((p, c) for p, c, _t in _FORMULAS),
    *((p, r) for p, r, _t in _SYNONYMS),
]
_TRIGGER: dict[str, list[int]] = {}
for _k, (_p, _r, _t) in enumerate([*_SPELLING, *_FORMULAS, *_SYNONYMS]):
    for _ch in _t:
        _TRIGGER.setdefault(_ch, []).append(_k)
_TRIGGERS = frozenset(_TRIGGER)
_FIRST_FORMULA = len(_SPELLING)
# Where a clause ends in the agent's words: sentence ends, commas, line breaks, a space
# between two Chinese characters (chat corpora join bubbles with one), and, in unpunctuated
# chat, a sentence-final particle followed by more words. A private-use character marks
# each end so one canon() call keeps them (cskit.text.clauses would also compute traits
# this module does not need, at several times the cost).
_SPLIT = "\ue005"
_BOUNDARY = re.compile(
    # every alternative starts at one of these characters: the engine skips the rest fast
    r"(?=[\n。！？!?；;…~～，,. \t\u3000])(?:"
    r"[\n。！？!?；;…]+"
    r"|(?<![0-9])[~～，,]+|[~～，,]+(?![0-9])"  # not a range 1~7 or a list 1,5
    r"|(?<![0-9A-Za-z])\.+(?![0-9A-Za-z])|\s{2,}"
    r"|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])"
    r")"
)
# Zero-width ends in unpunctuated chat: after a final particle, and before a vocative after
# 了/的 (…了亲…); the vocative starts the next clause, where courtesy stripping drops it.
_CHAT_END = re.compile(
    r"(?<=[哦呢哈啦呀吧嘛哟噢喔咯])(?<!哈哈)"
    r"(?=(?:亲亲|亲爱的|亲|客官|小主)?(?![哦呢哈啦呀吧嘛哟噢喔咯吗么的了亲喽])[\u4e00-\u9fff])"
    r"|(?<=[了的思歉起])(?=(?:亲亲|亲)(?![亲爱人自戚切手身眼友属情])[\u4e00-\u9fff])"
)


# a piece between punctuation (canonical) → the comparison forms of its clauses, and the
# clauses themselves (a piece of unpunctuated chat holds several)
_CLAUSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
# Every reply the reply canon changes holds one of these (a notice, an emoticon code, an
# entity, a tag, a link, an emoji); most replies hold none and skip it.
_MAY_HOLD_NOISE = re.compile(r"[#/\[&<.系]|http|www|[\U0001F000-\U0001FAFF\u200d\ufe0f]")
_PREFIX = re.compile("^(?:" + "|".join(COURTESY_PREFIXES) + ")+")
_SUFFIX = re.compile(f"(?:(?:亲亲|亲)的?[{PARTICLES}]*|的?[{PARTICLES}]+|的)$")
_FACT = re.compile(
    r"\{\{-?\s*facts\s*(?:\.\s*([A-Za-z_]\w*)|\[\s*(['\"])([A-Za-z_]\w*)\2\s*\])\s*-?\}\}"
)


@dataclass(frozen=True)
class Content:
    """The comparison form of one answer: ``text`` is the clauses joined."""

    text: str
    clauses: tuple[str, ...]
    courtesy_only: bool = False  # nothing but courtesy: text is the particle-free canon

    @property
    def order_free(self) -> str:
        """The clauses sorted: equal for two replies that only swap sentences."""
        return "\x00".join(sorted(self.clauses)) if len(self.clauses) > 1 else self.text


_MEMO: dict[object, tuple[str, Content]] = {}


def content(answer: str, facts: Mapping[str, str] | None = None) -> Content:
    """The comparison form of ``answer`` with ``facts`` (key → value) resolved. Memoised."""
    return forms(answer, facts)[1]


def forms(answer: str, facts: Mapping[str, str] | None = None) -> tuple[str, Content]:
    """``(canon(answer), content(answer, facts))``, sharing the work. Memoised."""
    key: object = answer
    if facts and "facts" in answer:
        key = (answer, tuple(sorted(facts.items())))
    hit = _MEMO.get(key)
    if hit is None:
        hit = _MEMO[key] = _forms(answer, facts or {})
    return hit


# a harmless difference worth naming: one entry writes the value, another refers to the fact
CONTENT_NOTE = "引用 facts.{keys}，取值相同"


def fact_values(config: Config) -> dict[str, str]:
    """cskit.yaml's facts as the text each ``{{ facts.KEY }}`` stands for."""
    out: dict[str, str] = {}
    for key, fact in config.facts.items():
        value = fact.value
        if isinstance(value, bool) or value is None:
            continue
        out[key] = f"{value:g}" if isinstance(value, float) else str(value)
    return out


def fact_keys(text: str) -> set[str]:
    """The facts ``text`` refers to (``{{ facts.KEY }}``)."""
    if "facts" not in text:
        return set()
    return {m.group(1) or m.group(3) for m in _FACT.finditer(text)}


def resolve_facts(text: str, facts: Mapping[str, str]) -> str:
    """``{{ facts.KEY }}`` (or ``facts['KEY']``) → the fact's value; unknown keys stay."""
    if not facts or "facts" not in text:
        return text

    def value(m: re.Match[str]) -> str:
        key = m.group(1) or m.group(3)
        return facts.get(key, m.group())

    return _FACT.sub(value, text)


def forms_once(answer: str, facts: Mapping[str, str]) -> tuple[str, Content]:
    """:func:`forms` without the memo, for a library's answers read once each (a memo of
    100,000 answers would only cost memory)."""
    return _forms(answer, facts)


def _forms(answer: str, facts: Mapping[str, str]) -> tuple[str, Content]:
    text = resolve_facts(answer, facts)
    # template tags are one placeholder each for canon() anyway; masked first, their insides
    # ({{ shipment.carrier }}) never look like a link to the reply canon
    masked = mask_placeholders(text) if "{" in text else text
    words = agent_words(masked, keep_copy=True).text if _MAY_HOLD_NOISE.search(masked) else masked
    marked = canon_once(_BOUNDARY.sub(_SPLIT, words))
    # the markers stand where canon drops punctuation anyway, so without them this is the
    # answer's own canon whenever the reply canon and the facts left the text as it is
    plain = marked.replace(_SPLIT, "") if words == masked and text == answer else canon(answer)
    return plain, _content(marked)


def _content(marked: str) -> Content:
    pieces = marked.split(_SPLIT)
    known = _CLAUSES.get
    forms: list[str] = []
    for piece in pieces:
        got = known(piece)
        if got is None:
            got = _CLAUSES[piece] = _piece(piece)
        if got[0]:
            forms.extend(got[0])
    if forms:
        text = "".join(forms)
        return Content(_once(text), tuple(forms))
    parts = [p for piece in pieces for p in _CLAUSES[piece][1]]
    light = "".join(_SUFFIX.sub("", p) or p for p in parts)
    return Content(light, (light,) if light else (), courtesy_only=True)


def _piece(piece: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The clauses of one piece between punctuation (split again where unpunctuated chat
    ends a sentence) and their comparison forms."""
    parts = [p for p in _CHAT_END.split(piece) if p] if piece else []
    return tuple(form for p in parts if (form := _clause(p))), tuple(parts)


def _once(text: str) -> str:
    """A formula said twice in a row is said once (给您带来不便，还请您见谅 is one apology)."""
    if not _REPEAT.search(text):
        return text
    return _REPEAT.sub(r"\1", text)


_REPEAT = re.compile(f"([{chr(FORMULA_BASE)}-{chr(FORMULA_BASE + len(FORMULAS) - 1)}])\\1+")


def _clause(text: str) -> str:
    """One clause's comparison form, or "" for pure courtesy."""
    hits = _TRIGGERS.intersection(text)
    steps = sorted({k for ch in hits for k in _TRIGGER[ch]}) if hits else []
    for k in steps:
        if k >= _FIRST_FORMULA:
            break
        pattern, repl = _STEPS[k]
        text = pattern.sub(repl, text)
    text = _strip(text)
    if not text:
        return ""
    for k in steps:
        if k >= _FIRST_FORMULA:
            pattern, repl = _STEPS[k]
            text = pattern.sub(repl, text)
    return _strip(text)


def _strip(text: str) -> str:
    """Courtesy off both ends; "" when nothing else is left."""
    if text in COURTESY_CLAUSES:
        return ""
    text = _PREFIX.sub("", text)
    bare = _SUFFIX.sub("", text)
    if bare:
        text = bare
    return "" if text in COURTESY_CLAUSES else text


def readable(text: str) -> str:
    """A comparison form for people: formula characters shown as 〈name〉."""
    if not any(ch in FORMULA_NAMES for ch in text):
        return text
    return "".join(f"〈{FORMULA_NAMES[ch]}〉" if ch in FORMULA_NAMES else ch for ch in text)
