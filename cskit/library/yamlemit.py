"""Emitting one entry as YAML: an existing entry re-emitted with changes, or a new one.

Both go through ruamel's round-trip dumper, so a rewritten entry keeps its own comments,
key order, quoting and indentation. Strings keep their style: a literal block stays one,
new multi-line text becomes one, a quoted string stays quoted, and a plain string that
would read back as something else (``no``, ``1.0``) is quoted. Only the entry is emitted;
:mod:`cskit.library.yamlwrite` splices it into the file and checks the result.
"""

from __future__ import annotations

import io
import itertools
import re
from typing import Any

from cskit.errors import WriteError
from cskit.yamlread import YamlError, parse

# Characters that a literal block cannot carry faithfully; such strings are double-quoted.
_UNSAFE_BLOCK = re.compile(
    r"[\u2028\u2029\u0085\x00-\x08\x0b-\x1f\x7f\ufeff]|[ \t]+\n|[ \t]+$|^\t|\n\t"
)


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap long Chinese lines
    y.allow_unicode = True
    return y


def rewrite_entry(fragment: str, dash: int, changes: dict[str, Any]) -> str:
    """The entry ``fragment`` (its lines, its dash at column ``dash``) re-emitted with
    ``changes`` applied (value None: the key is removed), in the entry's own indentation."""
    y = _yaml()
    dedented = "".join(
        ln[dash:] if ln[:dash].strip() == "" else ln for ln in fragment.splitlines(True)
    )
    try:
        seq = y.load(dedented)
    except Exception as exc:  # ruamel raises many kinds; an alias to another entry is one
        reason = str(exc).splitlines()[0]
        raise WriteError(
            f"无法单独改写这个条目（{reason}）；没有写入任何内容",
            hint="请直接在 YAML 文件里手工修改（是否用了指向其他条目的 YAML 别名？）",
            en=f"cannot rewrite an entry on its own ({reason}); nothing written",
            hint_en="make this change in the YAML file by hand (YAML aliases to other entries?)",
        ) from None
    entry = seq[0]
    for key, value in changes.items():
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = _styled(value, entry.get(key))
    _set_indent(y, dedented)
    buf = io.StringIO()
    y.dump(seq, buf)
    return _indent(_to_column_zero(buf.getvalue()), dash)


def emit_new_entry(entry: dict[str, Any], dash: int) -> str:
    """A new entry as a sequence item with its dash at column ``dash`` (None values left out)."""
    from ruamel.yaml.comments import CommentedMap

    y = _yaml()
    y.indent(mapping=2, sequence=4, offset=2)
    node = CommentedMap()
    for key, value in entry.items():
        if value is not None:
            node[key] = _styled(value, None)
    buf = io.StringIO()
    y.dump([node], buf)
    return _indent(_to_column_zero(buf.getvalue()), dash)


def _to_column_zero(text: str) -> str:
    """ruamel indents a top-level sequence by its ``offset``; move it back to column 0."""
    first = text.splitlines()[0] if text else ""
    pad = len(first) - len(first.lstrip(" "))
    if not pad:
        return text
    return "".join(ln[pad:] if ln[:pad].strip() == "" else ln for ln in text.splitlines(True))


def _set_indent(y: Any, fragment: str) -> None:
    first = fragment.splitlines()[0] if fragment else "- "
    m = re.match(r"-(\s+)", first)
    mapping = 1 + len(m.group(1)) if m else 2
    # nested sequences: how far their dashes sit from the parent key
    offset = 2
    lines = fragment.splitlines()
    for a, b in itertools.pairwise(lines):
        if a.rstrip().endswith(":") and b.lstrip().startswith("- "):
            offset = (len(b) - len(b.lstrip())) - (len(a) - len(a.lstrip()))
            break
    offset = max(0, offset)
    y.indent(mapping=mapping, sequence=max(mapping, offset + 2), offset=offset)


def _indent(text: str, dash: int) -> str:
    pad = " " * dash
    return "".join(pad + ln if ln.strip() else ln for ln in text.splitlines(True))


def _styled(value: Any, old: Any) -> Any:
    """Keep a string's block style; new multi-line text becomes a literal block."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    if not isinstance(value, str):
        return value
    if _UNSAFE_BLOCK.search(value):
        return DoubleQuotedScalarString(value)
    if "\n" in value or isinstance(old, LiteralScalarString):
        return LiteralScalarString(value)
    if isinstance(old, SingleQuotedScalarString | DoubleQuotedScalarString):
        return type(old)(value)
    if _needs_quotes(value):
        return DoubleQuotedScalarString(value) if "'" in value else SingleQuotedScalarString(value)
    return value


def _needs_quotes(value: str) -> bool:
    """Would this plain scalar read back as something other than the same string (here, or
    in a YAML 1.1 reader that takes ``no`` for false)?"""
    if value.lower() in ("y", "n", "yes", "no", "on", "off"):
        return True
    try:
        back = parse(f"k: {value}\n").data
    except YamlError:
        return True
    return not isinstance(back, dict) or back.get("k") != value
