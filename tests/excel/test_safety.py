"""Intake checks: what is refused before any XML is parsed, and with which message."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from cskit.errors import InputError
from cskit.excel import safety as xlsx_safety
from cskit.excel.safety import OLE2, check_workbook

# These tests read the English error texts (Chinese is the default).
pytestmark = pytest.mark.usefixtures("english_errors")


def _xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "编号"
    wb.save(path)
    return path


def _with_member(src: Path, dst: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        zout.writestr(name, data)
    return dst


def test_a_plain_workbook_passes(tmp_path):
    assert check_workbook(_xlsx(tmp_path / "a.xlsx")) == []


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("old.xls", OLE2 + b"\0" * 600, "97-2003 (.xls)"),
        ("locked.xlsx", OLE2 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100, "password"),
        ("table.csv", "编号,回复\na,b\n".encode(), "CSV"),
        ("table.xlsx", "编号,回复\n".encode(), "CSV or text"),
        ("random.xlsx", bytes(range(256)) * 4, "not an Excel workbook"),
        ("cut.xlsx", b"PK\x03\x04" + b"\0" * 40, "damaged"),
    ],
)
def test_wrong_kinds_of_file_get_a_clear_message(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as exc:
        check_workbook(path)
    assert words in str(exc.value)
    assert exc.value.where == str(path)


def test_ods_is_named(tmp_path):
    path = tmp_path / "a.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<x/>")
    with pytest.raises(InputError, match=r"OpenDocument spreadsheet \(\.ods\)"):
        check_workbook(path)


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hi")
    with pytest.raises(InputError, match="not an Excel workbook"):
        check_workbook(path)


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    bomb = _with_member(
        _xlsx(tmp_path / "a.xlsx"),
        tmp_path / "bomb.xlsx",
        "xl/worksheets/sheet9.xml",
        b"\0" * (24 << 20),
    )
    assert bomb.stat().st_size < 200_000
    with pytest.raises(InputError, match="zip bomb"):
        check_workbook(bomb)


def test_too_many_parts_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_safety, "MAX_MEMBERS", 30)
    src = _xlsx(tmp_path / "a.xlsx")
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        for i in range(40):
            zout.writestr(f"xl/media/p{i}.bin", b"x")
    with pytest.raises(InputError, match="parts"):
        check_workbook(path)


def test_total_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_safety, "MAX_TOTAL", 1000)
    with pytest.raises(InputError, match="inflate to"):
        check_workbook(
            _with_member(_xlsx(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", "x.bin", b"y" * 5000)
        )


def test_macros_external_links_and_wps_pictures_are_warned_about(tmp_path):
    path = _with_member(_xlsx(tmp_path / "a.xlsx"), tmp_path / "m.xlsx", "xl/vbaProject.bin", b"x")
    path = _with_member(path, tmp_path / "m2.xlsx", "xl/externalLinks/externalLink1.xml", b"<x/>")
    path = _with_member(path, tmp_path / "m3.xlsx", "xl/cellimages.xml", b"<x/>")
    en = [w[1] for w in check_workbook(path)]
    assert any("macros" in w for w in en)
    assert any("links" in w for w in en)
    assert any("pictures embedded" in w for w in en)


def test_lock_file_next_to_the_workbook_is_a_warning(tmp_path):
    path = _xlsx(tmp_path / "a.xlsx")
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")
    assert "still be open" in check_workbook(path)[0][1]


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        check_workbook(tmp_path / "nope.xlsx")
