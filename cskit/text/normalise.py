"""Text normalisation shared by every text rule and the duplicate finder.

- ``fold_width``: NFKC, so ``ＶＸ`` is ``VX`` and ``１２３`` is ``123``; Chinese full-width
  punctuation (，。！？) that NFKC would turn half-width is kept as it is.
- ``to_simplified``: Traditional → Simplified with OpenCC (``這款`` → ``这款``).
- ``mask_placeholders``: Jinja ``{{ … }}`` / ``{% … %}`` / ``{# … #}`` replaced by one
  private-use character each, so rules never match inside template code and positions
  outside the placeholders stay where they were.
- ``normalise``: all three, keeping a map from each output character to its input offset,
  so a finding in normalised text points at the right column of the original.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

PLACEHOLDER = "\ue000"  # private use: never in real text, never matched by a pattern
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
# Full-width punctuation that carries meaning in Chinese text; NFKC would make it ASCII.
_KEEP = set("，。！？：；（）［］｛｝＂＇～　｀")


_FOLDS: dict[int, str] = {}  # code point → its NFKC form, for characters that change
_SEEN: set[str] = set()  # characters already looked at
_SEEN_FOLDED: set[str] = set()  # the characters in _FOLDS, for a C-speed "anything to fold?"


def fold_width(text: str) -> str:
    """NFKC width folding that keeps Chinese full-width punctuation."""
    if text.isascii():
        return text
    if not _SEEN.issuperset(text):  # C-speed, and true for nearly every text after a few
        for ch in set(text).difference(_SEEN):
            folded = ch if ch in _KEEP else unicodedata.normalize("NFKC", ch)
            if folded != ch:
                _FOLDS[ord(ch)] = folded
                _SEEN_FOLDED.add(ch)
            _SEEN.add(ch)
    if _SEEN_FOLDED.isdisjoint(text):
        return text  # nothing in it changes (the usual case): skip the copy
    return text.translate(_FOLDS)


@functools.lru_cache(maxsize=1)
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Traditional → Simplified (OpenCC ``t2s``); ASCII text is returned as it is."""
    if text.isascii():
        return text
    return str(_converter().convert(text))  # type: ignore[attr-defined]


def mask_placeholders(text: str) -> str:
    """Replace each Jinja tag with one :data:`PLACEHOLDER` character."""
    return _JINJA.sub(PLACEHOLDER, text)


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus, for each of its characters, the offset in the original."""

    text: str
    offsets: tuple[int, ...] | None  # None: one for one (character i came from offset i)
    original: str

    def origin(self, index: int) -> int:
        """Offset in the original text of normalised character ``index``."""
        if self.offsets is None:
            return max(0, min(index, len(self.text) - 1))
        if not self.offsets:
            return 0
        return self.offsets[min(index, len(self.offsets) - 1)]

    def line_col(self, index: int) -> tuple[int, int]:
        """(line, column) inside the original text, both 0-based, of character ``index``."""
        at = self.origin(index)
        line = self.original.count("\n", 0, at)
        col = at - (self.original.rfind("\n", 0, at) + 1)
        return line, col


@functools.lru_cache(maxsize=32768)
def normalise(text: str, *, simplified: bool = True, mask: bool = True) -> Normalised:
    """Width-fold, optionally convert to Simplified and mask placeholders, with offsets."""
    if not (mask and "{" in text):
        folded_text = fold_width(text)
        if len(folded_text) == len(text):  # the usual case: one character for one
            if simplified and not folded_text.isascii():
                converted = to_simplified(folded_text)
                if len(converted) == len(folded_text):
                    folded_text = converted
            return Normalised(folded_text, None, text)
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    spans = list(_JINJA.finditer(text)) if mask and "{" in text else []
    for m in [*spans, None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        folded = fold_width(chunk)
        if len(folded) == len(chunk):  # the usual case: one character for one
            pieces.append(folded)
            offsets.extend(range(pos, end))
        else:
            for i, ch in enumerate(chunk):
                for out in fold_width(ch):
                    pieces.append(out)
                    offsets.append(pos + i)
        if m:
            pieces.append(PLACEHOLDER)
            offsets.append(m.start())
            pos = m.end()
    folded_text = "".join(pieces)
    if simplified and not folded_text.isascii():
        converted = to_simplified(folded_text)
        if len(converted) == len(folded_text):  # t2s is one-to-one for characters
            folded_text = converted
    return Normalised(folded_text, tuple(offsets), text)


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every Jinja tag in ``text``: rules must not look inside them."""
    return [m.span() for m in _JINJA.finditer(text)] if "{" in text else []
