"""Rows that are new entries: their values, their id, and rows an earlier import already made.

A row without 编号 gets a generated id (``<category>-<hash>``); a row whose 编号 the editor
typed and that no entry has gets that id, when it is a valid one. Importing the same workbook
twice must not create an entry twice: a new row that matches an entry created after the
export (same values) is reported as already created, and one that shares only its title
and category with such an entry is a conflict, since a second copy would follow.
"""

from __future__ import annotations

import re
from typing import Any

from cskit.config.schema import ID_PATTERN
from cskit.excel.compare import Rows, read_review_mark, reviewed_effect
from cskit.excel.layout import BY_KEY, EDITABLE, render
from cskit.excel.plan import (
    EntryReport,
    Plan,
    file_defaults,
    finish,
    has_errors,
    new_id,
    target_file,
)
from cskit.excel.read import SheetRow
from cskit.excel.values import leading_quote, problem, sheet_value
from cskit.library.model import Entry


def content_key(values: dict[str, str]) -> tuple[str, ...]:
    return tuple(values.get(k, BY_KEY[k].default) for k in EDITABLE)


class NewRows:
    """Creates entries for new rows; knows the ids taken and what was exported."""

    def __init__(self, rows: Rows, exported: set[str], on_sheet: set[str]) -> None:
        self.rows = rows
        self.exported = exported
        self.on_sheet = on_sheet
        self.taken = set(rows.now) | on_sheet
        # what each exported row said, to recognise a row whose id was deleted or retyped
        self.copies = {content_key(v): rid for rid, v in rows.base.items()}
        # entries made since the export (by an earlier import, or by hand): not on the sheet
        self.fresh = [
            e for e in rows.lib.entries if e.id and e.id not in exported and e.id not in on_sheet
        ]

    # -- a row with an id the export did not have -----------------------------------------
    def known_id(self, row: SheetRow) -> EntryReport:
        """A row whose id names an entry this workbook did not export: the entry an earlier
        import created from this very row, or someone else's id."""
        report = _report(row)
        entry = self.rows.now[row.id]
        values, from_mark = self._values(row, report)
        if has_errors(report):
            return finish(report)
        if _same(entry, values, from_mark):
            return _already(report, entry)
        problem(
            report,
            row,
            "id",
            "error",
            f"话术库里已有编号 {row.id}（{entry.title or entry.file.display}），"
            "它不在这张表格里，内容也和这一行不同",
            f"the library already has an entry {row.id} that this workbook did not export, "
            "with other values",
            hint_zh="如果这是上次导入新增的那一条，请重新导出后在新表格里修改；"
            "如果是新条目，请换一个编号或留空",
            hint_en="if an earlier import created it from this row, export again and edit it "
            "there; for a new entry use another id or leave it empty",
        )
        return finish(report)

    # -- a new row -----------------------------------------------------------------------
    def create(self, row: SheetRow, plan: Plan) -> EntryReport:
        report = _report(row)
        report.id = ""  # until it is created: a typed id may yet be refused
        report.new = True
        values, from_mark = self._values(row, report)
        category = values.get("category")
        typed_id = row.id
        if typed_id:
            self._check_id(row, report)
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
        # the same answer and category first: cheap, and a row that matches has both
        answer = values.get("answer")
        candidates = [e for e in self.fresh if e.answer == answer and e.category == category]
        made = next((e for e in candidates if _same(e, values, from_mark)), None)
        if made is not None and not typed_id:
            return _already(report, made)
        rendered = {k: render(k, v) for k, v in values.items()}
        twin = self.copies.get(content_key(rendered))
        if twin is not None and twin not in self.on_sheet:
            problem(
                report,
                row,
                "id",
                "error" if typed_id else "warning",
                f"这一行和导出时的 {twin} 一模一样，而 {twin} 不在表格里了："
                + ("编号不能修改" if typed_id else "是不是编号被删掉了？"),
                f"this row is identical to {twin} as exported, which is no longer on the sheet: "
                + ("ids cannot be changed" if typed_id else "was its id deleted?"),
                hint_zh=f"请把编号改回 {twin}；要新建条目请另起一行",
                hint_en=f"put the id {twin} back; to create an entry use a new row",
            )
            if typed_id:
                return finish(report)
        if self.exported and not typed_id:
            self._near(row, report, values)
            if has_errors(report):
                return finish(report)
        rid = typed_id or new_id(category, values, self.taken)
        self.taken.add(rid)
        report.id = rid
        lib = self.rows.lib
        target = target_file(lib, category)
        report.file = str(target)
        defaults = file_defaults(lib, target)
        entry: dict[str, Any] = {"id": rid}
        for key, value in values.items():
            implicit = defaults.get(key, BY_KEY[key].default or None)
            if render(key, value) != render(key, implicit):
                entry[key] = value
        plan.edit(target).appends.append(entry)
        plan.changed[rid] = rendered
        report.action = "created"
        report.fields = list(values)
        if from_mark:
            report.effects.append(reviewed_effect(self.rows.as_of))
        return finish(report)

    # -- helpers ----------------------------------------------------------------------------
    def _values(self, row: SheetRow, report: EntryReport) -> tuple[dict[str, Any], bool]:
        """The row's parsed values (problems to ``report``), and whether ``reviewed`` came
        from the 已复核 mark."""
        values: dict[str, Any] = {}
        for key in EDITABLE:
            if key in row.bad or not row.texts.get(key, "").strip():
                continue
            ok, value, s = sheet_value(self.rows.lib, row, key, report, self.rows.as_of)
            if ok and value is not None:
                values[key] = value
                report.problems += row.norm.get(key, [])
                leading_quote(report, row, key, s, None)
        mark = read_review_mark(report, row)
        if mark and "reviewed" not in values and "reviewed" not in row.bad:
            values["reviewed"] = self.rows.as_of
            return values, True
        return values, False

    def _check_id(self, row: SheetRow, report: EntryReport) -> None:
        rid = row.id
        if ID_PATTERN.match(rid):
            return
        slug = re.sub(r"[^a-z0-9._-]+", "-", rid.lower()).strip("-._")[:64]
        ok = bool(slug) and ID_PATTERN.match(slug) is not None and slug not in self.taken
        problem(
            report,
            row,
            "id",
            "error",
            f"编号“{rid}”不能用：只能用小写英文字母、数字和 - _ .，以字母或数字开头，2–64 个字符",
            f"the id {rid!r} is not valid: lower-case letters, digits, - _ . only, starting "
            "with a letter or digit, 2-64 characters",
            hint_zh=(f"比如 {slug}；" if ok else "") + "也可以留空，导入时自动生成编号",
            hint_en=(f"e.g. {slug}; " if ok else "") + "or leave it empty to get one generated",
        )

    def _near(self, row: SheetRow, report: EntryReport, values: dict[str, Any]) -> None:
        """Same title and category as an entry made since the export, other values: most
        likely the row an earlier import created, edited since; a second copy would follow."""
        title, category = values.get("title"), values.get("category")
        for e in self.fresh:
            if title and e.title == title and e.category == category:
                problem(
                    report,
                    row,
                    "title",
                    "conflict",
                    f"话术库里已有一条同分类、同标题的 {e.id}（导出之后新增的，"
                    "可能是上次导入这一行时建的），内容和这一行不同",
                    f"{e.id}, made since the export (maybe from this row by an earlier import), "
                    "has the same title and category but other values",
                    hint_zh=f"如果是同一条：请重新导出，在新表格里改 {e.id}；"
                    "如果是另一条：请换一个标题",
                    hint_en=f"if it is the same entry, export again and edit {e.id} there; "
                    "otherwise use another title",
                )
                return


def _report(row: SheetRow) -> EntryReport:
    return EntryReport(row.id, row=row.row, problems=list(row.problems), row_cells=row.cells)


def _already(report: EntryReport, entry: Entry) -> EntryReport:
    report.id = entry.id
    report.new = False
    report.file = entry.file.display
    report.note_zh = (
        f"话术库里已经有一模一样的 {entry.id}（多半是上次导入新增的），这次不再重复新增"
    )
    report.note_en = f"already in the library as {entry.id} (most likely created by an earlier import); not created again"
    return finish(report)


def _same(entry: Entry, values: dict[str, Any], from_mark: bool) -> bool:
    """Does ``entry`` say what the row says? Fields the row leaves empty must not be set by
    the entry itself (a file default may fill them). A 已复核 date is the import day, so it
    is not compared."""
    from cskit.excel.base import row_values

    now = row_values(entry.data)
    for key in EDITABLE:
        if key == "reviewed" and from_mark:
            continue
        if key in values:
            if render(key, values[key]) != now[key]:
                return False
        elif key in entry.raw:
            return False
    return True
