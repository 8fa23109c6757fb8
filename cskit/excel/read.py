"""Reading an edited workbook: the data sheet, its header row, the rows and the export base.

Each cell is judged by :func:`cskit.excel.cells.cell_text`; sheet-level surprises (a renamed or
extra sheet, unknown or header-less columns, merged cells, a missing or damaged base) become
:class:`Problem` entries of the :class:`Sheet`.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from cskit.errors import InputError
from cskit.excel.base import Meta, decode_cell
from cskit.excel.cells import Problem, SheetRow, cell_text
from cskit.excel.layout import (
    COLUMNS,
    DATA_SHEET,
    FORMAT_VERSION,
    HELP_SHEET,
    LISTS_SHEET,
    META_SHEET,
    PROBLEMS,
    Column,
    match_header,
)
from cskit.excel.safety import check_workbook
from cskit.excel.xlsxreader import XBook
from cskit.excel.xlsxsheet import XSheet, col_letter


@dataclass
class Sheet:
    name: str
    rows: list[SheetRow]
    meta: Meta | None
    problems: list[Problem]
    columns: dict[str, int]  # field → 1-based column


def read_sheet(path: Path) -> Sheet:
    """Check, open and read the workbook's data sheet and export metadata."""
    warnings = check_workbook(path)
    try:
        book = XBook(path)
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(
            f"无法读取工作簿：{exc}", where=str(path), en=f"cannot read the workbook: {exc}"
        ) from None
    try:
        problems = [Problem("warning", zh, en) for zh, en in warnings]
        ws = _data_sheet(book, problems)
        header_row, columns = _header(ws, problems)
        meta = _meta(book, problems)
        rows = _rows(ws, header_row, columns, problems)
    finally:
        book.close()
    for name in book.sheetnames:
        if name not in (ws.name, HELP_SHEET, LISTS_SHEET, META_SHEET):
            problems.append(
                Problem("warning", f"工作表“{name}”不会被导入", f"sheet {name!r} is not imported")
            )
    return Sheet(ws.name, rows, meta, problems, columns)


def _texts(ws: XSheet, r: int) -> list[tuple[int, str]]:
    return [(c, x.value) for c, x in sorted(ws.rows.get(r, {}).items()) if x.kind == "s"]


def _data_sheet(book: XBook, problems: list[Problem]) -> XSheet:
    if DATA_SHEET in book.sheetnames:
        return book.sheet(DATA_SHEET)
    for name in book.sheetnames:
        if name in (HELP_SHEET, LISTS_SHEET, META_SHEET):
            continue
        ws = book.sheet(name)
        if ws.state != "visible":
            continue
        for r in range(1, 11):
            if sum(1 for _c, v in _texts(ws, r) if match_header(v)) >= 2:
                problems.append(
                    Problem(
                        "warning",
                        f"没有“{DATA_SHEET}”工作表，改为读取“{name}”",
                        f"no sheet {DATA_SHEET!r}; reading {name!r} instead",
                    )
                )
                return ws
    raise InputError(
        f"没有 {DATA_SHEET!r} 工作表，也没有带 cskit 表头（编号、回复……）的工作表",
        hint="请导入 cskit export 生成的工作簿，并保留表头行",
        en=f"no sheet {DATA_SHEET!r} and no sheet with cskit headers (编号, 回复, …)",
        hint_en="import the workbook cskit export wrote, with its header row",
    )


def _header(ws: XSheet, problems: list[Problem]) -> tuple[int, dict[str, int]]:
    for r in range(1, 11):
        found: dict[str, int] = {}
        extra: list[tuple[int, str]] = []
        for c, value in _texts(ws, r):
            col = match_header(value)
            if col is None:
                if value.strip():
                    extra.append((c, value))
                continue
            if col.key in found:
                raise InputError(
                    f"有两列的表头都是 {col.header!r}",
                    where=f"{ws.name}!{col_letter(c)}{r}",
                    hint="删除或重命名其中一列",
                    en=f"two columns are headed {col.header!r}",
                    hint_en="delete or rename one of them",
                )
            found[col.key] = c
        if len(found) < 2:
            continue
        if "id" not in found:
            raise InputError(
                "表头行没有“编号”列；导入按编号匹配行",
                where=f"{ws.name}!{r}",
                hint="请把“编号”列加回来（编号为空表示新条目）",
                en="the header row has no 编号 (id) column; rows are matched by id",
                hint_en="put the 编号 column back (an empty id makes a new entry)",
            )
        for c, value in extra:
            problems.append(
                Problem(
                    "warning",
                    f"不认识的列“{value}”，不会被导入",
                    f"unknown column {value!r} is ignored",
                    cell=f"{ws.name}!{col_letter(c)}{r}",
                )
            )
        _headerless(ws, r, found, problems)
        if r > 1:
            problems.append(Problem("note", f"表头在第 {r} 行", f"the header is on row {r}"))
        return r, found
    raise InputError(
        f"{ws.name!r} 的前 10 行里没有带 cskit 列的表头行",
        hint="请保留 cskit export 写的表头行（编号、标题、回复……）",
        en=f"no header row with cskit columns in the first 10 rows of {ws.name!r}",
        hint_en="keep the header row cskit export wrote (编号, 标题, 回复, …)",
    )


def _headerless(ws: XSheet, header: int, found: dict[str, int], problems: list[Problem]) -> None:
    """Values in a column without a header would be lost: say so once per column."""
    named = {c for c, x in ws.rows.get(header, {}).items() if x.kind == "s" and x.value.strip()}
    seen: dict[int, int] = {}
    for r, cells in ws.rows.items():
        if r <= header:
            continue
        for c, x in cells.items():
            if c not in named and c not in seen and not (x.kind == "s" and not x.value.strip()):
                seen[c] = r
    for c, r in sorted(seen.items()):
        problems.append(
            Problem(
                "warning",
                f"第 {col_letter(c)} 列没有表头，其中的内容（如 {col_letter(c)}{r}）不会被导入",
                f"column {col_letter(c)} has no header; its values (e.g. {col_letter(c)}{r}) "
                "are not imported",
                cell=f"{ws.name}!{col_letter(c)}{r}",
            )
        )


def _meta(book: XBook, problems: list[Problem]) -> Meta | None:
    if META_SHEET not in book.sheetnames:
        problems.append(
            Problem(
                "warning",
                "找不到导出时的基准（隐藏的 _cskit 工作表），无法判断话术库在导出后是否被改过",
                "the export base (hidden _cskit sheet) is missing; library changes since the "
                "export cannot be told apart from sheet edits",
                hint_zh="请重新导出，把修改复制到新表格里再导入",
                hint_en="export again and copy your edits into the new workbook",
            )
        )
        return None
    ws = book.sheet(META_SHEET)
    cells = []
    for r in sorted(ws.rows):
        key, value = ws.rows[r].get(1), ws.rows[r].get(2)
        if key and value and key.kind == "s" and value.kind == "s":
            cells.append((key.value, decode_cell(value.value)[0]))
    try:
        meta = Meta.from_cells(cells)
    except (ValueError, TypeError, AttributeError):
        meta = None
    if meta is not None and meta.version > FORMAT_VERSION:
        raise InputError(
            f"这个工作簿由更新版本的 cskit 导出（{meta.cskit}，格式 {meta.version}）",
            hint="请升级 cskit，或用当前版本重新导出",
            en=f"the workbook was exported by a newer cskit ({meta.cskit}, format {meta.version})",
            hint_en="upgrade cskit, or export again with this version",
        )
    if meta is None:
        problems.append(
            Problem(
                "warning",
                "隐藏的 _cskit 工作表已损坏，没有导出基准",
                "the hidden _cskit sheet is damaged; no export base",
            )
        )
    return meta


def _rows(
    ws: XSheet, header: int, columns: dict[str, int], problems: list[Problem]
) -> list[SheetRow]:
    letters = {key: col_letter(c) for key, c in columns.items()}
    # 问题 is written by the export for the editor to read; it is never imported
    by_col = [(key, c, _col(key)) for key, c in columns.items() if key != PROBLEMS]
    for ref in ws.merged:
        m = re.search(r"(\d+)$", ref)
        if m and int(m.group(1)) > header:
            problems.append(
                Problem(
                    "error",
                    f"合并单元格 {ref}：合并后只有左上角的内容会被读到",
                    f"merged cells {ref}: only the top-left value would be read",
                    cell=f"{ws.name}!{ref}",
                    hint_zh="取消合并，把内容填回每一行",
                    hint_en="unmerge them and fill every row",
                )
            )
    out: list[SheetRow] = []
    for r in sorted(ws.rows):
        if r <= header:
            continue
        cells = ws.rows[r]
        row = SheetRow(r, "")
        empty = True
        for key, c, col in by_col:
            cell = cells.get(c)
            if cell is None or (cell.kind == "s" and cell.value == ""):
                continue
            empty = False
            where = f"{ws.name}!{letters[key]}{r}"
            row.cells[key] = where
            text = cell_text(cell, col, where, row)
            if text is None:
                row.bad.add(key)
            else:
                row.texts[key] = text
        if empty:
            continue
        for key in columns:
            row.cells.setdefault(key, f"{ws.name}!{letters[key]}{r}")
        row.id = row.texts.get("id", "").strip()
        out.append(row)
    return out


def _col(key: str) -> Column:
    return next(c for c in COLUMNS if c.key == key)
