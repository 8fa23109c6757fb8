"""The sheet writer: text that looks like something else stays text, for openpyxl and for
cskit's own reader (what ``cskit adopt`` uses)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from cskit.excel.xlsxreader import XBook
from cskit.publish.xlsxwrite import UNSTORABLE, xlsx_bytes

TRICKY = [
    "=1+1",
    "+86 138",
    "-不要删",
    "@所有人",
    "0012",
    "4128603357190265521",
    "2026-11-22",
    "TRUE",
    "#N/A",
    "  前后有空格  ",
    "第一行\n第二行",
    "回车\r换行",
    "<b>&amp;</b> \"引号\" '单引号'",
    "_x0041_ 不是 A",
    "emoji 🎁 与 生僻字 𠀋",
    "",
]


OPENPYXL_SEES = {"回车\r换行": "回车_x000D_换行", "_x0041_ 不是 A": "_x005F_x0041_ 不是 A"}


def test_tricky_text_reads_back_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    header = ["原文", "序号"]
    rows = [[text, str(i)] for i, text in enumerate(TRICKY)]
    path.write_bytes(xlsx_bytes("短语", header, rows))
    book = openpyxl.load_workbook(path)
    ws = book["短语"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.b
    got = [[c.value or "" for c in row] for row in ws.iter_rows()]
    # openpyxl does not decode the OOXML _xHHHH_ escapes Excel and LibreOffice decode
    expected = [[OPENPYXL_SEES.get(t, t) for t in row] for row in [header, *rows]]
    assert got == expected
    assert all(c.data_type == "s" for row in ws.iter_rows() for c in row if c.value)
    assert ws["A2"].number_format == "@"
    xbook = XBook(path)
    sheet = xbook.sheet("短语")
    xbook.close()
    ours = [
        [sheet.rows[r][c].value if c in sheet.rows[r] else "" for c in (1, 2)]
        for r in sorted(sheet.rows)
    ]
    assert ours == [header, *rows]
    assert all(cell.kind == "s" for row in sheet.rows.values() for cell in row.values())


def test_unstorable_characters_are_known() -> None:
    assert UNSTORABLE.search("a\x07b") and UNSTORABLE.search("\x0b")
    assert not UNSTORABLE.search("tab\tnew\nline\rcr")


@pytest.mark.slow
def test_libreoffice_reads_the_same_text(tmp_path: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui")
    path = tmp_path / "t.xlsx"
    rows = [[text, str(i)] for i, text in enumerate(TRICKY)]
    path.write_bytes(xlsx_bytes("短语", ["原文", "序号"], rows))
    out = tmp_path / "out"
    proc = subprocess.run(
        [exe, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--norestore",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out),
         str(path)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    with (out / "t.csv").open(encoding="utf-8", newline="") as fh:
        got = list(csv.reader(fh))
    assert got == [["原文", "序号"], *rows]  # the _xHHHH_ escapes decoded as Excel does
