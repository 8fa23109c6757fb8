"""Planning an import: the report model, and where new entries go (their ids and files).
The check of the planned edits before anything is written is :mod:`cskit.excel.check`."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskit.config.schema import ID_PATTERN
from cskit.errors import ConfigError
from cskit.excel.read import Problem
from cskit.library.model import Library
from cskit.library.yamlwrite import FileEdit

RETIRED = ("已归档（停用）", "retired (archived)")
ACTIONS = ("created", "updated", "unchanged", "conflict", "missing", "invalid")


@dataclass
class EntryReport:
    id: str
    action: str = "unchanged"
    fields: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    row: int = 0
    file: str = ""
    note_zh: str = ""
    note_en: str = ""
    row_cells: dict[str, str] = field(default_factory=dict)
    new: bool = False  # a row without an id in the sheet (or with one no entry had)
    # what the import does besides the fields (retire, record a review): said only when done
    effects: list[tuple[str, str]] = field(default_factory=list)

    def note(self, en: bool) -> str:
        """The note, and the effects when the entry is written."""
        parts = [self.note_en if en else self.note_zh]
        if self.action in ("created", "updated"):
            parts += [e[1] if en else e[0] for e in self.effects]
        return ("; " if en else "；").join(p for p in parts if p)


@dataclass
class ImportResult:
    entries: list[EntryReport]
    sheet_problems: list[Problem]
    written: bool = False
    files: list[str] = field(default_factory=list)  # files written (or that would be)
    base_source: str = ""  # git, sheet or none

    @property
    def refused(self) -> bool:
        return any(e.action in ("invalid", "conflict") for e in self.entries) or any(
            p.severity == "error" for p in self.sheet_problems
        )

    def summary(self) -> dict[str, int]:
        counts = Counter(e.action for e in self.entries)
        return {a: counts.get(a, 0) for a in ACTIONS}


@dataclass
class Plan:
    edits: dict[Path, FileEdit] = field(default_factory=dict)
    changed: dict[str, dict[str, str]] = field(default_factory=dict)  # id → field → sheet text

    def edit(self, path: Path) -> FileEdit:
        return self.edits.setdefault(path, FileEdit(path))


def has_errors(report: EntryReport) -> bool:
    return any(p.severity in ("error", "conflict") for p in report.problems)


def finish(report: EntryReport) -> EntryReport:
    if any(p.severity == "error" for p in report.problems):
        report.action = "invalid"
    elif any(p.severity == "conflict" for p in report.problems):
        report.action = "conflict"
    cells = {p.cell for p in report.problems if p.cell and p.severity != "note"}
    cells |= {report.row_cells[k] for k in report.fields if k in report.row_cells}
    report.cells = sorted(cells, key=cell_order)
    return report


def cell_order(cell: str) -> tuple[int, int, str]:
    m = re.search(r"!([A-Z]+)(\d+)$", cell)
    if not m:
        return (0, 0, cell)
    letters = m.group(1)
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return (int(m.group(2)), col, cell)


# --- new entries -------------------------------------------------------------------------------


def new_id(category: str, values: dict[str, Any], taken: set[str]) -> str:
    """``<category>-<hash>``: matches the id pattern, unique, the same on every run."""
    slug = re.sub(r"[^a-z0-9._-]+", "-", category.lower()).strip("-._")[:40] or "entry"
    if not slug[0].isalnum():
        slug = "entry"
    seed = "\n".join(str(values.get(k, "")) for k in ("title", "answer", "questions"))
    digest = hashlib.blake2b(seed.encode("utf-8"), digest_size=16).hexdigest()
    for n in range(6, 33, 2):
        rid = f"{slug}-{digest[:n]}"
        if rid not in taken and ID_PATTERN.match(rid):
            return rid
    k = 2
    while f"{slug}-{digest[:8]}-{k}" in taken:
        k += 1
    return f"{slug}-{digest[:8]}-{k}"


def target_file(lib: Library, category: str) -> Path:
    """Where a new entry of ``category`` goes: config ``import_files``, else the file holding
    most entries of that category, else ``<library>/<category>.yaml``."""
    configured = lib.config.import_files.get(category)
    if configured:
        path = lib.config.root / configured  # relative to cskit.yaml, like templates:
        inside = path.resolve().is_relative_to(lib.root.resolve())
        if not inside or path.suffix not in (".yaml", ".yml"):
            raise ConfigError(
                f"import_files.{category}: {configured} is not a .yaml file inside the library",
                where=lib.config.where("import_files", category),
                hint=f"a path under {lib.root}, e.g. scripts/{category}.yaml",
            )
        return path
    counts = Counter(e.file.path for e in lib.entries if e.category == category)
    if counts:
        best = max(counts.values())
        return next(f.path for f in lib.files if counts.get(f.path) == best)
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", category).strip("-.") or "imported"
    return lib.root / f"{slug}.yaml"


def file_defaults(lib: Library, path: Path) -> dict[str, Any]:
    for f in lib.files:
        if f.path.resolve() == path.resolve() and isinstance(f.data, dict):
            d = f.data.get("defaults")
            return d if isinstance(d, dict) else {}
    return {}
