"""The import's own xlsx reader: cell kinds, shared and inline strings, refusal of DTDs."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from cskit.errors import InputError
from cskit.excel.xlsxreader import XBook, _parse
from cskit.excel.xlsxsheet import col_letter
from cskit.excel.xlsxstrings import StringReader, fast_strings

# These tests read the English error texts (Chinese is the default).
pytestmark = pytest.mark.usefixtures("english_errors")


def _book(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    ws["A1"] = "文本"
    ws["B1"] = 12
    ws["C1"] = 1.2345678901234567e19
    ws["D1"] = True
    ws["E1"] = "=1+1"
    ws["F1"] = dt.date(2026, 11, 22)
    c = ws["G1"]
    c.value = "#N/A"
    ws["H1"] = CellRichText(["普通", TextBlock(InlineFont(b=True), "加粗")])
    ws["I1"] = "a\r\nb"
    ws.merge_cells("A3:B4")
    hidden = wb.create_sheet("藏")
    hidden.sheet_state = "hidden"
    path = tmp_path / "a.xlsx"
    wb.save(path)
    return path


def test_cell_kinds(tmp_path):
    book = XBook(_book(tmp_path))
    assert book.sheetnames == ["数据", "藏"]
    ws = book.sheet("数据")
    row = ws.rows[1]
    assert (row[1].kind, row[1].value) == ("s", "文本")
    assert (row[2].kind, row[2].value) == ("n", 12)
    assert row[3].kind == "n" and row[3].value == pytest.approx(1.2345678901234567e19)
    assert (row[4].kind, row[4].value) == ("b", True)
    assert (row[5].kind, row[5].value) == ("f", "=1+1")
    assert row[6].kind == "d" and row[6].value.startswith("2026-11-22")
    assert (row[7].kind, row[7].value) == ("e", "#N/A")
    assert (row[8].kind, row[8].value, row[8].formatted) == ("s", "普通加粗", True)
    assert row[9].value == "a\nb"
    assert ws.merged == ["A3:B4"]
    assert book.sheet("藏").state == "hidden"


SST = """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<si><t xml:space="preserve">a &amp; b &#10;c</t></si>
<si><r><rPr><rFont val="DejaVu Sans"/><color rgb="FF000000"/></rPr><t>中文</t></r><r><rPr><rFont val="Calibri"/></rPr><t>abc</t></r></si>
<si><r><rPr><b val="true"/></rPr><t>粗</t></r></si>
<si><r><rPr><color rgb="FFFF0000"/></rPr><t>红</t></r></si>
<si><r><rPr><b val="false"/></rPr><t>不粗</t></r><rPh sb="0" eb="1"><t>フリ</t></rPh></si>
<si><t>_x000D__x005F_x0041_</t></si>
<si/>
</sst>""".encode()


def test_shared_strings_fast_path_equals_expat():
    reader = StringReader()
    _parse(SST, reader.start, reader.end, reader.text, "sst")
    fast = fast_strings(SST)
    assert fast == reader.items
    assert fast == [
        ("a & b \nc", False),
        ("中文abc", False),
        ("粗", True),
        ("红", True),
        ("不粗", False),
        ("\r_x0041_", False),
        ("", False),
    ]


def test_dtd_is_refused(tmp_path):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
        b"<sst><si><t>&b;</t></si></sst>"
    )
    assert fast_strings(bomb) is None
    reader = StringReader()
    with pytest.raises(InputError, match="refused"):
        _parse(bomb, reader.start, reader.end, reader.text, "sst")


def test_dtd_in_a_workbook_is_refused_on_read(tmp_path):
    src = _book(tmp_path)
    dst = tmp_path / "dtd.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE w [<!ENTITY x "y">]>' + data
            zout.writestr(item, data)
    with pytest.raises(InputError, match="refused"):
        XBook(dst).sheet("数据")


def test_wrong_dimension_does_not_hide_rows(tmp_path):
    """WPS writes <dimension ref="A1"/>; the reader never trusts it."""
    wb = openpyxl.Workbook()
    for r in range(1, 15):
        wb.active.cell(r, 1, f"行{r}")
    src = tmp_path / "w.xlsx"
    wb.save(src)
    dst = tmp_path / "wps.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:A14"/>', b'<dimension ref="A1"/>')
            zout.writestr(item, data)
    assert len(XBook(dst).sheet("Sheet").rows) == 14


def test_col_letter():
    assert [col_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
