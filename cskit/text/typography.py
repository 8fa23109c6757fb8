"""Typography checks for Chinese text (Z001–Z006), shared by the Z rules and the fixer.

Each scanner works on the text as written (not normalised: the point is the characters
themselves), skips Jinja tags and URLs, and returns offsets; the scanners that have a certain
fix also return the fixed text. Conventions follow 中文文案排版指北, zhlint and AutoCorrect.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from dataclasses import dataclass

from cskit.text.normalise import placeholder_spans, to_simplified

HALF_TO_FULL = {",": "，", "!": "！", "?": "？", ":": "：", ";": "；", "(": "（", ")": "）"}
_URL = re.compile(r"(?:https?://|www\.)[^\s，。！？、；：）」】]+", re.I)
_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00a0]"
)
_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
_PAREN = re.compile(r"\(([^()\n]*)\)")


@dataclass(frozen=True)
class Spot:
    start: int
    end: int
    text: str
    replacement: str | None = None  # None: no certain fix


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def _blocked(text: str) -> list[tuple[int, int]]:
    spans = placeholder_spans(text)
    if "://" in text or "." in text:  # a URL has one or the other ("www.")
        spans += [m.span() for m in _URL.finditer(text)]
    return spans


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= i < b for a, b in spans)


def apply_spots(text: str, spots: list[Spot]) -> str:
    """The text with every fixable spot replaced (spots must not overlap)."""
    out, pos = [], 0
    for s in sorted(spots, key=lambda s: s.start):
        if s.replacement is None or s.start < pos:
            continue
        out += [text[pos : s.start], s.replacement]
        pos = s.end
    return "".join(out) + text[pos:]


def halfwidth_punctuation(text: str, chars: str) -> list[Spot]:
    """Z001: ``,!?:;`` right after a Han character (not before ASCII punctuation, as in the
    emoticon ``:)``), and ``(…)`` around text containing Han; never in URLs or tags."""
    if text.isascii():
        return []
    marks, parens = _split_marks(chars)
    blocked: list[tuple[int, int]] | None = None  # found only when a candidate needs it
    spots: list[Spot] = []
    # A run such as "!!" or "?!" after Han text is converted as a whole.
    for m in _mark_runs(marks).finditer(text) if marks else ():
        start, end = m.span()
        prev = text[start - 1] if start else ""
        nxt = text[end] if end < len(text) else ""
        # After Chinese text the mark is Chinese punctuation, whatever follows (订单号:123,
        # 谢谢!😊), unless ASCII punctuation follows: an emoticon such as ":)".
        if not is_han(prev) or (nxt.isascii() and nxt in string.punctuation and nxt):
            continue
        blocked = _blocked(text) if blocked is None else blocked
        if not _inside(start, blocked):
            spots += [Spot(i, i + 1, text[i], HALF_TO_FULL[text[i]]) for i in range(start, end)]
    if parens and "(" in text:
        for m in _PAREN.finditer(text):
            if not any(is_han(c) for c in m.group(1)):
                continue
            blocked = _blocked(text) if blocked is None else blocked
            if _inside(m.start(), blocked):
                continue
            spots.append(Spot(m.start(), m.start() + 1, "(", "（"))
            spots.append(Spot(m.end() - 1, m.end(), ")", "）"))
    return sorted(spots, key=lambda s: s.start)


@functools.lru_cache(maxsize=16)
def _split_marks(chars: str) -> tuple[str, bool]:
    """The configured marks without the parentheses, and whether parentheses are checked."""
    return "".join(c for c in chars if c not in "()"), "(" in chars or ")" in chars


@functools.lru_cache(maxsize=16)
def _any_of(chars: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(chars)}]")


@functools.lru_cache(maxsize=16)
def _mark_runs(marks: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(marks)}]+")


def fullwidth_alnum(text: str) -> list[Spot]:
    """Z002: full-width letters and digits (ＶＸ, １２３), fixed to half-width."""
    if text.isascii():
        return []
    return [
        Spot(m.start(), m.end(), m.group(), unicodedata.normalize("NFKC", m.group()))
        for m in _FULLWIDTH_ALNUM.finditer(text)
    ]


def repeated_punctuation(text: str, chars: str) -> list[Spot]:
    """Z003: the same punctuation mark twice or more (！！, ？？, ~~); ``。。。`` → ``……``.
    ``……`` and ``——`` are single marks in Chinese and never flagged."""
    if not chars:
        return []
    runs = _runs(chars).finditer(text)
    spots: list[Spot] = []
    blocked: list[tuple[int, int]] | None = None
    for m in runs:
        blocked = _blocked(text) if blocked is None else blocked
        if _inside(m.start(), blocked):
            continue
        ch, run = m.group(1), m.group()
        fixed = "……" if ch == "。" and len(run) >= 3 else ch
        spots.append(Spot(m.start(), m.end(), run, fixed))
    return spots


@functools.lru_cache(maxsize=16)
def _runs(chars: str) -> re.Pattern[str]:
    return re.compile(f"([{re.escape(chars)}])\\1+")


def unbalanced_pairs(text: str, pairs: str) -> list[Spot]:
    """Z004: an opening mark with no closing one, or a closing mark with no opening one."""
    if not _any_of(pairs).search(text):  # no set of the text's characters to build
        return []
    opens = {pairs[k]: pairs[k + 1] for k in range(0, len(pairs) - 1, 2)}
    closes = {v: k for k, v in opens.items()}
    blocked = _blocked(text)
    stack: list[tuple[int, str]] = []
    bad: list[Spot] = []
    for i, ch in enumerate(text):
        if (ch not in opens and ch not in closes) or _inside(i, blocked):
            continue
        if ch in opens:
            stack.append((i, ch))
        elif stack and stack[-1][1] == closes[ch]:
            stack.pop()
        else:
            bad.append(Spot(i, i + 1, ch))
    bad += [Spot(i, i + 1, ch) for i, ch in stack]
    return sorted(bad, key=lambda s: s.start)


def _emoji(ch: str) -> bool:
    return unicodedata.category(ch) == "So" or "\U0001f000" <= ch <= "\U0001faff"


def invisible_characters(text: str, nbsp: bool) -> list[Spot]:
    """Z005: zero-width characters, BOM, bidi marks, control characters (and NBSP).
    A zero-width joiner inside an emoji sequence is part of the emoji and is kept."""
    spots: list[Spot] = []
    for m in _INVISIBLE.finditer(text):
        ch, i = m.group(), m.start()
        if ch == "\u00a0":
            if nbsp:
                spots.append(Spot(i, i + 1, ch, " "))
            continue
        if ch == "\u200d" and 0 < i < len(text) - 1 and _emoji(text[i - 1]) and _emoji(text[i + 1]):
            continue
        spots.append(Spot(i, i + 1, ch, ""))
    return spots


def describe(ch: str) -> str:
    """``U+200B ZERO WIDTH SPACE`` for messages about characters nobody can see."""
    name = unicodedata.name(ch, "CONTROL CHARACTER")
    return f"U+{ord(ch):04X} {name}"


# Simplified characters that are also ordinary Traditional characters in some words
# (了解, 周末, 台灣, 公里, 面條…): never evidence of mixing on their own.
_BOTH = set(
    "了周台里面系只干发后松云范征余并制准么着于丑卜斗谷划伙几价借据卷克困腊累历帘梁霉蒙"
    "弥苹仆朴千签秋曲舍沈适术坛涂团闲向须咽叶佣涌游御郁愿扎占折症志致钟种朱筑冲咸"
)


@functools.lru_cache(maxsize=4)
def _cc(name: str) -> object:
    import opencc

    return opencc.OpenCC(name)


def _changed(text: str, name: str) -> set[int]:
    out = str(_cc(name).convert(text))  # type: ignore[attr-defined]
    if len(out) != len(text):
        return set()
    return {i for i, (a, b) in enumerate(zip(text, out, strict=True)) if a != b}


def script_mix(text: str) -> tuple[list[int], list[int]]:
    """Z006: offsets of Traditional-only and Simplified-only characters in ``text``.
    Simplified-only means every Traditional standard (s2t, Taiwan, Hong Kong) changes it."""
    if text.isascii():
        return [], []
    simplified = to_simplified(text)  # cached: the wording rules converted it already
    if simplified == text or len(simplified) != len(text):
        return [], []
    trad = [i for i, (a, b) in enumerate(zip(text, simplified, strict=True)) if a != b]
    if not trad:
        return [], []
    simp = _changed(text, "s2t") & _changed(text, "s2tw") & _changed(text, "s2hk")
    simp_list = sorted(i for i in simp if text[i] not in _BOTH and i not in trad)
    return trad, simp_list
