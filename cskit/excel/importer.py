"""``cskit import``: a three-way merge of an edited workbook into the library, all or nothing.

For every row (matched by ``id`` only) and every field the comparison is between the export's
base, the library now and the sheet: a sheet-only change is applied, a library-only change is
kept, the same change on both sides is fine, different changes are a conflict. Every cell is
validated (``schema.check_value``), the would-be library is linted for the touched entries, and
the YAML edits are planned and verified — only then, if nothing is wrong, is anything written.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from cskit.excel.base import Meta, blob_id, git_blobs, row_hash, row_values
from cskit.excel.export import values_by_id
from cskit.excel.layout import BY_KEY, EDITABLE, render
from cskit.excel.plan import (
    RETIRED,
    EntryReport,
    ImportResult,
    Plan,
    file_defaults,
    finish,
    has_errors,
    new_id,
    plan_and_check,
    target_file,
)
from cskit.excel.read import Problem, Sheet, SheetRow
from cskit.excel.values import leading_quote, problem, sheet_value
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
    dupes = {i for i, n in Counter(r.id for r in sheet.rows if r.id).items() if n > 1}
    # what each exported row said, to recognise a row whose id was deleted
    copies = {_content_key(v): rid for rid, v in base.items()}
    plan = Plan()
    taken = set(now)
    seen: set[str] = set()
    for row in sheet.rows:
        if "id" in row.bad:  # an id cell that is a number, a formula…: never a new entry
            report = finish(EntryReport("", row=row.row, problems=list(row.problems)))
        elif not row.id:
            report = _create(lib, row, plan, taken, copies)
        else:
            seen.add(row.id)
            report = _compare(lib, row, now.get(row.id), values, base, row.id in dupes, plan)
        result.entries.append(report)
    for rid in sheet.meta.rows if sheet.meta else {}:
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


# --- one row -----------------------------------------------------------------------------------


def _compare(
    lib: Library,
    row: SheetRow,
    entry: Entry | None,
    values: dict[str, dict[str, str]],
    base_all: dict[str, dict[str, str]],
    duplicate: bool,
    plan: Plan,
) -> EntryReport:
    rid = row.id
    report = EntryReport(rid, row=row.row, problems=list(row.problems), row_cells=row.cells)
    base = base_all.get(rid)
    if duplicate:
        problem(
            report,
            row,
            "id",
            "error",
            f"编号 {rid} 在表格里出现了不止一次",
            f"id {rid} appears on more than one row",
            hint_zh="复制出来的新行请清空编号，导入时会生成新编号",
            hint_en="clear the id of the copied row to create a new entry",
        )
        return finish(report)
    if entry is None:
        if base is not None:
            report.note_zh = "导出后已从话术库删除，这一行被忽略"
            report.note_en = "deleted from the library since the export; row ignored"
            if _differs(lib, row, base):
                problem(
                    report,
                    row,
                    "id",
                    "conflict",
                    report.note_zh.replace("，这一行被忽略", "，但表格里改了它"),
                    "deleted from the library since the export, but edited in the sheet",
                )
            return finish(report)
        problem(
            report,
            row,
            "id",
            "error",
            f"话术库里没有编号 {rid}",
            f"no entry has the id {rid}",
            hint_zh="编号不能修改；要新增条目请清空编号",
            hint_en="ids cannot be edited; clear the id to create a new entry",
        )
        return finish(report)
    report.file = entry.file.display
    now = values[rid]
    changes: dict[str, Any] = {}
    for key in EDITABLE:
        if key in row.bad:
            continue
        b = base.get(key) if base is not None else None
        raw = row.raw.get(key, row.texts.get(key, ""))
        if raw == (b if b is not None else now[key]):
            continue  # untouched cell (even if normalising would change it)
        ok, value, s = sheet_value(lib, row, key, report)
        if not ok or s == (b if b is not None else now[key]):
            continue
        lib_now = now[key]
        if s == lib_now:
            continue  # both sides made the same change
        if b is not None and lib_now != b:
            problem(
                report,
                row,
                key,
                "conflict",
                "导出后话术库和表格都改了这个字段，改法不同",
                "changed both in the library and in the sheet since the export",
                hint_zh="和维护人员确认用哪一个；重新导出后再改",
                hint_en="agree which one is right, export again and redo the edit",
                base=b,
                library=lib_now,
                sheet=s,
            )
            continue
        if b is None:
            problem(
                report,
                row,
                key,
                "conflict",
                "没有导出基准，无法判断这个字段是表格改的还是话术库改的",
                "no export base: cannot tell whether the sheet or the library changed this",
                hint_zh="请重新导出后再改",
                hint_en="export again and redo the edit",
                library=lib_now,
                sheet=s,
            )
            continue
        if value is None and key in entry.data and key not in entry.raw:
            problem(
                report,
                row,
                key,
                "error",
                "这个值来自文件的默认值（defaults），不能在表格里清空",
                "this value comes from the file's defaults and cannot be cleared here",
                hint_zh="改成别的值，或请维护人员改 YAML",
                hint_en="set another value, or edit the YAML",
            )
            continue
        leading_quote(report, row, key, s, b)
        report.problems += row.norm.get(key, [])
        changes[key] = value
        report.fields.append(key)
        plan.changed.setdefault(rid, {})[key] = s
    if base is not None and not report.fields and not has_errors(report):
        _library_moved(report, row, base, now)
    if changes and not has_errors(report):
        plan.edit(entry.file.path).updates[entry.index] = changes
        report.action = "updated"
        if changes.get("status") == "archived":
            report.note_zh, report.note_en = RETIRED
    return finish(report)


def _library_moved(
    report: EntryReport, row: SheetRow, base: dict[str, str], now: dict[str, str]
) -> None:
    moved = [k for k in EDITABLE if base.get(k) != now[k]]
    same = [k for k in moved if row.raw.get(k, row.texts.get(k, "")) == now[k]]
    kept = [k for k in moved if k not in same]
    zh, en = [], []
    if kept:
        zh.append(
            "导出后话术库改了" + "、".join(BY_KEY[k].header for k in kept) + "，保留话术库的版本"
        )
        en.append("the library changed " + ", ".join(kept) + " since the export; kept")
    if same:
        zh.append("、".join(BY_KEY[k].header for k in same) + "在表格和话术库里改得一样")
        en.append(", ".join(same) + ": the sheet and the library made the same change")
    report.note_zh, report.note_en = "；".join(zh), "; ".join(en)


def _content_key(values: dict[str, str]) -> tuple[str, ...]:
    return tuple(values.get(k, BY_KEY[k].default) for k in EDITABLE)


def _create(
    lib: Library, row: SheetRow, plan: Plan, taken: set[str], copies: dict[tuple[str, ...], str]
) -> EntryReport:
    report = EntryReport("", row=row.row, problems=list(row.problems), row_cells=row.cells)
    values: dict[str, Any] = {}
    for key in EDITABLE:
        if key in row.bad or not row.texts.get(key, "").strip():
            continue
        ok, value, s = sheet_value(lib, row, key, report)
        if ok and value is not None:
            values[key] = value
            report.problems += row.norm.get(key, [])
            leading_quote(report, row, key, s, None)
    category = values.get("category")
    if not isinstance(category, str):
        if "category" not in row.bad and "category" not in {p.field for p in report.problems}:
            problem(
                report,
                row,
                "category",
                "error",
                "新条目必须填写分类",
                "a new entry needs a category",
                hint_en="pick one from the dropdown",
                hint_zh="从下拉列表里选一个分类",
            )
        return finish(report)
    if has_errors(report):
        return finish(report)
    twin = copies.get(_content_key({k: render(k, v) for k, v in values.items()}))
    if twin is not None:
        problem(
            report,
            row,
            "id",
            "warning",
            f"这一行和 {twin} 导出时一模一样：是不是编号被删掉了？",
            f"this row is identical to {twin} as exported: was its id deleted?",
            hint_zh=f"如果是，请把编号 {twin} 填回去，否则会多出一条重复的条目",
            hint_en=f"if so, put the id {twin} back, or the entry is duplicated",
        )
    rid = new_id(category, values, taken)
    taken.add(rid)
    report.id = rid
    target = target_file(lib, category)
    report.file = str(target)
    defaults = file_defaults(lib, target)
    entry = {"id": rid}
    for key, value in values.items():
        implicit = defaults.get(key, BY_KEY[key].default or None)
        if render(key, value) != render(key, implicit):
            entry[key] = value
    plan.edit(target).appends.append(entry)
    plan.changed[rid] = {k: render(k, v) for k, v in values.items()}
    report.action = "created"
    report.fields = list(values)
    return finish(report)


def _missing(rid: str, entry: Entry) -> EntryReport:
    return EntryReport(
        rid,
        action="missing",
        file=entry.file.display,
        note_zh="表格里没有这一行；话术库里的条目保持不变（停用请把状态改成 archived）",
        note_en="not in the sheet; the library entry is kept (to retire it, set status archived)",
    )


def _differs(lib: Library, row: SheetRow, base: dict[str, str]) -> bool:
    return any(row.raw.get(k, row.texts.get(k, "")) != base.get(k, "") for k in EDITABLE)
