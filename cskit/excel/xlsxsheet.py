"""One worksheet of an ``.xlsx``, read cell by cell as the XML streams past.

Each cell keeps what the editing program made of it (:class:`XCell`: text, number, boolean,
error, formula or date, and rich-text formatting); merged ranges are listed. A sheet past
:data:`MAX_ROWS` rows or :data:`MAX_COLUMNS` columns, a damaged row number or a reference to a
missing shared string is one :class:`~cskit.errors.InputError`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cskit.errors import InputError
from cskit.excel.xlsxstrings import RunText, unescape

_REF = re.compile(r"^([A-Z]+)(\d+)$")
MAX_ROWS = 100_000  # rows of a sheet cskit reads: 10× the largest library it is built for
MAX_COLUMNS = 16_384  # Excel's own limit


@dataclass
class XCell:
    """One cell: ``kind`` is s (text), n (number), b (boolean), e (error), f (formula), d (date)."""

    row: int
    col: int
    kind: str
    value: Any
    formatted: bool = False  # rich text with bold/italic/underline/colour runs


@dataclass
class XSheet:
    name: str
    state: str  # visible, hidden, veryHidden
    rows: dict[int, dict[int, XCell]] = field(default_factory=dict)
    merged: list[str] = field(default_factory=list)


class SheetReader:
    def __init__(
        self,
        sheet: XSheet,
        shared: Callable[[], list[tuple[str, bool]]],
        dates: Callable[[], list[bool]],
        date1904: bool,
    ) -> None:
        self.sheet, self.shared, self.dates, self.date1904 = sheet, shared, dates, date1904
        self.row = 0
        self.col = 0
        self.attrs: dict[str, str] = {}
        self.buf: list[str] | None = None
        self.value: str | None = None
        self.formula: str | None = None
        self.inline: RunText | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.inline is not None:
            self.inline.start(name, attrs)
        elif name == "c":
            self.attrs = attrs
            self.value = self.formula = None
            m = _REF.match(attrs.get("r", ""))
            self.col = _col_number(m.group(1)) if m else self.col + 1
            if m:
                self.row = self._row_number(m.group(2))
            if self.col > MAX_COLUMNS:
                raise InputError(
                    f"有单元格超出第 {MAX_COLUMNS} 列",
                    where=self.sheet.name,
                    en=f"a cell lies past column {MAX_COLUMNS}",
                )
        elif name == "v" or name == "f":
            self.buf = []
        elif name == "is":
            self.inline = RunText()
        elif name == "row":
            self.row = self._row_number(attrs.get("r", str(self.row + 1)))
            self.col = 0
        elif name == "mergeCell":
            self.sheet.merged.append(attrs.get("ref", ""))

    def _row_number(self, text: str) -> int:
        if not text.isdigit() or len(text) > 9 or int(text) < 1:
            raise InputError(
                f"工作表“{self.sheet.name}”已损坏：行号 {text[:20]!r} 不是数字",
                hint="用 Excel、WPS 或 LibreOffice 打开后重新保存",
                en=f"sheet {self.sheet.name!r} is damaged: row number {text[:20]!r} is not a number",
                hint_en="open the workbook and save it again",
            )
        row = int(text)
        if row > MAX_ROWS:
            raise InputError(
                f"工作表“{self.sheet.name}”超过 {MAX_ROWS} 行，cskit 不读这么大的表格",
                hint="分批导出和导入（export --category 或 --ids）",
                en=f"sheet {self.sheet.name!r} has more than {MAX_ROWS} rows; refused",
                hint_en="export and import in parts (export --category or --ids)",
            )
        return row

    def end(self, name: str) -> None:
        if self.inline is not None and name not in ("is", "c"):
            self.inline.end(name)
        elif name == "v" and self.buf is not None:
            self.value, self.buf = "".join(self.buf), None
        elif name == "f" and self.buf is not None:
            self.formula, self.buf = "".join(self.buf), None
        elif name == "c":
            cell = self._cell()
            if cell is not None:
                self.sheet.rows.setdefault(self.row, {})[self.col] = cell
            self.inline = None

    def text(self, data: str) -> None:
        if self.inline is not None:
            self.inline.text(data)
        elif self.buf is not None:
            self.buf.append(data)

    def _cell(self) -> XCell | None:
        t = self.attrs.get("t", "n")
        r, c = self.row, self.col
        if self.formula is not None:
            return XCell(r, c, "f", "=" + self.formula)
        if t == "inlineStr":
            if self.inline is None:
                return None
            text, formatted = self.inline.result()
            return XCell(r, c, "s", text, formatted)
        if self.value is None:
            return None  # a styled, empty cell
        v = self.value
        if t == "s":
            items = self.shared()
            index = int(v) if v.strip().isdigit() else -1  # never items[-1]: the last string
            if not 0 <= index < len(items):
                raise InputError(
                    f"{self.sheet.name}!{col_letter(c)}{r}：单元格引用了不存在的文字（{v[:20]!r}）",
                    hint="用 Excel、WPS 或 LibreOffice 打开后重新保存",
                    en=f"{self.sheet.name}!{col_letter(c)}{r}: the cell refers to a missing string "
                    f"({v[:20]!r})",
                    hint_en="open the workbook and save it again",
                )
            text, formatted = items[index]
            return XCell(r, c, "s", text, formatted)
        if t == "str":
            return XCell(r, c, "s", unescape(v))
        if t == "b":
            return XCell(r, c, "b", v.strip() in ("1", "true"))
        if t == "e":
            return XCell(r, c, "e", v)
        if t == "d":
            return XCell(r, c, "d", v)
        return self._number(r, c, v)

    def _number(self, r: int, c: int, v: str) -> XCell:
        try:
            num: float = int(v) if re.fullmatch(r"-?\d{1,30}", v) else float(v)
        except ValueError:
            return XCell(r, c, "s", v)
        if num != num or num in (float("inf"), float("-inf")):
            return XCell(r, c, "e", "#NUM!")  # NaN or infinity: no number a sheet can show
        style = int(self.attrs.get("s", "0") or 0)
        dates = self.dates()
        if 0 <= style < len(dates) and dates[style]:
            epoch = dt.datetime(1904, 1, 1) if self.date1904 else dt.datetime(1899, 12, 30)
            try:
                return XCell(r, c, "d", (epoch + dt.timedelta(days=float(num))).isoformat())
            except OverflowError:
                pass
        return XCell(r, c, "n", num)


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def col_letter(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out
