"""Writing entries back to YAML without disturbing anything else.

Only the text of the entries that change is re-emitted (:mod:`cskit.library.yamlemit`,
through ruamel's round-trip dumper, which keeps the entry's own comments, key order and
quoting); every other byte of the file is copied as it was. The result is re-read with the
fast reader and compared with what was intended before anything is written.
:func:`apply_edits` then writes every file through :func:`cskit.transaction.commit`: under
the library's write lock, only if each file still holds what the edit was planned against,
and all files or none, even if the process is killed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cskit import transaction
from cskit.errors import StaleFile, WriteError
from cskit.library.yamlemit import emit_new_entry, rewrite_entry
from cskit.yamlread import YamlError, parse

if TYPE_CHECKING:
    from cskit.library.model import Library

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
        raise WriteError(
            f"无法读取 {edit.path}：{exc}", en=f"cannot read {edit.path}: {exc}"
        ) from None
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
            "文件无法解析，不能修改",
            where=f"{edit.path}:{exc.line}",
            en="cannot edit a file that does not parse",
        ) from None
    data = doc.data if isinstance(doc.data, dict) else ({} if doc.data is None else None)
    items = data.get("entries") if data else None
    if data is None or (items is not None and not isinstance(items, list)):
        raise WriteError(
            "不是条目文件（没有 entries: 列表）",
            where=str(edit.path),
            en="not an entry file (no entries: list)",
        )
    items = items or []
    spans = [_span(lines, doc.marks, i, len(items)) for i in range(len(items))]
    out = list(lines)
    if edit.appends:
        dash = spans[0][2] if spans else 2
        body = "".join(emit_new_entry(e, dash) for e in edit.appends)
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
            raise WriteError(
                f"没有第 {index} 个条目", where=str(edit.path), en=f"no entry #{index}"
            )
        start, end, dash = spans[index]
        fragment = "".join(lines[start:end])
        rewritten = rewrite_entry(fragment, dash, edit.updates[index])
        lost = set(_ANCHOR.findall(fragment)) - set(_ANCHOR.findall(rewritten))
        if lost:
            anchor = sorted(lost)[0]
            raise WriteError(
                f"第 {index} 个条目定义了 YAML 锚点 &{anchor}，改写会丢失它；没有写入任何内容",
                where=str(edit.path),
                hint="请直接在 YAML 文件里手工修改",
                en=f"entry #{index} defines the YAML anchor &{anchor}, which rewriting it "
                "would lose; nothing written",
                hint_en="make this change in the YAML file by hand",
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


def _verify(old: str, new: str, edit: FileEdit) -> None:
    try:
        before = parse(old).data or {}
        after_doc = parse(new)
    except YamlError as exc:
        raise WriteError(
            f"改后的文件将无法解析（第 {exc.line} 行）；没有写入任何内容",
            where=str(edit.path),
            en=f"the edited file would not parse (line {exc.line}); nothing written",
        ) from None
    after = after_doc.data or {}
    if after_doc.duplicate_keys:
        raise WriteError(
            "修改会产生重复的键；没有写入任何内容",
            where=str(edit.path),
            en="the edit would create a duplicate key; nothing written",
        )
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
            f"第 {bad} 个条目写入后读回的内容与预期不符；没有写入任何内容",
            where=str(edit.path),
            hint="这是 cskit 的缺陷，请附上该文件报告",
            en=f"entry #{bad} would not read back as intended; nothing written",
            hint_en="report this as a cskit bug with the file attached",
        )
    rest_old = {k: v for k, v in before.items() if k != "entries"}
    rest_new = {k: v for k, v in after.items() if k != "entries"}
    if rest_old != rest_new:
        raise WriteError(
            "修改会改动 defaults；没有写入任何内容",
            where=str(edit.path),
            en="the edit would change defaults; nothing written",
        )
