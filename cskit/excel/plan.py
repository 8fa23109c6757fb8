"""Planning an import: the report model, new entries' ids and files, and the check of the
planned YAML edits (re-read, compared with the sheet, linted) before anything is written."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskit.config.schema import ID_PATTERN
from cskit.errors import ConfigError
from cskit.excel.base import row_values
from cskit.excel.read import Problem
from cskit.library.load import with_texts
from cskit.library.model import Library
from cskit.library.yamlwrite import FileEdit, WriteError, plan_text

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
    if report.action in ("invalid", "conflict") and report.note_en == RETIRED[1]:
        report.note_zh = report.note_en = ""  # nothing happens to a refused entry
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
                f"import_files.{category}：{configured} 不是库里的 .yaml 文件",
                where=lib.config.where("import_files", category),
                hint=f"请写 {lib.root} 下的路径，例如 scripts/{category}.yaml",
                en=f"import_files.{category}: {configured} is not a .yaml file inside the library",
                hint_en=f"a path under {lib.root}, e.g. scripts/{category}.yaml",
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


# --- planning, linting, verifying --------------------------------------------------------------


def plan_and_check(
    lib: Library, plan: Plan, result: ImportResult, as_of: dt.date, lang: str | None
) -> None:
    from cskit.lint.engine import lint

    by_id = {e.id: e for e in result.entries if e.id}
    texts: dict[Path, str] = {}
    for path, edit in plan.edits.items():
        try:
            old, new = plan_text(edit)
        except WriteError as exc:
            result.sheet_problems.append(
                Problem("error", f"无法写入：{exc}", f"cannot write: {exc}")
            )
            return
        if old != new:
            texts[path] = new
    result.files = sorted(str(p) for p in texts)
    after = with_texts(lib, texts)
    touched = {e for e in after.entries if e.id in plan.changed}
    for entry in touched:  # the files read back as exactly what the sheet said
        now = row_values(entry.data)
        for key, text in plan.changed[entry.id].items():
            if now[key] != text and entry.id in by_id:
                by_id[entry.id].problems.append(
                    Problem(
                        "error",
                        f"写入后读回的值与表格不一致：{now[key]!r}",
                        f"reads back as {now[key]!r}, not what the sheet says",
                        field=key,
                        hint_en="report this as a cskit bug",
                    )
                )
    findings = lint(after, as_of=as_of, changed={id(e) for e in touched}, lang=lang).findings
    file_level = [f for f in findings if f.entry is None and f.severity != "info"]
    if file_level:  # templates and the like: only what this import would newly break counts
        before = {id(e) for e in lib.entries if e.id in plan.changed}
        known = {
            (f.code, f.file, f.message_en)
            for f in lint(lib, as_of=as_of, changed=before, lang=lang).findings
            if f.entry is None
        }
        for f in file_level:
            if (f.code, f.file, f.message_en) in known:
                continue
            zh = f"{f.code} {f.file}:{f.line}: {f.message_zh}"
            en = f"{f.code} {f.file}:{f.line}: {f.message_en}"
            owner = by_id.get(f.evidence or "")
            fields = plan.changed.get(owner.id, {}) if owner else {}
            cell = (
                next((owner.row_cells[k] for k in fields if k in owner.row_cells), "")
                if owner
                else ""
            )
            problem = Problem("error" if f.severity == "error" else "warning", zh, en, cell=cell)
            (owner.problems if owner else result.sheet_problems).append(problem)
    # An error the entry already had before this import is not the editor's doing: it is
    # reported as a warning, so fixing a typo in a title is not refused for an old conflict.
    already = Counter[tuple[str, str, str]]()
    if any(f.entry is not None and f.severity == "error" for f in findings):
        before_ids = {id(e) for e in lib.entries if e.id in plan.changed}
        already.update(
            (f.code, f.entry_id or "", f.fingerprint())
            for f in lint(lib, as_of=as_of, changed=before_ids, lang=lang).findings
            if f.entry is not None and f.severity == "error"
        )
    for f in findings:
        if f.entry is None or f.severity == "info":
            continue
        report = by_id.get(f.entry.id) or next(
            (by_id[r.entry_id] for r in f.related if r.entry_id in plan.changed), None
        )
        if report is None:
            continue
        sev = "error" if f.severity == "error" else "warning"
        zh, en = f"{f.code} {f.message_zh}", f"{f.code} {f.message_en}"
        mark = (f.code, f.entry_id or "", f.fingerprint())
        if sev == "error" and already[mark] > 0:
            already[mark] -= 1
            sev = "warning"
            zh, en = f"{zh}（导入前已存在）", f"{en} (there before this import)"
        key = (f.key or "").split(".")[-1].split("[")[0] if report.id == f.entry.id else ""
        if key not in report.row_cells and f.code == "E004":
            key = f.evidence  # a missing field: point at its (empty) cell
        cell = report.row_cells.get(key, "")
        report.problems.append(Problem(sev, zh, en, cell=cell, field=key))
    for report in by_id.values():
        finish(report)
