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
        _parse(self._zip.read(target), reader.start, reader.end, reader.text, target)
        return out

    # -- shared parts ------------------------------------------------------------------------
    def _xml(self, member: str) -> list[tuple[str, dict[str, str]]]:
        try:
            data = self._zip.read(member)
        except KeyError:
            return []
        out: list[tuple[str, dict[str, str]]] = []
        _parse(data, lambda n, a: out.append((n, a)), lambda n: None, lambda t: None, member)
        return out

    def _shared_strings(self) -> list[tuple[str, bool]]:
        if self._shared is None:
            reader = _StringReader()
            name = next((n for n in self._zip.namelist() if n.endswith("sharedStrings.xml")), None)
            data = self._zip.read(name) if name else b""
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


def _parse(
    data: bytes,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    text: Callable[[str], None],
    where: str,
) -> None:
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def refuse(*_args: Any) -> Any:
        raise InputError(
            "拒绝 XML 声明（DTD、实体），疑似 XML 炸弹",
            where=where,
            en="XML declarations (DTD, entities) are refused (a bomb?)",
        )

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = lambda n, a: start(_local(n), a)
    parser.EndElementHandler = lambda n: end(_local(n))
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise InputError(
            f"XML 已损坏（{exc}）",
            where=where,
            hint="请重新保存工作簿",
            en=f"damaged XML ({exc})",
            hint_en="save the workbook again",
        ) from None


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
                self.row = int(m.group(2))
        elif name == "v" or name == "f":
            self.buf = []
        elif name == "is":
            self.inline = _RunText()
        elif name == "row":
            self.row = int(attrs.get("r", self.row + 1))
            self.col = 0
        elif name == "mergeCell":
            self.sheet.merged.append(attrs.get("ref", ""))

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
            try:
                text, formatted = items[int(v)]
            except (ValueError, IndexError):
                raise InputError(
                    "单元格引用了不存在的文本",
                    where=self.sheet.name,
                    en="cell refers to a missing string",
                ) from None
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
            num: float = int(v) if re.fullmatch(r"-?\d+", v) else float(v)
        except ValueError:
            return XCell(r, c, "s", v)
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
