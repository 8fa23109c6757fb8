"""A real order export through LibreOffice: an agent pastes a long order number into a General
cell, LibreOffice keeps 15 digits of it, and batch rendering explains it in the import's words
while the other rows render, with the columns the agent asked to keep. Needs ``soffice`` and
``python3-uno``; without them this test fails, it never skips."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from cskit.text.lostdigits import lost_digits
from tests.conftest import entry_file
from tests.excel.lo import find_soffice, type_into
from tests.render.test_batch import ENTRY

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def soffice(tmp_path_factory):
    return find_soffice(tmp_path_factory)


def test_an_order_export_saved_by_libreoffice(soffice, make_library, tmp_path):
    lib = make_library({"scripts/a.yaml": entry_file(ENTRY)})
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "订单"
    ws.append(["订单编号", "实付金额", "收货人手机", "备注"])
    for row in (["3412345678901234567", "128.5", "13800001111", "加急"],
                ["", "59", "13800002222", ""]):  # fmt: skip
        ws.append(row)
        for cell in ws[ws.max_row]:
            cell.data_type = "s"
    src = tmp_path / "export.xlsx"
    book.save(src)
    # the agent types the second order number into a General cell
    saved = type_into(
        soffice, src, tmp_path / "orders.xlsx", [("A3", "4128603357190265521")], "订单"
    )
    value = openpyxl.load_workbook(saved)["订单"]["A3"].value
    assert isinstance(value, float)  # LibreOffice made it a number of 15 significant digits
    out = tmp_path / "messages.csv"
    from typer.testing import CliRunner

    from cskit.cli import app

    result = CliRunner().invoke(
        app,
        ["render", "parcel", "--batch", str(saved), "--out", str(out), "--library", str(lib),
         "--map", "订单编号=order.id", "--keep", "订单编号,收货人手机"],
    )  # fmt: skip
    assert result.exit_code == 1
    explained = lost_digits(value)
    assert explained is not None
    assert (
        f"数据第 3 行：order.id（订单号）的值：{explained.zh}；{explained.hint_zh}" in result.stderr
    )
    assert "长数字被表格软件改成了 4.12860335719027e+18，后面的位数已经丢失" in result.stderr
    assert "备注" in result.stderr  # ignored: no variable
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [r["ok"] for r in rows] == ["true", "false"]
    assert rows[0]["订单编号"] == "3412345678901234567" and rows[1]["收货人手机"] == "13800002222"
    assert rows[0]["text"] == "订单3412345678901234567实付¥128.50"
