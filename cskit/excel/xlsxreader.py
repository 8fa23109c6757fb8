"""A small, strict, streaming reader for the parts of an ``.xlsx`` that ``cskit import`` needs.

openpyxl needs 35–60 s for a 10,000-row sheet once LibreOffice has saved it (it splits every
Chinese text into font runs, ~40 MB of shared strings); this reader takes a few seconds on the
same file. It reports what the editing program did to a cell instead of hiding it: the cell
kind (text, number, boolean, error, formula, date), rich-text formatting, merged ranges.
Parsing goes through expat with DTDs and entity declarations refused, so XML bombs stop at
the first byte of a declaration; :func:`cskit.excel.safety.check_workbook` bounds sizes first.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from cskit.errors import InputError

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_REF = re.compile(r"^([A-Z]+)(\d+)$")
_DATE_IDS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
_OFF = ("0", "false", "none")
MAX_ROWS = 100_000  # rows of a sheet cskit reads: 10× the largest library it is built for
MAX_COLUMNS = 16_384  # Excel's own limit
# what reading a damaged zip member raises (bad CRC, truncated data, odd compression)
_DAMAGED = (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError, ValueError)


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


class XBook:
    """The workbook's sheets by name (in order); a sheet is parsed when first asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip = zipfile.ZipFile(path)
        wb = self._xml("xl/workbook.xml")
        rels = _rels(self._xml("xl/_rels/workbook.xml.rels"), "xl")
        self.date1904 = any(
            a.get("date1904", "0").lower() not in _OFF for n, a in wb if n == "workbookPr"
        )
        self._targets: dict[str, tuple[str, str]] = {}
        self.sheetnames: list[str] = []
        for name, attrs in wb:
            if name == "sheet":
                rid = next((v for k, v in attrs.items() if k.endswith(":id")), "")
                target = rels.get(rid, "")
                self.sheetnames.append(attrs.get("name", ""))
                self._targets[attrs.get("name", "")] = (target, attrs.get("state", "visible"))
        self._shared: list[tuple[str, bool]] | None = None
        self._dates: list[bool] | None = None

    def close(self) -> None:
        self._zip.close()

    def sheet(self, name: str) -> XSheet:
        target, state = self._targets[name]
        out = XSheet(name, state)
        if target not in self._zip.namelist():
            return out
        reader = _SheetReader(out, self._shared_strings, self._date_styles, self.date1904)
        _parse(self._member(target), reader.start, reader.end, reader.text, target)
        return out

    def _member(self, member: str) -> Any:
        """A part of the workbook to stream through the parser (a damaged one: InputError)."""
        try:
            return self._zip.open(member)
        except KeyError:
            raise
        except _DAMAGED as exc:
            raise _damaged(member, exc) from None

    # -- shared parts ------------------------------------------------------------------------
    def _xml(self, member: str) -> list[tuple[str, dict[str, str]]]:
        try:
            data = self._zip.read(member)
        except KeyError:
            return []
        except _DAMAGED as exc:
            raise _damaged(member, exc) from None
        out: list[tuple[str, dict[str, str]]] = []
        _parse(data, lambda n, a: out.append((n, a)), lambda n: None, lambda t: None, member)
        return out

    def _shared_strings(self) -> list[tuple[str, bool]]:
        if self._shared is None:
            reader = _StringReader()
            name = next((n for n in self._zip.namelist() if n.endswith("sharedStrings.xml")), None)
            try:
                data = self._zip.read(name) if name else b""
            except _DAMAGED as exc:
                raise _damaged(str(name), exc) from None
            fast = _fast_strings(data)
            if fast is not None:
                self._shared = fast
                return fast
            _parse(data, reader.start, reader.end, reader.text, str(name))
            self._shared = reader.items
        return self._shared

    def _date_styles(self) -> list[bool]:
        if self._dates is None:
            from openpyxl.styles.numbers import is_date_format

            custom: dict[int, str] = {}
            xfs: list[int] = []
            depth = {"cellXfs": False}
            for name, attrs in self._xml("xl/styles.xml"):
                if name == "numFmt":
                    custom[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
                elif name == "cellXfs":
                    depth["cellXfs"] = True
                elif name == "cellStyleXfs" or name == "dxfs":
                    depth["cellXfs"] = False
                elif name == "xf" and depth["cellXfs"]:
                    xfs.append(int(attrs.get("numFmtId", "0")))
            self._dates = [
                (i in custom and is_date_format(custom[i])) or (i not in custom and i in _DATE_IDS)
                for i in xfs
            ]
        return self._dates


def _local(name: str) -> str:
    return name if ":" not in name else name.rsplit(":", 1)[-1]


_SI = re.compile(rb"<(?:\w+:)?si>(.*?)</(?:\w+:)?si>|<(?:\w+:)?si/>", re.S)
_T = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)</(?:\w+:)?t>")
_RPH = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)
_FMT_ON = re.compile(rb'<(?:\w+:)?(?:b|i|strike|u)(?:\s+val="(?!0|false|none)[^"]*")?\s*/>')
_VALIGN = re.compile(rb'<(?:\w+:)?vertAlign\s+val="(?!baseline)[^"]*"')
_COLOR = re.compile(rb'<(?:\w+:)?color\s+[^>]*rgb="([0-9A-Fa-f]{6,8})"')
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#\d+|lt|gt|amp|quot|apos);")
_BLACK = (b"FF000000", b"000000", b"00000000")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _entity(m: re.Match[str]) -> str:
    ref = m.group(1)
    if ref[0] == "#":
        return chr(int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:]))
    return _NAMED[ref]


def _fast_strings(data: bytes) -> list[tuple[str, bool]] | None:
    """Shared strings by regular expressions: 10× faster than expat callbacks on the 40 MB
    LibreOffice writes for Chinese text. ``None`` when the part uses anything unusual
    (CDATA, DTD), which then goes through expat."""
    if b"<![CDATA[" in data or b"<!" in data[:4096]:
        return None
    out: list[tuple[str, bool]] = []
    for si in _SI.finditer(data):
        body = si.group(1) or b""
        if b"<" in body and b"rPh" in body:
            body = _RPH.sub(b"", body)
        raw = b"".join(_T.findall(body)).decode("utf-8")
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        text = _ENTITY.sub(_entity, raw) if "&" in raw else raw
        formatted = b"rPr" in body and bool(
            _FMT_ON.search(body)
            or _VALIGN.search(body)
            or any(c.upper() not in _BLACK for c in set(_COLOR.findall(body)))
        )
        out.append((unescape(text), formatted))
    return out


def _damaged(member: str, exc: BaseException) -> InputError:
    why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return InputError(
        f"表格已损坏：{member} 读不出来（{why}）",
        hint="用 Excel、WPS 或 LibreOffice 打开后重新保存为 .xlsx",
        en=f"the workbook is damaged: {member} cannot be read ({why})",
        hint_en="open it in Excel, WPS or LibreOffice and save it again as .xlsx",
    )


def _parse(
    data: bytes | Any,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    text: Callable[[str], None],
    where: str,
) -> None:
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def refuse(*_args: Any) -> Any:
        raise InputError(f"{where}: XML declarations (DTD, entities) are refused", hint="a bomb?")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = lambda n, a: start(_local(n), a)
    parser.EndElementHandler = lambda n: end(_local(n))
    parser.CharacterDataHandler = text
    try:
        if isinstance(data, bytes):
            parser.Parse(data, True)
        else:  # a zip member, streamed: a huge sheet stops at MAX_ROWS, not at MemoryError
            with data:
                parser.ParseFile(data)
    except expat.ExpatError as exc:
        raise InputError(f"{where}: damaged XML ({exc})", hint="save the workbook again") from None
    except _DAMAGED as exc:
        raise _damaged(where, exc) from None


def _rels(items: list[tuple[str, dict[str, str]]], base: str) -> dict[str, str]:
    out = {}
    for name, attrs in items:
        if name == "Relationship":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
            out[attrs.get("Id", "")] = posixpath.normpath(path)
    return out


def unescape(text: str) -> str:
    """OOXML's ``_xHHHH_`` escapes, decoded as Excel and LibreOffice do."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


class _RunText:
    """Text of ``<si>``/``<is>`` content: ``t`` runs outside phonetic ``rPh``; formatting."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.formatted = False
        self.in_t = False
        self.in_rph = False
        self.in_rpr = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "t" and not self.in_rph:
            self.in_t = True
        elif name == "rPh":
            self.in_rph = True
        elif name == "rPr":
            self.in_rpr = True
        elif self.in_rpr:
            if (
                name in ("b", "i", "strike", "u") and attrs.get("val", "1").lower() not in _OFF
            ) or (name == "vertAlign" and attrs.get("val", "baseline") != "baseline"):
                self.formatted = True
            elif name == "color":
                rgb = attrs.get("rgb", "").upper()
                if rgb and rgb not in ("FF000000", "000000", "00000000"):
                    self.formatted = True

    def end(self, name: str) -> None:
        if name == "t":
            self.in_t = False
        elif name == "rPh":
            self.in_rph = False
        elif name == "rPr":
            self.in_rpr = False

    def text(self, data: str) -> None:
        if self.in_t:
            self.parts.append(data)

    def result(self) -> tuple[str, bool]:
        return unescape("".join(self.parts)), self.formatted


class _StringReader:
    def __init__(self) -> None:
        self.items: list[tuple[str, bool]] = []
        self.run: _RunText | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "si":
            self.run = _RunText()
        elif self.run is not None:
            self.run.start(name, attrs)

    def end(self, name: str) -> None:
        if self.run is None:
            return
        if name == "si":
            self.items.append(self.run.result())
            self.run = None
        else:
            self.run.end(name)

    def text(self, data: str) -> None:
        if self.run is not None:
            self.run.text(data)


class _SheetReader:
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
        self.inline: _RunText | None = None

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
                raise InputError(f"{self.sheet.name}: a cell lies past column {MAX_COLUMNS}")
        elif name == "v" or name == "f":
            self.buf = []
        elif name == "is":
            self.inline = _RunText()
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
