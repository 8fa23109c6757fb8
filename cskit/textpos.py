"""Where a character of an entry's text stands in the file (1-based line and column).

Text rules find offsets inside a value (``entry.answer``); findings must point at the
file. The value's mark (``entry.value_mark(*key)``) says where and how it was written:

- a block scalar (``|``, ``|-``, ``>``): the value's line ``k`` is file line
  ``value_line + 1 + k``, at the block's indentation (read from the file);
- a one-line plain scalar: the value line, at value column + offset;
- a quoted scalar: the same, one column further for the opening quote.

Folded blocks and multi-line flow scalars are mapped line by line as written, which is
exact unless the writer folded lines; escapes in double-quoted strings are not undone.
"""

from __future__ import annotations

import functools
from pathlib import Path

from cskit.library import Entry


@functools.lru_cache(maxsize=256)
def _file_lines(path: Path, digest: str) -> tuple[str, ...]:
    try:
        return tuple(path.read_text(encoding="utf-8-sig").splitlines())
    except (OSError, UnicodeDecodeError):
        return ()


def _block_indent(entry: Entry, first_line: int) -> int:
    lines = _file_lines(entry.file.path, entry.file.digest)
    for text in lines[first_line - 1 :]:
        if text.strip():
            return len(text) - len(text.lstrip(" "))
    return 0


def text_position(
    entry: Entry, key: tuple[str | int, ...], text: str, offset: int
) -> tuple[int, int]:
    """File (line, column), 1-based, of character ``offset`` of ``text`` (the value at ``key``)."""
    mark = entry.value_mark(*key)
    if mark is None:
        return entry.position(*key)
    offset = max(0, min(offset, len(text)))
    k = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1)
    _kl, _kc, value_line, value_col, style = mark
    if style in ("|", ">"):
        indent = _block_indent(entry, value_line + 1)
        return value_line + 1 + k, indent + col + 1
    if k == 0:
        return value_line, value_col + col + (1 if style in ('"', "'") else 0)
    # A multi-line flow scalar: continuation lines are indented; find the line's indentation.
    lines = _file_lines(entry.file.path, entry.file.digest)
    at = value_line + k
    if 0 < at <= len(lines):
        line_text = lines[at - 1]
        return at, len(line_text) - len(line_text.lstrip(" ")) + col + 1
    return at, col + 1
