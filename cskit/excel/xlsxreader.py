"""A small, strict, streaming reader for the parts of an ``.xlsx`` that ``cskit import`` needs.

openpyxl needs 35–60 s for a 10,000-row sheet once LibreOffice has saved it (it splits every
Chinese text into font runs, ~40 MB of shared strings); this reader takes a few seconds on the
same file. It reports what the editing program did to a cell instead of hiding it: the cell
kind (text, number, boolean, error, formula, date), rich-text formatting, merged ranges.
Parsing goes through expat with DTDs and entity declarations refused, so XML bombs stop at
the first byte of a declaration; :func:`cskit.excel.safety.check_workbook` bounds sizes first.
A sheet's cells are read by :mod:`cskit.excel.xlsxsheet`, its strings by
:mod:`cskit.excel.xlsxstrings`.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.parsers import expat

from cskit.errors import InputError
from cskit.excel.xlsxsheet import SheetReader, XSheet
from cskit.excel.xlsxstrings import OFF, StringReader, fast_strings

_DATE_IDS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
# what reading a damaged zip member raises (bad CRC, truncated data, odd compression)
_DAMAGED = (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError, ValueError)


class XBook:
    """The workbook's sheets by name (in order); a sheet is parsed when first asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip = zipfile.ZipFile(path)
        wb = self._xml("xl/workbook.xml")
        rels = _rels(self._xml("xl/_rels/workbook.xml.rels"), "xl")
        self.date1904 = any(
            a.get("date1904", "0").lower() not in OFF for n, a in wb if n == "workbookPr"
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
        reader = SheetReader(out, self._shared_strings, self._date_styles, self.date1904)
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
            reader = StringReader()
            name = next((n for n in self._zip.namelist() if n.endswith("sharedStrings.xml")), None)
            try:
                data = self._zip.read(name) if name else b""
            except _DAMAGED as exc:
                raise _damaged(str(name), exc) from None
            fast = fast_strings(data)
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
        if isinstance(data, bytes):
            parser.Parse(data, True)
        else:  # a zip member, streamed: a huge sheet stops at MAX_ROWS, not at MemoryError
            with data:
                parser.ParseFile(data)
    except expat.ExpatError as exc:
        raise InputError(
            f"XML 已损坏（{exc}）",
            where=where,
            hint="请重新保存工作簿",
            en=f"damaged XML ({exc})",
            hint_en="save the workbook again",
        ) from None
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
