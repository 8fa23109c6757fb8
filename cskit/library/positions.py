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
from collections.abc import Callable
from pathlib import Path

from cskit.library.model import Entry


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


def line_text(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line - 1] if 0 < line <= len(lines) else ""


def offset_to_line_col(text: str, offset: int) -> tuple[int, int]:
    """(1-based line, 0-based column) of an offset inside a template text."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1)


def entry_text_position(
    entry: Entry,
    key: tuple[str | int, ...],
    line: int,
    col: int,
    file_lines: Callable[[], list[str]] | None = None,
) -> tuple[int, int]:
    """Where line/column of an entry's text (``answer``, ``channels.sms``) is in its file."""
    mark = entry.value_mark(*key)
    if mark is None:
        return entry.position(*key)
    _kl, _kc, vline, vcol, style = mark
    if style in ("|", ">"):
        file_line = vline + line
        if file_lines is None:
            file_lines = functools.partial(_read_lines, entry.file.path)
        lines = file_lines()
        raw = lines[file_line - 1] if 0 < file_line <= len(lines) else ""
        indent = len(raw) - len(raw.lstrip(" "))
        return file_line, indent + col + 1
    if line == 1:
        return vline, vcol + col + (1 if style in ('"', "'") else 0)
    return vline + line - 1, 1


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return []
