"""The export's base: what each row said when it was exported, and where to find it again.

The hidden ``_cskit`` sheet carries the library's git revision, the git blob id of every
exported file, and per row its file, a hash and the rendered values themselves (JSON, in
chunks under Excel's 32,767-character cell limit). On import the base comes from git when the
blobs are there (``git cat-file``) and from the sheet otherwise; the sheet's copy is only a
hint, checked against its own hash, because a hidden sheet is easy to edit.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskit.errors import GitError
from cskit.excel.layout import BY_KEY, FIELD_COLUMNS, MARK, neutralise, render, restore
from cskit.yamlread import YamlError, parse

CHUNK = 30_000
# Every "_" that starts an _xHHHH_ look-alike (MARKs in between allowed) gets one more MARK.
_OOXML_ESCAPE = re.compile(r"_(?=\u2060*x[0-9A-Fa-f]{4}_)")
_OOXML_MARKED = re.compile(r"_\u2060(?=\u2060*x[0-9A-Fa-f]{4}_)")


def encode_cell(text: str) -> str:
    """Text as stored in a cell: formula triggers neutralised, ``_x000D_`` look-alikes broken
    (Excel and LibreOffice would decode them into control characters)."""
    return neutralise(_OOXML_ESCAPE.sub("_" + MARK, text) if "_" in text else text)


def decode_cell(text: str) -> tuple[str, bool]:
    """The inverse of :func:`encode_cell`: (text, whether the formula marker was there)."""
    text, marked = restore(text)
    if "_" not in text:
        return text, marked
    return _OOXML_MARKED.sub("_", text), marked


def row_values(data: dict[str, Any]) -> dict[str, str]:
    """Every field column's cell text for an entry's effective values (defaults applied)."""
    return {c.key: render(c.key, data.get(c.key)) for c in FIELD_COLUMNS}


def values_by_id(blob: bytes) -> dict[str, dict[str, str]]:
    """Rendered row values of every entry with an id in a file's content (bad files: none)."""
    try:
        data = parse(blob.decode("utf-8-sig")).data
    except (YamlError, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return {}
    found = data.get("defaults")
    defaults: dict[str, Any] = found if isinstance(found, dict) else {}
    out = {}
    for raw in data["entries"]:
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            out[raw["id"]] = row_values({**defaults, **raw})
    return out


def rel_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` in POSIX form (as given when it is outside)."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def row_hash(values: dict[str, str]) -> str:
    blob = json.dumps(values, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.blake2b(blob, digest_size=10).hexdigest()


def compact(values: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in values.items() if v != BY_KEY[k].default}


def expand(values: dict[str, str]) -> dict[str, str]:
    return {c.key: values.get(c.key, c.default) for c in FIELD_COLUMNS}


@dataclass
class Meta:
    """What the hidden sheet records about an export."""

    version: int = 1
    cskit: str = ""
    revision: str = ""
    exported_at: str = ""
    files: dict[str, str] = field(default_factory=dict)  # relative path → git blob id
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → {f, h, v}
    trusted: dict[str, bool] = field(default_factory=dict)  # id → stored hash matches values

    def to_cells(self) -> list[tuple[str, str]]:
        head = {
            "version": self.version,
            "cskit": self.cskit,
            "revision": self.revision,
            "exported_at": self.exported_at,
            "files": self.files,
        }
        out = [("header", json.dumps(head, ensure_ascii=False))]
        blob = json.dumps(self.rows, ensure_ascii=False, separators=(",", ":"))
        out += [("base", blob[i : i + CHUNK]) for i in range(0, len(blob), CHUNK)]
        return out

    @classmethod
    def from_cells(cls, cells: list[tuple[str, str]]) -> Meta:
        """Raises ``ValueError`` when the cells are not an intact metadata sheet."""
        head: dict[str, Any] | None = None
        chunks: list[str] = []
        for key, value in cells:
            if key == "header":
                head = json.loads(value)
            elif key == "base":
                chunks.append(value)
        if not isinstance(head, dict):
            raise ValueError("no header")
        rows = json.loads("".join(chunks)) if chunks else {}
        if not isinstance(rows, dict):
            raise ValueError("rows")
        meta = cls(
            version=int(head.get("version", 0)),
            cskit=str(head.get("cskit", "")),
            revision=str(head.get("revision", "")),
            exported_at=str(head.get("exported_at", "")),
            files={str(k): str(v) for k, v in (head.get("files") or {}).items()},
            rows=rows,
        )
        for rid, row in rows.items():
            values = expand(row.get("v") or {})
            meta.trusted[rid] = row_hash(values) == row.get("h")
        return meta

    def base_values(self, rid: str) -> dict[str, str] | None:
        row = self.rows.get(rid)
        return expand(row.get("v") or {}) if isinstance(row, dict) else None


# --- git --------------------------------------------------------------------------------------


def blob_id(data: bytes) -> str:
    """The id git gives this content (``git hash-object``), without running git."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def git_root(folder: Path) -> Path | None:
    out = _git(folder, "rev-parse", "--show-toplevel")
    return Path(out.strip()) if out else None


def git_head(folder: Path) -> str:
    out = _git(folder, "rev-parse", "--verify", "-q", "HEAD")
    return out.strip() if out else ""


def git_blobs(folder: Path, ids: list[str]) -> dict[str, bytes]:
    """The contents of the blobs git has, by id (missing ones are left out)."""
    if not ids:
        return {}
    from cskit.library.changes import read_batch

    try:
        found = read_batch(folder, ids)
    except (GitError, OSError):
        return {}
    return {i: data for i, data in found.items() if data is not None}


def git_show(folder: Path, rev: str, path: str) -> bytes | None:
    """A file as it was at ``rev`` (path relative to the repository root), or None."""
    return _git_bytes(folder, "show", f"{rev}:{path}")


def git_ok(folder: Path, rev: str) -> bool:
    return bool(_git(folder, "rev-parse", "--verify", "-q", f"{rev}^{{commit}}"))


def _git(folder: Path, *args: str) -> str | None:
    out = _git_bytes(folder, *args)
    return None if out is None else out.decode("utf-8", "replace")


def _git_bytes(folder: Path, *args: str) -> bytes | None:
    """Git's output, or None when git is missing or fails: without git the import falls
    back to the hashes the sheet keeps (cskit.library.changes.run_git is the strict form)."""
    from cskit.library.changes import run_git

    try:
        return run_git(list(args), folder)
    except (GitError, OSError):
        return None
