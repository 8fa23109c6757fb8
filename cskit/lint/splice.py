"""Character-exact splicing of fixed values into the file text, for ``lint --fix``.

Typography fixes change a few characters; re-emitting the entry through ruamel would also
re-space inline comments and drop comments inside nested maps. When a value is written as
a one-line plain or single-quoted scalar, or as a literal block (``|``), its text stands in
the file verbatim, so the old characters are replaced in place and nothing else moves. The
result is parsed again and must read back as exactly the intended data; if it does not, or
the value is written in another way (double quotes with escapes, folded blocks, multi-line
flow scalars), the caller falls back to ``cskit.library.yamlwrite``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from cskit.library.model import Entry
from cskit.yamlread import YamlError, parse


@dataclass
class ValueChange:
    entry: Entry
    key: tuple[str | int, ...]
    old: str
    new: str


def _path(entry: Entry, key: tuple[str | int, ...]) -> tuple[str | int, ...]:
    return ("entries", entry.index, *key)


def _splice_line(lines: list[str], change: ValueChange) -> bool:
    mark = change.entry.value_mark(*change.key)
    if mark is None:
        return False
    _kl, _kc, line, col, style = mark
    old, new = change.old, change.new
    if style in ("", "'") and "\n" not in old and "\n" not in new:
        if style == "'":
            old, new = old.replace("'", "''"), new.replace("'", "''")
            col += 1
        text = lines[line - 1]
        start = col - 1
        if text[start : start + len(old)] != old:
            return False
        lines[line - 1] = text[:start] + new + text[start + len(old) :]
        return True
    if style == "|":
        old_lines, new_lines = old.rstrip("\n").split("\n"), new.rstrip("\n").split("\n")
        if len(old_lines) != len(new_lines):
            return False
        body = lines[line : line + len(old_lines)]
        indent = next((len(t) - len(t.lstrip(" ")) for t in body if t.strip()), None)
        if indent is None or len(body) != len(old_lines):
            return False
        for k, (o, n) in enumerate(zip(old_lines, new_lines, strict=True)):
            current = lines[line + k]
            if o == "" and current.strip() == "":
                if n != "":
                    return False
                continue
            if current != " " * indent + o:
                return False
            lines[line + k] = " " * indent + n
        return True
    return False


def splice(text: str, changes: list[ValueChange]) -> str | None:
    """``text`` with every change spliced in, or None when that cannot be done exactly."""
    lines = text.split("\n")
    for change in changes:
        if not _splice_line(lines, change):
            return None
    new_text = "\n".join(lines)
    try:
        before, after = parse(text), parse(new_text)
    except YamlError:
        return None
    expected: Any = copy.deepcopy(before.data)
    for change in changes:
        target = expected
        path = _path(change.entry, change.key)
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = change.new
    if after.data != expected or after.duplicate_keys:
        return None
    return new_text
