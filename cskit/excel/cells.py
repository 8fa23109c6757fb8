"""Judging one cell of an edited sheet: what the editing program did to it, and its text.

A formula, an error value, a number or a date where text belongs, rich text, an over-long or
oddly encoded text — each becomes a located :class:`Problem` (``话术库!G17``), never a silent
change. Normalisation (CRLF, U+2028, control characters, NBSP) is applied and kept per cell,
to be reported when the cell's text is taken.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from cskit.config.schema import FIELDS
from cskit.excel.base import decode_cell
from cskit.excel.layout import DATA_SHEET, MAX_CELL, Column
from cskit.excel.xlsxsheet import XCell
from cskit.text.lostdigits import lost_digits

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


def _err(row: SheetRow, where: str, key: str, zh: str, en: str, hz: str, he: str) -> None:
    row.problems.append(Problem("error", zh, en, where, key, hz, he))


def cell_text(cell: XCell, col: Column, where: str, row: SheetRow) -> str | None:
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
    elif (lost := lost_digits(value)) is not None:
        zh, en, hz, he = lost.zh, lost.en, lost.hint_zh, lost.hint_en
    elif isinstance(value, float) and value != int(value):
        zh = f"单元格是数字 {value:.15g}，不是文字"
        en = f"the cell is the number {value:.15g}, not text"
        hz, he = "把单元格格式设为“文本”后重新输入", "format the cell as Text and type it again"
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
