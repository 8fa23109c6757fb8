"""Reading an edited workbook into rows of cell texts, judging every cell on the way.

What the editing program may have done to a cell — a formula, an error value, a number or a
date where text belongs, rich text, an over-long or oddly encoded text — becomes a located
:class:`Problem` (``话术库!G17``), never a silent change. Text normalisation (CRLF, U+2028,
control characters, NBSP) is applied and reported per cell.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskit.errors import InputError
from cskit.excel_base import Meta, decode_cell
from cskit.excel_layout import (
    COLUMNS,
    DATA_SHEET,
    HELP_SHEET,
    LISTS_SHEET,
    MAX_CELL,
    META_SHEET,
    Column,
    match_header,
)
from cskit.schema import FIELDS
from cskit.xlsx_safety import check_workbook, load

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
    warnings = check_workbook(path)
    wb = load(path)
    problems = [Problem("warning", zh, en) for zh, en in warnings]
    ws = _data_sheet(wb, problems)
    header_row, columns = _header(ws, problems)
    meta = _meta(wb, problems)
    rows = _rows(ws, header_row, columns, problems)
    for name in wb.sheetnames:
        if name not in (ws.title, HELP_SHEET, LISTS_SHEET, META_SHEET):
            problems.append(
                Problem("warning", f"工作表“{name}”不会被导入", f"sheet {name!r} is not imported")
            )
    return Sheet(ws.title, rows, meta, problems, columns)


def _data_sheet(wb: Any, problems: list[Problem]) -> Any:
    if DATA_SHEET in wb.sheetnames:
        return wb[DATA_SHEET]
    for ws in wb.worksheets:
        if ws.title in (HELP_SHEET, LISTS_SHEET, META_SHEET) or ws.sheet_state != "visible":
            continue
        for row in ws.iter_rows(min_row=1, max_row=10, values_only=True):
            if sum(1 for v in map(_plain, row) if isinstance(v, str) and match_header(v)) >= 2:
                problems.append(
                    Problem(
                        "warning",
                        f"没有“{DATA_SHEET}”工作表，改为读取“{ws.title}”",
                        f"no sheet {DATA_SHEET!r}; reading {ws.title!r} instead",
                    )
                )
                return ws
    raise InputError(
        f"no sheet {DATA_SHEET!r} and no sheet with cskit headers (编号, 回复, …)",
        hint="import the workbook cskit export wrote, with its header row",
    )


def _header(ws: Any, problems: list[Problem]) -> tuple[int, dict[str, int]]:
    from openpyxl.utils import get_column_letter

    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=10, values_only=True), 1):
        found: dict[str, int] = {}
        extra: list[int] = []
        for c, value in enumerate(map(_plain, row), 1):
            col = match_header(value) if isinstance(value, str) else None
            if col is None:
                if value not in (None, ""):
                    extra.append(c)
                continue
            if col.key in found:
                raise InputError(
                    f"two columns are headed {col.header!r}",
                    where=f"{ws.title}!{get_column_letter(c)}{r}",
                    hint="delete or rename one of them",
                )
            found[col.key] = c
        if len(found) < 2:
            continue
        if "id" not in found:
            raise InputError(
                "the header row has no 编号 (id) column; rows are matched by id",
                where=f"{ws.title}!{r}",
                hint="put the 编号 column back (an empty id makes a new entry)",
            )
        for c in extra:
            problems.append(
                Problem(
                    "warning",
                    f"不认识的列“{row[c - 1]}”，不会被导入",
                    f"unknown column {row[c - 1]!r} is ignored",
                    cell=f"{ws.title}!{get_column_letter(c)}{r}",
                )
            )
        if r > 1:
            problems.append(
                Problem("note", f"表头在第 {r} 行", f"the header is on row {r}")
            )
        return r, found
    raise InputError(
        f"no header row with cskit columns in the first 10 rows of {ws.title!r}",
        hint="keep the header row cskit export wrote (编号, 标题, 回复, …)",
    )


def _meta(wb: Any, problems: list[Problem]) -> Meta | None:
    if META_SHEET not in wb.sheetnames:
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
    cells = []
    for key, value in wb[META_SHEET].iter_rows(min_col=1, max_col=2, values_only=True):
        key, value = _plain(key), _plain(value)
        if isinstance(key, str) and isinstance(value, str):
            cells.append((key, decode_cell(value)[0]))
    try:
        return Meta.from_cells(cells)
    except (ValueError, TypeError, AttributeError):
        problems.append(
            Problem(
                "warning",
                "隐藏的 _cskit 工作表已损坏，没有导出基准",
                "the hidden _cskit sheet is damaged; no export base",
            )
        )
        return None


def _rows(ws: Any, header: int, columns: dict[str, int], problems: list[Problem]) -> list[SheetRow]:
    from openpyxl.utils import get_column_letter

    letters = {key: get_column_letter(c) for key, c in columns.items()}
    by_col = [(key, c - 1, _col(key)) for key, c in columns.items()]
    merged = [m for m in ws.merged_cells.ranges if m.max_row > header]
    for m in merged:
        problems.append(
            Problem(
                "error",
                f"合并单元格 {m.coord}：合并后只有左上角的内容会被读到",
                f"merged cells {m.coord}: only the top-left value would be read",
                cell=f"{ws.title}!{m.coord}",
                hint_zh="取消合并，把内容填回每一行",
                hint_en="unmerge them and fill every row",
            )
        )
    out: list[SheetRow] = []
    width = max(columns.values())
    for r, cells in enumerate(ws.iter_rows(min_row=header + 1, max_col=width), header + 1):
        row = SheetRow(r, "")
        empty = True
        for key, i, col in by_col:
            cell = cells[i] if i < len(cells) else None
            if cell is None or cell.value is None:
                continue
            empty = False
            where = f"{ws.title}!{letters[key]}{r}"
            row.cells[key] = where
            text = _cell_text(cell, col, where, row)
            if text is None:
                row.bad.add(key)
            else:
                row.texts[key] = text
        if empty:
            continue
        for key in columns:
            row.cells.setdefault(key, f"{ws.title}!{letters[key]}{r}")
        row.id = row.texts.get("id", "").strip()
        out.append(row)
    return out


def _plain(value: Any) -> Any:
    """LibreOffice stores Chinese text as rich-text runs; the text is what counts here."""
    from openpyxl.cell.rich_text import CellRichText

    return str(value) if isinstance(value, CellRichText) else value


def _col(key: str) -> Column:
    return next(c for c in COLUMNS if c.key == key)


def _err(row: SheetRow, where: str, key: str, zh: str, en: str, hz: str, he: str) -> None:
    row.problems.append(Problem("error", zh, en, where, key, hz, he))


def _cell_text(cell: Any, col: Column, where: str, row: SheetRow) -> str | None:
    """The cell's text, or None after reporting why it has none."""
    from openpyxl.cell.rich_text import CellRichText
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    value, key = cell.value, col.key
    is_date = key in FIELDS and FIELDS[key].type == "date"
    if cell.data_type == "f" or isinstance(value, ArrayFormula | DataTableFormula):
        formula = value.text if isinstance(value, ArrayFormula) else str(value)
        _err(
            row, where, key,
            f"单元格是公式 {formula[:60]}，公式不会被导入",
            f"the cell is a formula ({formula[:60]}); formulas are refused",
            "把单元格格式设为“文本”，重新输入内容（开头不要输入 =）",
            "format the cell as Text and type the content again (no leading =)",
        )  # fmt: skip
        return None
    if cell.data_type == "e":
        _err(
            row, where, key,
            f"单元格是错误值 {value}",
            f"the cell is an error value ({value})",
            "重新输入内容", "type the content again",
        )  # fmt: skip
        return None
    if isinstance(value, CellRichText):
        if _formatted(value):
            row.norm.setdefault(key, []).append(
                Problem("warning", "单元格里的加粗、颜色等格式不会被导入，只导入文字",
                        "rich-text formatting (bold, colour…) is dropped; only the text is imported",
                        where, key)
            )  # fmt: skip
        value = str(value)
    if isinstance(value, bool):
        _err(
            row, where, key,
            f"单元格是逻辑值 {value}，不是文字", f"the cell is a true/false value ({value}), not text",
            "把单元格格式设为“文本”后重新输入", "format the cell as Text and type it again",
        )  # fmt: skip
        return None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        if is_date and isinstance(value, dt.datetime | dt.date):
            day = value.date() if isinstance(value, dt.datetime) else value
            row.problems.append(
                Problem("note", f"日期单元格已转成文字 {day.isoformat()}", f"date cell read as {day.isoformat()}", where, key)
            )
            return day.isoformat()
        _err(
            row, where, key,
            f"单元格被表格软件改成了日期/时间 {value}",
            f"the spreadsheet program turned this cell into a date/time ({value})",
            "把单元格格式设为“文本”后重新输入原来的内容",
            "format the cell as Text and type the original content again",
        )  # fmt: skip
        return None
    if isinstance(value, int | float):
        _number(row, where, key, value, is_date)
        return None
    text = value if isinstance(value, str) else str(value)
    text, marked = decode_cell(text)
    if not marked and text.startswith("="):
        _err(
            row, where, key,
            f"内容以 = 开头（{text[:30]}），会被表格软件当成公式",
            f"the text starts with = ({text[:30]}); spreadsheet programs take it for a formula",
            "删掉开头的 =；确实需要时请维护人员直接改 YAML",
            "delete the leading =; if it is really wanted, edit the YAML",
        )  # fmt: skip
        return None
    if len(text) > MAX_CELL:
        _err(
            row, where, key,
            f"内容有 {len(text)} 个字符，超过单元格上限 {MAX_CELL}",
            f"{len(text)} characters is more than a cell holds ({MAX_CELL})",
            "缩短内容", "shorten the text",
        )  # fmt: skip
        return None
    row.raw[key] = text
    return _normalise(text, row, where, key)


def _formatted(value: Any) -> bool:
    """True when a run is bold, italic, underlined, struck or coloured — not merely in another
    font, which LibreOffice assigns to every Latin run inside Chinese text."""
    for run in value:
        font = getattr(run, "font", None)
        if font is None:
            continue
        if font.b or font.i or font.strike or font.u or font.vertAlign:
            return True
        color = getattr(font.color, "rgb", None) if font.color is not None else None
        if isinstance(color, str) and color.upper() not in ("FF000000", "000000", "00000000"):
            return True
    return False


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
