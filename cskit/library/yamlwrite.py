"""Writing entries back to YAML without disturbing anything else.

Only the text of the entries that change is re-emitted (through ruamel's round-trip
dumper, which keeps the entry's own comments, key order and quoting); every other byte of
the file is copied as it was. The result is re-read with the fast reader and compared with
what was intended before anything is written. :func:`apply_edits` then writes every file
through :func:`cskit.transaction.commit`: under the library's write lock, only if each file
still holds what the edit was planned against, and all files or none, even if the process
is killed.
"""

from __future__ import annotations

import io
import itertools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cskit import transaction
from cskit.errors import StaleFile, WriteError
from cskit.yamlread import YamlError, parse

if TYPE_CHECKING:
    from cskit.library.model import Library

# Characters that a literal block cannot carry faithfully; such strings are double-quoted.
_UNSAFE_BLOCK = re.compile(
    r"[\u2028\u2029\u0085\x00-\x08\x0b-\x1f\x7f\ufeff]|[ \t]+\n|[ \t]+$|^\t|\n\t"
)
_COMMENT_GAP = re.compile(r"\s+#")
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&([^\s,\[\]{}]+)")


__all__ = ["FileEdit", "WriteError", "apply_edits", "plan_text"]


@dataclass
class FileEdit:
    """Changes to one file: field updates per entry index, and entries to append."""

    path: Path
    updates: dict[int, dict[str, Any]] = field(default_factory=dict)  # value None = delete
    appends: list[dict[str, Any]] = field(default_factory=list)
    # the content digest the edit was planned against (a SourceFile's), if known
    expect: str | None = None


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap long Chinese lines
    y.allow_unicode = True
    return y


NEW_FILE = "entries:\n"


def plan_text(edit: FileEdit) -> tuple[str, str]:
    """Return ``(old text, new text)`` for an edit without writing anything.

    An edit that only appends to a file that does not exist yet creates it (old text ``""``).
    """
    _blob, old, new = _plan(edit)
    return old, new


def _plan(edit: FileEdit) -> tuple[bytes | None, str, str]:
    if not edit.path.exists() and edit.appends and not edit.updates:
        new = _apply(NEW_FILE, edit)
        _verify("", new, edit)
        return None, "", new
    try:
        blob = edit.path.read_bytes()
        old = blob.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise WriteError(f"cannot read {edit.path}: {exc}") from None
    new = _apply(old, edit)
    _verify(old, new, edit)
    return blob, old, new


def apply_edits(edits: list[FileEdit], library: Library | None = None) -> list[Path]:
    """Plan every edit first (any failure writes nothing), then write all files as one
    transaction (:func:`cskit.transaction.commit`). ``library``: the library the edits were
    planned from; each file must still be as it was when that library was loaded (else
    :class:`~cskit.errors.StaleFile`, nothing written), and its write lock and journal
    are used."""
    known = {s.path.resolve(): s.digest for s in library.files} if library is not None else None
    changes: list[transaction.Change] = []
    for edit in edits:
        if not (edit.updates or edit.appends):
            continue
        blob, old, new = _plan(edit)
        read = transaction.ABSENT if blob is None else transaction.digest(blob)
        expect = edit.expect
        if expect is None:
            # planned from a loaded library: as it was then (a file it did not have must
            # still be absent); else as this plan read it
            expect = read if known is None else known.get(edit.path.resolve(), transaction.ABSENT)
        if read != expect:
            raise StaleFile(
                "这个文件在本次运行读取之后被改动过（另一个 cskit 进程或编辑器？）；什么都没有写入",
                str(edit.path),
                "重新运行这条命令，它会基于最新的内容",
                en="this file changed after this run read it (another cskit run or an "
                "editor?); nothing was written",
                hint_en="run the command again: it will work on the current content",
            )
        if old != new:
            changes.append(transaction.Change(edit.path, new, expect))
    if not changes:
        return []
    root = library.config.root if library is not None else library_root([c.path for c in changes])
    return transaction.commit(root, changes)


def library_root(paths: list[Path]) -> Path:
    """The folder of the cskit.yaml above these files (where the write lock and journal
    live), or their common folder when there is none."""
    from cskit.config.model import CONFIG_NAME

    common = Path(os.path.commonpath([str(p.resolve().parent) for p in paths]))
    for folder in (common, *common.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return next(f for f in (common, *common.parents) if f.is_dir())  # new folders: above them


# --- splicing ----------------------------------------------------------------------------


def _apply(text: str, edit: FileEdit) -> str:
    lines = text.splitlines(keepends=True)
    try:
        doc = parse(text)
    except YamlError as exc:
        raise WriteError(
            f"{edit.path}:{exc.line}: cannot edit a file that does not parse"
        ) from None
    data = doc.data if isinstance(doc.data, dict) else ({} if doc.data is None else None)
    items = data.get("entries") if data else None
    if data is None or (items is not None and not isinstance(items, list)):
        raise WriteError(f"{edit.path}: not an entry file (no entries: list)")
    items = items or []
    spans = [_span(lines, doc.marks, i, len(items)) for i in range(len(items))]
    out = list(lines)
    if edit.appends:
        dash = spans[0][2] if spans else 2
        body = "".join(_emit_new(e, dash) for e in edit.appends)
        if spans:
            gap = "\n" if _blank_between(lines, spans) else ""
            at = spans[-1][1]
            if at > 0 and not out[at - 1].endswith("\n"):
                out[at - 1] += "\n"
            out.insert(at, gap + body)
        else:
            result = "".join(out)
            if "entries" in data:
                result = re.sub(r"(?m)^entries:.*$", "entries:", result, count=1)
            else:
                result += ("" if not result or result.endswith("\n") else "\n") + "entries:"
            out = [result.rstrip("\n") + "\n" + body]
    # Appends sit after every entry, so replacing bottom-up keeps each span's indexes valid.
    for index in sorted(edit.updates, reverse=True):
        if index >= len(items):
            raise WriteError(f"{edit.path}: no entry #{index}")
        start, end, dash = spans[index]
        fragment = "".join(lines[start:end])
        rewritten = _rewrite(fragment, dash, edit.updates[index])
        lost = set(_ANCHOR.findall(fragment)) - set(_ANCHOR.findall(rewritten))
        if lost:
            raise WriteError(
                f"{edit.path}: entry #{index} defines the YAML anchor &{sorted(lost)[0]}, "
                "which rewriting it would lose; nothing written",
                hint="make this change in the YAML file by hand",
            )
        out[start:end] = [_keep_comment_columns(fragment, rewritten)]
    return "".join(out)


def _keep_comment_columns(old: str, new: str) -> str:
    """ruamel moves end-of-line comments of a re-emitted entry; put back every line that only
    differs from an original line in the spaces before its comment."""
    originals = {_COMMENT_GAP.sub(" #", ln): ln for ln in old.splitlines(True) if " #" in ln}
    if not originals:
        return new
    return "".join(originals.get(_COMMENT_GAP.sub(" #", ln), ln) for ln in new.splitlines(True))


def _span(lines: list[str], marks: dict[Any, Any], i: int, count: int) -> tuple[int, int, int]:
    """(first line, end line exclusive, dash column) of entry ``i``, 0-based."""
    mark = marks[("entries", i)]
    line = mark[0] - 1
    dash = _find_dash(lines, line, mark[1] - 1)
    if i + 1 < count:
        nxt = marks[("entries", i + 1)]
        end = nxt[0] - 1
        while (end > line + 1 and lines[end - 1].strip() == "") or (
            end > line + 1 and _is_gap_comment(lines[end - 1], dash)
        ):
            end -= 1
        return line, max(end, line + 1), dash
    end = line + 1
    while end < len(lines):
        text = lines[end]
        stripped = text.strip()
        indent = len(text) - len(text.lstrip(" "))
        if stripped and not stripped.startswith("#") and indent <= dash:
            break
        end += 1
    while end > line + 1 and (
        lines[end - 1].strip() == "" or _is_gap_comment(lines[end - 1], dash)
    ):
        end -= 1
    return line, end, dash


def _is_gap_comment(text: str, dash: int) -> bool:
    stripped = text.lstrip(" ")
    return stripped.startswith("#") and len(text) - len(stripped) <= dash


def _find_dash(lines: list[str], line: int, col: int) -> int:
    text = lines[line]
    pos = text.rfind("-", 0, col)
    if pos >= 0 and text[:pos].strip() == "":
        return pos
    return max(col - 2, 0)


def _blank_between(lines: list[str], spans: list[tuple[int, int, int]]) -> bool:
    if len(spans) < 2:
        return False
    return any(lines[k].strip() == "" for k in range(spans[0][1], spans[1][0]))


def _rewrite(fragment: str, dash: int, changes: dict[str, Any]) -> str:
    y = _yaml()
    dedented = "".join(
        ln[dash:] if ln[:dash].strip() == "" else ln for ln in fragment.splitlines(True)
    )
    try:
        seq = y.load(dedented)
    except Exception as exc:  # ruamel raises many kinds; an alias to another entry is one
        raise WriteError(
            f"cannot rewrite an entry on its own ({str(exc).splitlines()[0]}); nothing written",
            hint="make this change in the YAML file by hand (YAML aliases to other entries?)",
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


def _emit_new(entry: dict[str, Any], dash: int) -> str:
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


def _verify(old: str, new: str, edit: FileEdit) -> None:
    try:
        before = parse(old).data or {}
        after_doc = parse(new)
    except YamlError as exc:
        raise WriteError(
            f"{edit.path}: the edited file would not parse (line {exc.line}); nothing written"
        ) from None
    after = after_doc.data or {}
    if after_doc.duplicate_keys:
        raise WriteError(f"{edit.path}: the edit would create a duplicate key; nothing written")
    old_items = list(before.get("entries") or [])
    new_items = list(after.get("entries") or [])
    expected = []
    for i, item in enumerate(old_items):
        changes = edit.updates.get(i, {})
        merged = {k: v for k, v in {**item, **changes}.items() if v is not None}
        if changes:
            merged = {k: v for k, v in item.items() if k not in changes or changes[k] is not None}
            merged.update({k: v for k, v in changes.items() if v is not None})
        expected.append(merged)
    expected += [{k: v for k, v in e.items() if v is not None} for e in edit.appends]
    if new_items != expected:
        bad = next(
            (i for i, (a, b) in enumerate(zip(new_items, expected, strict=False)) if a != b),
            min(len(new_items), len(expected)),
        )
        raise WriteError(
            f"{edit.path}: entry #{bad} would not read back as intended; nothing written",
            hint="report this as a cskit bug with the file attached",
        )
    rest_old = {k: v for k, v in before.items() if k != "entries"}
    rest_new = {k: v for k, v in after.items() if k != "entries"}
    if rest_old != rest_new:
        raise WriteError(f"{edit.path}: the edit would change defaults; nothing written")
