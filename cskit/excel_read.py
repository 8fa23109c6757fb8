"""Reading an edited workbook into rows of cell texts, judging every cell on the way.

What the editing program may have done to a cell — a formula, an error value, a number or a
date where text belongs, rich text, an over-long or oddly encoded text — becomes a located
:class:`Problem` (``话术库!G17``), never a silent change. Text normalisation (CRLF, U+2028,
control characters, NBSP) is applied and reported per cell.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from cskit.errors import InputError
from cskit.excel_base import Meta, decode_cell
from cskit.excel_layout import (
    COLUMNS,
    DATA_SHEET,
    FORMAT_VERSION,
    HELP_SHEET,
    LISTS_SHEET,
    MAX_CELL,
    META_SHEET,
    Column,
    match_header,
)
from cskit.schema import FIELDS
from cskit.xlsx_reader import XBook, XCell, XSheet, col_letter
from cskit.xlsx_safety import check_workbook

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\u0085]")


@dataclass
class Problem:
    """One thing wrong with (or worth knowing about) a cell, row or sheet."""

    severity: str  # error, conflict, warning, note
    zh: str
    en: str
    cell: str = ""
    field: str = ""
    hint_zh: str = ""
    hint_en: str = ""
    base: str | None = None
    library: str | None = None
    sheet: str | None = None


@dataclass
class SheetRow:
    row: int
    id: str
    texts: dict[str, str] = field(default_factory=dict)  # field → decoded, normalised text
    cells: dict[str, str] = field(default_factory=dict)  # field → 话术库!G17
    problems: list[Problem] = field(default_factory=list)
    bad: set[str] = field(default_factory=set)  # fields whose cell could not be read
    raw: dict[str, str] = field(default_factory=dict)  # field → decoded text before normalising
    # field → notes that matter only if the cell's text is taken (normalising, formatting)
    norm: dict[str, list[Problem]] = field(default_factory=dict)

    def cell(self, key: str) -> str:
        return self.cells.get(key, f"{DATA_SHEET}!{self.row}")


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
        raise InputError(f"cannot read the workbook: {exc}", where=str(path)) from None
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
        f"no sheet {DATA_SHEET!r} and no sheet with cskit headers (编号, 回复, …)",
        hint="import the workbook cskit export wrote, with its header row",
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
                    f"two columns are headed {col.header!r}",
                    where=f"{ws.name}!{col_letter(c)}{r}",
                    hint="delete or rename one of them",
                )
            found[col.key] = c
        if len(found) < 2:
            continue
        if "id" not in found:
            raise InputError(
                "the header row has no 编号 (id) column; rows are matched by id",
                where=f"{ws.name}!{r}",
                hint="put the 编号 column back (an empty id makes a new entry)",
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
        f"no header row with cskit columns in the first 10 rows of {ws.name!r}",
        hint="keep the header row cskit export wrote (编号, 标题, 回复, …)",
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
            f"the workbook was exported by a newer cskit ({meta.cskit}, format {meta.version})",
            hint="upgrade cskit, or export again with this version",
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
    by_col = [(key, c, _col(key)) for key, c in columns.items()]
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
            text = _cell_text(cell, col, where, row)
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


def _err(row: SheetRow, where: str, key: str, zh: str, en: str, hz: str, he: str) -> None:
    row.problems.append(Problem("error", zh, en, where, key, hz, he))


def _cell_text(cell: XCell, col: Column, where: str, row: SheetRow) -> str | None:
    """The cell's text, or None after reporting why it has none."""
    value, key = cell.value, col.key
    if cell.kind == "s":
        if cell.formatted:
            row.norm.setdefault(key, []).append(
                Problem(
                    "warning",
                    "单元格里的加粗、颜色等格式不会被导入，只导入文字",
                    "rich-text formatting (bold, colour…) is dropped; only the text is imported",
                    where,
                    key,
                )
            )
        return _text(value, row, where, key)
    is_date = key in FIELDS and FIELDS[key].type == "date"
    if cell.kind == "f":
        _err(
            row,
            where,
            key,
            f"单元格是公式 {value[:60]}，公式不会被导入",
            f"the cell is a formula ({value[:60]}); formulas are refused",
            "把单元格格式设为“文本”，重新输入内容（开头不要输入 =）",
            "format the cell as Text and type the content again (no leading =)",
        )
        return None
    if cell.kind == "e":
        _err(
            row,
            where,
            key,
            f"单元格是错误值 {value}",
            f"the cell is an error value ({value})",
            "重新输入内容",
            "type the content again",
        )
        return None
    if cell.kind == "b":
        _err(
            row,
            where,
            key,
            f"单元格是逻辑值 {'TRUE' if value else 'FALSE'}，不是文字",
            f"the cell is a true/false value ({value}), not text",
            "把单元格格式设为“文本”后重新输入",
            "format the cell as Text and type it again",
        )
        return None
    if cell.kind == "d":
        day = str(value)[:10]
        if is_date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            row.problems.append(
                Problem(
                    "note", f"日期单元格已转成文字 {day}", f"date cell read as {day}", where, key
                )
            )
            return day
        _err(
            row,
            where,
            key,
            f"单元格被表格软件改成了日期/时间 {value}",
            f"the spreadsheet program turned this cell into a date/time ({value})",
            "把单元格格式设为“文本”后重新输入原来的内容",
            "format the cell as Text and type the original content again",
        )
        return None
    _number(row, where, key, value, is_date)
    return None


def _text(text: str, row: SheetRow, where: str, key: str) -> str | None:
    text, marked = decode_cell(text)
    if not marked and text.startswith("="):
        _err(
            row,
            where,
            key,
            f"内容以 = 开头（{text[:30]}），会被表格软件当成公式",
            f"the text starts with = ({text[:30]}); spreadsheet programs take it for a formula",
            "删掉开头的 =；确实需要时请维护人员直接改 YAML",
            "delete the leading =; if it is really wanted, edit the YAML",
        )
        return None
    if len(text) > MAX_CELL:
        _err(
            row,
            where,
            key,
            f"内容有 {len(text)} 个字符，超过单元格上限 {MAX_CELL}",
            f"{len(text)} characters is more than a cell holds ({MAX_CELL})",
            "缩短内容",
            "shorten the text",
        )
        return None
    row.raw[key] = text
    return _normalise(text, row, where, key)


def _number(row: SheetRow, where: str, key: str, value: float, is_date: bool) -> None:
    if is_date and 20_000 < value < 80_000:
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        zh = f"日期被存成了数字 {value:g}（可能是 {day.isoformat()}）"
        en = f"the date was stored as the number {value:g} (maybe {day.isoformat()})"
        hz, he = "写成 YYYY-MM-DD 文本", "write it as YYYY-MM-DD text"
    elif isinstance(value, float) and (abs(value) >= 1e15 or value != int(value)):
        zh = f"长数字被表格软件改成了 {value:.15g}，后面的位数已经丢失"
        en = f"a long number was turned into {value:.15g}; its last digits are lost"
        hz = "把单元格格式设为“文本”，从原始来源重新粘贴完整的号码"
        he = "format the cell as Text and paste the full number again from its source"
    else:
        zh = f"单元格是数字 {value:g}，不是文字（开头的 0 可能已经丢失）"
        en = f"the cell is the number {value:g}, not text (leading zeros may be lost)"
        hz, he = "把单元格格式设为“文本”后重新输入", "format the cell as Text and type it again"
    _err(row, where, key, zh, en, hz, he)


def _normalise(text: str, row: SheetRow, where: str, key: str) -> str:
    done_zh, done_en = [], []
    if _BREAKS.search(text):
        text = _BREAKS.sub("\n", text)
        done_zh.append("换行符统一为 LF（含 CRLF、U+2028）")
        done_en.append("line breaks made LF (CRLF, U+2028…)")
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
        done_zh.append("删除了控制字符")
        done_en.append("control characters removed")
    if "\u00a0" in text:
        text = text.replace("\u00a0", " ")
        done_zh.append("不换行空格（NBSP）改为普通空格")
        done_en.append("no-break spaces made plain spaces")
    if done_zh:  # reported by the comparison when this cell's text is taken
        row.norm.setdefault(key, []).append(
            Problem("note", "；".join(done_zh), "; ".join(done_en), where, key)
        )
    return text
