"""One exported row against its entry: the three-way comparison per field, and 已复核.

For every editable field the comparison is between the export's base, the library now and
the sheet: a sheet-only change is applied, a library-only change is kept, the same change on
both sides is fine (改得一样), different changes are a conflict. A cell whose text differs but
means the same value (``问题处理`` for ``resolve``) is not a change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cskit.excel.layout import BY_KEY, EDITABLE, REVIEWED_MARK, render
from cskit.excel.plan import RETIRED, EntryReport, Plan, finish, has_errors
from cskit.excel.read import SheetRow
from cskit.excel.typed import review_mark
from cskit.excel.values import leading_quote, problem, sheet_value
from cskit.library.model import Entry, Library


@dataclass
class Rows:
    """What every row is compared with: the library now, its rendered values, the base."""

    lib: Library
    as_of: dt.date
    now: dict[str, Entry]
    values: dict[str, dict[str, str]]
    base: dict[str, dict[str, str]]


def duplicate_id(row: SheetRow) -> EntryReport:
    report = EntryReport(row.id, row=row.row, problems=list(row.problems), row_cells=row.cells)
    problem(
        report,
        row,
        "id",
        "error",
        f"编号 {row.id} 在表格里出现了不止一次",
        f"id {row.id} appears on more than one row",
        hint_zh="复制出来的新行请清空编号，导入时会生成新编号",
        hint_en="clear the id of the copied row to create a new entry",
    )
    return finish(report)


def compare(rows: Rows, row: SheetRow, plan: Plan) -> EntryReport:
    rid = row.id
    lib = rows.lib
    entry = rows.now.get(rid)
    report = EntryReport(rid, row=row.row, problems=list(row.problems), row_cells=row.cells)
    base = rows.base.get(rid)
    if entry is None:
        return _deleted(lib, row, report, base)
    report.file = entry.file.display
    now = rows.values[rid]
    changes: dict[str, Any] = {}
    kept: list[str] = []
    same: list[str] = []
    for key in EDITABLE:
        if key in row.bad:
            continue
        b = base.get(key) if base is not None else None
        ref = b if b is not None else now[key]
        raw = row.raw.get(key, row.texts.get(key, ""))
        ok, value, s = (
            (True, None, raw) if raw == ref else sheet_value(lib, row, key, report, rows.as_of)
        )
        if not ok:
            continue
        if s == ref:  # untouched (or typed another way, same value: 问题处理 for resolve)
            if b is not None and now[key] != b:
                kept.append(key)
            continue
        lib_now = now[key]
        if s == lib_now:
            same.append(key)
            continue
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
                f"{BY_KEY[key].header}是这个文件里所有条目共用的默认值，不能在表格里清空",
                "this value comes from the file's defaults and cannot be cleared here",
                hint_zh="改成别的值，或请维护人员修改",
                hint_en="set another value, or edit the YAML",
            )
            continue
        leading_quote(report, row, key, s, b)
        report.problems += row.norm.get(key, [])
        changes[key] = value
    notes = _moved(kept, same)
    _reviewed_mark(rows, row, report, changes, now, base, notes)
    for key, value in changes.items():
        report.fields.append(key)
        plan.changed.setdefault(rid, {})[key] = render(key, value)
    if changes and not has_errors(report):
        plan.edit(entry.file.path).updates[entry.index] = changes
        report.action = "updated"
        if changes.get("status") == "archived":
            report.effects.insert(0, RETIRED)
    report.note_zh = "；".join(zh for zh, _en in notes)
    report.note_en = "; ".join(en for _zh, en in notes)
    return finish(report)


def reviewed_effect(day: dt.date) -> tuple[str, str]:
    return f"已复核，审核日期记为 {day}", f"reviewed: the review date is now {day}"


def _deleted(
    lib: Library, row: SheetRow, report: EntryReport, base: dict[str, str] | None
) -> EntryReport:
    """A row whose entry was deleted from the library since the export."""
    report.note_zh = "导出后已从话术库删除，这一行被忽略"
    report.note_en = "deleted from the library since the export; row ignored"
    if base is not None and any(
        row.raw.get(k, row.texts.get(k, "")) != base.get(k, "") for k in EDITABLE
    ):
        problem(
            report,
            row,
            "id",
            "conflict",
            "导出后已从话术库删除，但表格里改了它",
            "deleted from the library since the export, but edited in the sheet",
            hint_zh="和维护人员确认：要保留它，请维护人员恢复这个条目后重新导出",
            hint_en="ask the maintainer to restore the entry and export again",
        )
    return finish(report)


def _moved(kept: list[str], same: list[str]) -> list[tuple[str, str]]:
    """Notes on library changes since the export that the sheet did not fight."""
    out = []
    if kept:
        names = "、".join(BY_KEY[k].header for k in kept)
        out.append(
            (
                f"导出后话术库改了{names}，保留话术库的版本",
                f"the library changed {', '.join(kept)} since the export; kept",
            )
        )
    if same:
        names = "、".join(BY_KEY[k].header for k in same)
        out.append(
            (
                f"{names}：表格和话术库改得一样",
                f"{', '.join(same)}: the sheet and the library made the same change",
            )
        )
    return out


def _reviewed_mark(
    rows: Rows,
    row: SheetRow,
    report: EntryReport,
    changes: dict[str, Any],
    now: dict[str, str],
    base: dict[str, str] | None,
    notes: list[tuple[str, str]],
) -> None:
    """Apply a 已复核 mark: ``reviewed`` becomes the import day (an effect), or a note says
    why it does not."""
    if not read_review_mark(report, row):
        return
    if "reviewed" in changes or "reviewed" in row.bad:
        notes.append(
            ("已复核：按表格里填的审核日期", "reviewed: the date typed in the sheet is used")
        )
    elif base is not None and now["reviewed"] != base.get("reviewed"):
        notes.append(
            (
                f"已复核：导出后审核日期已更新为 {now['reviewed']}，不再改动",
                f"reviewed: already recorded as {now['reviewed']} since the export",
            )
        )
    elif now["reviewed"] != rows.as_of.isoformat():
        changes["reviewed"] = rows.as_of
        report.effects.append(reviewed_effect(rows.as_of))


def read_review_mark(report: EntryReport, row: SheetRow) -> bool | None:
    """The row's 已复核 mark: True (是/√), False (empty), or None after reporting an
    error for a mark it cannot read."""
    text = row.texts.get(REVIEWED_MARK, "")
    mark = review_mark(text)
    if mark is None:
        problem(
            report,
            row,
            REVIEWED_MARK,
            "error",
            f"已复核这一列只能填“是”或留空，不认识“{text.strip()}”",
            f"the 已复核 column takes 是 (yes) or nothing, not {text.strip()!r}",
            hint_zh="复核过这一条就填“是”（也可以填 √），没有就留空",
            hint_en="write 是 (or √) when you reviewed the entry; leave it empty otherwise",
        )
    return mark
