"""Fact uses: where an entry's text uses a declared fact, and whether it agrees (S003, S004).

:func:`fact_uses` finds each ``{{ facts.KEY }}`` reference and each match of a fact's
``mentions`` pattern (``\\d+`` also takes Chinese numerals), with its offsets in the
original text and, for a mention that captures a value, whether the hard-coded value says
the fact's value (:func:`same_value`). :func:`memo_fact_uses` computes it once per entry
within a run.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from cskit.config.model import Config, Fact
from cskit.errors import ConfigError
from cskit.library.model import Entry
from cskit.text import numerals as cnnum
from cskit.text.needles import required_literal
from cskit.text.normalise import fold_width, normalise
from cskit.text.regexcheck import RegexTimeout, time_limit

_JINJA_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_FACT_REF = re.compile(r"""\bfacts\s*(?:\.\s*([A-Za-z_]\w*)|\[\s*(['"])([A-Za-z_]\w*)\2\s*\])""")
# A mention pattern's ``\d+`` also accepts Chinese numerals (十五天无理由).
_NUMBER = rf"(?:\d+|{cnnum.CLASS}+)"


@dataclass(frozen=True)
class FactUse:
    """One place an entry's text uses a fact."""

    fact: Fact
    key: tuple[str | int, ...]  # ("answer",) or ("channels", "sms")
    how: str  # ref ({{ facts.KEY }}) | mention (the fact's pattern matched)
    start: int  # offsets in the original text
    end: int
    matched: str  # the original text of the match
    value_text: str | None = None  # the captured value, as written (mentions only)
    agrees: bool | None = None  # None: no captured value or not comparable


def fact_uses(entry: Entry, config: Config) -> list[FactUse]:
    """Every use of a declared fact in the entry's texts, in text order."""
    if not config.facts:
        return []
    patterns = _mention_patterns(config)
    uses: list[FactUse] = []
    for key, text in entry.texts():
        if "{" in text:
            for span in _JINJA_CODE.finditer(text):
                for m in _FACT_REF.finditer(span[0]):
                    name = m[1] or m[3]
                    fact = config.facts.get(name)
                    if fact is not None:
                        start = span.start() + m.start()
                        uses.append(FactUse(fact, key, "ref", start, span.start() + m.end(), m[0]))
        if not patterns:
            continue
        norm = normalise(text)  # shared with the word rules: usually done already
        for fact, rx, literal in patterns:
            if literal not in norm.text:
                continue
            for m in _bounded_matches(rx, norm.text, fact, entry, config):
                if m.end() == m.start():
                    continue
                start = norm.origin(m.start())
                end = norm.origin(m.end() - 1) + 1
                captured = _captured(m)
                uses.append(
                    FactUse(
                        fact,
                        key,
                        "mention",
                        start,
                        end,
                        text[start:end],
                        captured,
                        None if captured is None else same_value(captured, fact.value),
                    )
                )
    uses.sort(key=lambda u: (u.key != ("answer",), str(u.key), u.start))
    return uses


_Mention = tuple[Fact, re.Pattern[str], str]  # with a literal every match contains
_PATTERNS: dict[int, tuple[Config, list[_Mention]]] = {}


def _mention_patterns(config: Config) -> list[_Mention]:
    """Each fact's compiled ``mentions`` patterns, in declaration order (once per config)."""
    hit = _PATTERNS.get(id(config))
    if hit is not None and hit[0] is config:
        return hit[1]
    out = [
        (fact, rx, required_literal(rx))
        for fact in config.facts.values()
        for pattern in fact.mentions
        if (rx := mention_regex(pattern)) is not None
    ]
    _PATTERNS.clear()  # one config at a time (tests load many)
    _PATTERNS[id(config)] = (config, out)
    return out


@functools.lru_cache(maxsize=256)
def mention_regex(pattern: str) -> re.Pattern[str] | None:
    """A fact's ``mentions`` pattern, with ``\\d+`` / ``[0-9]+`` also taking 十五, 两."""
    widened = pattern.replace(r"\d+", _NUMBER).replace("[0-9]+", _NUMBER)
    try:
        return re.compile(widened)
    except re.error:
        return None  # cskit.yaml validation reports bad patterns


MATCH_SECONDS = 1.0  # one mention pattern on one text: real ones take microseconds


def _bounded_matches(
    rx: re.Pattern[str], text: str, fact: Fact, entry: Entry, config: Config
) -> list[re.Match[str]]:
    """Every match, or a :class:`ConfigError` naming the pattern when matching runs away
    (a backtracking shape the load-time check did not refuse)."""
    try:
        with time_limit(MATCH_SECONDS):
            return list(rx.finditer(text))
    except RegexTimeout:
        index = next((i for i, p in enumerate(fact.mentions) if mention_regex(p) is rx), 0)
        raise ConfigError(
            f"facts.{fact.key}.mentions[{index}] 匹配条目 {entry.id} 的文字超过 "
            f"{MATCH_SECONDS:g} 秒（回溯失控的正则？）",
            config.where("facts", fact.key, "mentions", index),
            "把正则改简单些：每个重复只写一次，不要叠加 + 和 *",
            en=f"facts.{fact.key}.mentions[{index}] took over {MATCH_SECONDS:g} s on the text "
            f"of {entry.id} (a backtracking regex?)",
            hint_en="simplify it: repeat each part once, no stacked + and *",
        ) from None


def _captured(m: re.Match[str]) -> str | None:
    if "value" in m.re.groupindex and m.group("value") is not None:
        return m.group("value")
    for group in m.groups():
        if group is not None:
            return group
    return None


def as_number(value: Any) -> Decimal | None:
    """7, 7.0, "7", "７", "七" → Decimal(7); anything else → None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None
    if isinstance(value, str):
        text = fold_width(value).strip().replace(",", "")
        try:
            return Decimal(text)
        except InvalidOperation:
            cn = cnnum.parse_cn_number(text)
            return None if cn is None else Decimal(cn)
    return None


def same_value(written: str, value: Any) -> bool | None:
    """Does the hard-coded text say the fact's value? ``None`` when it cannot be told."""
    a, b = as_number(written), as_number(value)
    if a is not None and b is not None:
        return a == b
    if a is None and b is None and isinstance(value, str):
        return fold_width(written).strip() == fold_width(value).strip()
    return None


def format_value(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def memo_fact_uses(entry: Entry, config: Config, memo: dict[str, Any]) -> list[FactUse]:
    """:func:`fact_uses`, computed once per entry within a run (S003 and S004 share it)."""
    table = memo.setdefault("stale.fact_uses", {})
    uses = table.get(id(entry))
    if uses is None:
        uses = table[id(entry)] = fact_uses(entry, config)
    return uses


def fact_label(fact: Fact) -> str:
    """``return_days（无理由退货天数）``, or ``return_days `` (with a space to separate it
    from the Chinese that follows) when the fact has no label."""
    return f"{fact.key}（{fact.label}）" if fact.label else f"{fact.key} "
