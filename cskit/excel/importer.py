"""``cskit import``: a three-way merge of an edited workbook into the library, all or nothing.

Rows are matched by ``id`` only. An exported row is compared field by field
(:mod:`cskit.excel.compare`); a row without an id, or with one no entry and no export had, is
a new entry (:mod:`cskit.excel.create`), unless an earlier import of the same row made it
already; a row deleted from the sheet is reported missing and its entry kept. Every cell is
validated (``schema.check_value``), the planned YAML edits are re-read and the would-be
library is linted for the rows the editor changed (:mod:`cskit.excel.check`: only what the
editor did may block) — only then, if nothing is wrong, is anything written.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from cskit.excel.base import Meta, blob_id, git_blobs, row_hash, row_values, values_by_id
from cskit.excel.check import plan_and_check
from cskit.excel.compare import Rows, compare, duplicate_id
from cskit.excel.create import NewRows
from cskit.excel.plan import EntryReport, ImportResult, Plan, finish
from cskit.excel.read import Problem, Sheet
from cskit.library.model import Entry, Library
from cskit.library.yamlwrite import apply_edits


def import_sheet(
    lib: Library, sheet: Sheet, *, as_of: dt.date, dry_run: bool, lang: str | None = None
) -> ImportResult:
    """Compare, validate and (unless ``dry_run`` or refused) write. Returns the report."""
    result = ImportResult([], list(sheet.problems))
    now = {e.id: e for e in lib.entries if e.id}
    values = {rid: row_values(e.data) for rid, e in now.items()}
    base, result.base_source = _base(lib, sheet.meta, result.sheet_problems, values)
    rows = Rows(lib, as_of, now, values, base)
    dupes = {i for i, n in Counter(r.id for r in sheet.rows if r.id).items() if n > 1}
    exported = set(sheet.meta.rows) if sheet.meta else set()
    on_sheet = {r.id for r in sheet.rows if r.id}
    new_rows = NewRows(rows, exported, on_sheet)
    plan = Plan()
    seen: set[str] = set()
    for row in sheet.rows:
        seen.add(row.id)
        if "id" in row.bad:  # an id cell that is a number, a formula…: never a new entry
            report = finish(EntryReport("", row=row.row, problems=list(row.problems)))
        elif row.id in dupes:
            report = duplicate_id(row)
        elif not row.id or (row.id not in now and row.id not in exported):
            report = new_rows.create(row, plan)  # generated id, or the one the editor typed
        elif row.id in now and sheet.meta is not None and row.id not in exported:
            report = new_rows.known_id(row)
        else:
            report = compare(rows, row, plan)
        result.entries.append(report)
    for rid in exported:
        if rid not in seen and rid in now:
            result.entries.append(_missing(rid, now[rid]))
    if plan.edits:  # also when already refused: the editor sees every problem at once
        plan_and_check(lib, plan, result, as_of, lang)
    if not result.refused and plan.edits and not dry_run:
        written = apply_edits(list(plan.edits.values()), lib)  # locked, checked, atomic
        result.written = bool(written)
    return result


# --- the base ----------------------------------------------------------------------------------


def _base(
    lib: Library, meta: Meta | None, problems: list[Problem], now: dict[str, dict[str, str]]
) -> tuple[dict[str, dict[str, str]], str]:
    """Base values by id. A file unchanged since the export is its own base (``now``); a
    changed one is read from git by the blob id the export recorded; the sheet's own copy is
    the fallback, used only where its hash holds."""
    if meta is None:
        return {}, "none"
    root = lib.root.resolve()
    unchanged: set[str] = set()
    for rel, blob in meta.files.items():
        try:
            if blob_id((root / rel).read_bytes()) == blob:
                unchanged.add(rel)
        except OSError:
            pass
    wanted = {rel: blob for rel, blob in meta.files.items() if rel not in unchanged}
    blobs = git_blobs(root, sorted(set(wanted.values())))
    by_file = {rel: values_by_id(blobs[b]) for rel, b in wanted.items() if b in blobs}
    base: dict[str, dict[str, str]] = {}
    tampered = from_sheet = 0
    for rid, row in meta.rows.items():
        rel = str(row.get("f"))
        known = now.get(rid) if rel in unchanged else by_file.get(rel, {}).get(rid)
        if known is not None:
            base[rid] = known
            tampered += row_hash(known) != row.get("h") or meta.base_values(rid) != known
        elif meta.trusted.get(rid):
            base[rid] = meta.base_values(rid) or {}
            from_sheet += 1
    if tampered:
        problems.append(
            Problem(
                "warning",
                f"隐藏的导出基准有 {tampered} 行与 git 中的版本不符，已以 git 为准",
                f"{tampered} rows of the hidden base differ from git; git was used",
            )
        )
    untrusted = [rid for rid in meta.rows if rid not in base]
    if untrusted:
        problems.append(
            Problem(
                "warning",
                f"{len(untrusted)} 行没有可信的导出基准（隐藏数据被改动且 git 里找不到），"
                "这些行与话术库不同的字段按冲突处理",
                f"{len(untrusted)} rows have no trustworthy base; differing fields are conflicts",
            )
        )
    return base, "sheet" if from_sheet else "git"


def _missing(rid: str, entry: Entry) -> EntryReport:
    return EntryReport(
        rid,
        action="missing",
        file=entry.file.display,
        note_zh="表格里没有这一行；话术库里的条目保持不变（要停用请把状态改成“停用”）",
        note_en="not in the sheet; the library entry is kept (to retire it, set status archived)",
    )
