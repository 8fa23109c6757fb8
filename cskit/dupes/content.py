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
from cskit.dupes.canon import canon
from cskit.dupes.lexicon import (
    COURTESY_CLAUSES,
    COURTESY_PREFIXES,
    FORMULAS,
    PARTICLES,
    SPELLING,
    SYNONYMS,
)
from cskit.text.reply import agent_words

CONTENT_VERSION = "content-1"  # bump whenever content() changes its output

# Formula characters: private use, after the canon's own marks (U+E000–U+E004).
FORMULA_BASE = 0xE010
FORMULA_NAMES = {chr(FORMULA_BASE + k): name for k, (_p, name) in enumerate(FORMULAS)}
_FORMULAS = [(re.compile(p), chr(FORMULA_BASE + k)) for k, (p, _n) in enumerate(FORMULAS)]
_SPELLING = [(re.compile(p), r) for p, r in SPELLING]
_SYNONYMS = [(re.compile(p), r) for p, r in SYNONYMS]
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

    @property
    def order_free(self) -> str:
        """The clauses sorted: equal for two replies that only swap sentences."""
        return "\x00".join(sorted(self.clauses)) if len(self.clauses) > 1 else self.text


_MEMO: dict[tuple[str, tuple[tuple[str, str], ...]], Content] = {}


def content(answer: str, facts: Mapping[str, str] | None = None) -> Content:
    """The comparison form of ``answer`` with ``facts`` (key → value) resolved. Memoised."""
    known = tuple(sorted(facts.items())) if facts else ()
    key = (answer, known)
    hit = _MEMO.get(key)
    if hit is None:
        hit = _MEMO[key] = _content(answer, dict(known))
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


def _content(answer: str, facts: Mapping[str, str]) -> Content:
    text = resolve_facts(answer, facts)
    pieces = [c.text for c in agent_words(text, keep_copy=True).clauses]
    kept: list[str] = []
    for piece in pieces:
        clause = _clause(canon(piece))
        if clause:
            kept.append(clause)
    if kept:
        return Content(_once("".join(kept)), tuple(kept))
    light = "".join(_SUFFIX.sub("", canon(p)) or canon(p) for p in pieces)
    return Content(light, (light,) if light else ())


def _once(text: str) -> str:
    """A formula said twice in a row is said once (给您带来不便，还请您见谅 is one apology)."""
    if not _REPEAT.search(text):
        return text
    return _REPEAT.sub(r"\1", text)


_REPEAT = re.compile(f"([{chr(FORMULA_BASE)}-{chr(FORMULA_BASE + len(FORMULAS) - 1)}])\\1+")


def _clause(text: str) -> str:
    """One clause's comparison form, or "" for pure courtesy."""
    for pattern, repl in _SPELLING:
        text = pattern.sub(repl, text)
    text = _strip(text)
    if not text:
        return ""
    for pattern, char in _FORMULAS:
        text = pattern.sub(char, text)
    for pattern, repl in _SYNONYMS:
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
