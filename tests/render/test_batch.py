from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from cskit.errors import InputError
from cskit.render.batch import read_rows
from tests.conftest import entry_file

# These tests read the English error texts (Chinese is the default).
pytestmark = pytest.mark.usefixtures("english_errors")

ENTRY = """\
id: parcel
title: 测试
category: order
stage: resolve
owner: 客服一组
reviewed: 2026-11-01
answer: >-
  订单{{ order.id }}实付{{ order.amount | yuan }}
  {%- if customer.nick %}，{{ customer.nick | mask_name }}{% endif %}
"""


@pytest.fixture
def lib(make_library) -> Path:
    return make_library({"scripts/a.yaml": entry_file(ENTRY)})


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_csv_batch_reports_bad_rows_and_writes_the_good_ones(cli, lib, tmp_path):
    batch = write_csv(
        tmp_path / "orders.csv",
        [
            ["order.id", "order.amount", "customer.nick", "备注"],
            ["1001", "128.5", "张三", "x"],
            ["1002", "", "", ""],  # amount missing
            ["1003", "很多", "", ""],  # amount not money
            ["1004", "59", "", ""],
        ],
    )
    out = tmp_path / "out.csv"
    result = cli("render", "parcel", "--batch", batch, "--out", out, "--library", lib)
    assert result.exit_code == 1
    assert "第 3 行: 缺少变量 order.amount（实付金额） 的值" in result.stderr
    assert "第 4 行: order.amount（实付金额） 的值 “很多” 不是金额" in result.stderr
    assert "备注" in result.stderr  # ignored column is mentioned
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [(r["row"], r["ok"]) for r in rows] == [
        ("2", "true"),
        ("3", "false"),
        ("4", "false"),
        ("5", "true"),
    ]
    assert rows[0]["text"] == "订单1001实付¥128.50，张*"
    assert rows[3]["text"] == "订单1004实付¥59.00"
    assert rows[1]["text"] == "" and "order.amount" in rows[1]["error"]


def test_all_good_rows_exit_0_and_sample_fills_gaps(cli, lib, tmp_path):
    batch = write_csv(tmp_path / "o.csv", [["order.id"], ["1"], ["2"]])
    out = tmp_path / "o.jsonl"
    result = cli(
        "render",
        "parcel",
        "--batch",
        batch,
        "--out",
        out,
        "--sample",
        "unshipped",
        "--library",
        lib,
    )
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["text"] for x in lines] == ["订单1实付¥59.00", "订单2实付¥59.00"]


def test_batch_accepts_output_like_other_commands(cli, lib, tmp_path):
    batch = write_csv(tmp_path / "o.csv", [["order.id"], ["1"]])
    out = tmp_path / "o.jsonl"
    args = ["--batch", batch, "--output", out, "--sample", "unshipped", "--library", lib]
    assert cli("render", "parcel", *args).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == "订单1实付¥59.00"


def test_rounded_order_number_in_a_csv_cell_is_a_bad_row(cli, lib, tmp_path):
    batch = write_csv(tmp_path / "o.csv", [["order.id"], ["4.12860335719027E+18"], ["7"]])
    out = tmp_path / "o.jsonl"
    args = ["--batch", batch, "--out", out, "--sample", "unshipped", "--library", lib]
    result = cli("render", "parcel", *args)
    assert result.exit_code == 1 and "第 2 行" in result.stderr
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["ok"] for r in rows] == [False, True]


def test_jsonl_nested_rows_and_a_broken_line(cli, lib, tmp_path):
    batch = tmp_path / "o.jsonl"
    batch.write_text(
        '{"order": {"id": "1", "amount": 5}}\n{not json\n\n{"order.id": "3", "order.amount": 7}\n',
        encoding="utf-8",
    )
    out = tmp_path / "r.csv"
    result = cli("render", "parcel", "--batch", batch, "--out", out, "--library", lib)
    assert result.exit_code == 1
    assert "第 2 行: 不是有效的 JSON" in result.stderr
    texts = [r["text"] for r in csv.DictReader(out.open(encoding="utf-8-sig"))]
    assert texts == ["订单1实付¥5.00", "", "订单3实付¥7.00"]


def test_xlsx_in_and_out_long_numbers_and_formulas(cli, lib, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["order.id", "order.amount"])
    sheet.append(["3412345678901234567", 10])
    sheet.append([4.128603357190265e18, 10])  # a long id Excel stored as a number
    sheet.append(["5", "=1+1"])
    batch = tmp_path / "o.xlsx"
    book.save(batch)
    out = tmp_path / "r.xlsx"
    result = cli("render", "parcel", "--batch", batch, "--out", out, "--library", lib)
    assert result.exit_code == 1
    assert "第 3 行: order.id（订单号）" in result.stderr
    assert "第 4 行: 单元格 B4 是公式" in result.stderr
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == ("row", "ok", "text", "error")
    assert rows[1][:3] == (2, True, "订单3412345678901234567实付¥10.00")


def test_output_text_starting_with_equals_stays_text(cli, make_library, tmp_path):
    lib = make_library({"scripts/a.yaml": entry_file(ENTRY.replace("订单{{", "=订单{{"))})
    batch = write_csv(tmp_path / "o.csv", [["order.id", "order.amount"], ["1", "2"]])
    out = tmp_path / "r.xlsx"
    assert cli("render", "parcel", "--batch", batch, "--out", out, "--library", lib).exit_code == 0
    cell = openpyxl.load_workbook(out).active["C2"]
    assert cell.data_type == "s" and cell.value.startswith("=订单")


def test_unusable_batch_files_exit_2(cli, lib, tmp_path):
    bad = tmp_path / "o.txt"
    bad.write_text("x", encoding="utf-8")
    out = tmp_path / "r.csv"
    assert cli("render", "parcel", "--batch", bad, "--out", out, "--library", lib).exit_code == 2
    fake = tmp_path / "o.xlsx"
    fake.write_text("not a zip", encoding="utf-8")
    result = cli("render", "parcel", "--batch", fake, "--out", out, "--library", lib)
    assert result.exit_code == 2 and "不是 xlsx 工作簿" in result.stderr
    assert not out.exists()


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "0" * (60 * 1024 * 1024))
    with pytest.raises(InputError, match="too much"):
        read_rows(bomb)


def test_gbk_csv_from_excel_is_read(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("order.id,customer.nick\n1,张三\n".encode("gb18030"))
    rows, columns = read_rows(path)
    assert columns == ["order.id", "customer.nick"] and rows[0].values["customer.nick"] == "张三"


def test_broken_template_stops_before_any_row(cli, make_library, tmp_path):
    lib = make_library({"scripts/a.yaml": entry_file(ENTRY.replace("{% endif %}", ""))})
    batch = write_csv(tmp_path / "o.csv", [["order.id", "order.amount"], ["1", "2"]])
    out = tmp_path / "r.csv"
    result = cli("render", "parcel", "--batch", batch, "--out", out, "--library", lib)
    assert result.exit_code == 1 and "模板语法错误" in result.stderr
    assert not out.exists()


def test_sms_batch_has_signature_and_segment_columns(cli, lib, tmp_path):
    batch = write_csv(tmp_path / "o.csv", [["order.id", "order.amount"], ["1", "2"]])
    out = tmp_path / "r.jsonl"
    result = cli(
        "render", "parcel", "--channel", "sms", "--batch", batch, "--out", out, "--library", lib
    )
    assert result.exit_code == 0, result.stderr
    [row] = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert row["text"] == "【示例旗舰店】订单1实付¥2.00"
    assert (row["chars"], row["segments"]) == (len(row["text"]), 1)
