from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from cskit.errors import InputError
from cskit.render.batch import read_rows
from tests.conftest import entry_file

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
    assert "数据第 3 行：缺少变量 order.amount（实付金额） 的值" in result.stderr
    assert "数据第 4 行：order.amount（实付金额） 的值 “很多” 不是金额" in result.stderr
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
    assert result.exit_code == 1 and "数据第 2 行：order.id（订单号）的值：长数字" in result.stderr
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
    assert "数据第 2 行：不是有效的 JSON" in result.stderr
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
    assert (
        "数据第 3 行：order.id（订单号）的值：长数字被表格软件改成了 4.12860335719026e+18"
        in result.stderr
    )
    assert "数据第 4 行：单元格 B4 是公式" in result.stderr
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
    with pytest.raises(InputError) as caught:
        read_rows(bomb)
    assert "too much" in (caught.value.en or "") and "数据过大" in caught.value.message


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


# --- real order exports: Chinese headers, --map, --keep --------------------------------------


def test_chinese_headers_by_label_map_and_keep(cli, lib, tmp_path):
    batch = write_csv(
        tmp_path / "订单导出.csv",
        [
            ["订单编号", "实付金额", "买家昵称", "收货人手机", "订单状态"],
            ["1001", "128.5", "张三", "13800001111", "已发货"],  # 订单状态: no such enum value
            ["1002", "很多", "", "13800002222", "已发货"],
        ],
    )
    out = tmp_path / "out.csv"
    result = cli("render", "parcel", "--batch", batch, "--out", out, "--library", lib,
                 "--map", "订单编号=order.id", "--map", "买家昵称=customer.nick",
                 "--keep", "订单编号,收货人手机")  # fmt: skip
    assert result.exit_code == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert list(rows[0]) == ["row", "订单编号", "收货人手机", "ok", "text", "error"]
    # 实付金额 is order.amount's label; 订单状态 feeds nothing the template uses: no failure
    assert rows[0]["text"] == "订单1001实付¥128.50，张*" and rows[0]["订单编号"] == "1001"
    assert rows[1]["ok"] == "false" and rows[1]["收货人手机"] == "13800002222"
    assert "数据第 3 行：order.amount（实付金额） 的值 “很多” 不是金额" in result.stderr
    assert "收货人手机" not in result.stderr.split("→")[-1]  # kept, so not "ignored"


def test_a_bad_value_in_a_column_the_template_does_not_use_does_not_fail_the_row(
    cli, make_library, tmp_path
):
    lib = make_library({"scripts/a.yaml": entry_file(ENTRY.replace(
        "实付{{ order.amount | yuan }}", ""))})  # fmt: skip
    batch = write_csv(tmp_path / "o.csv", [["订单号", "实付金额"], ["1", "很多"], ["2", "3"]])
    out = tmp_path / "o.jsonl"
    result = cli("render", "parcel", "--batch", batch, "--out", out, "--library", lib)
    assert result.exit_code == 0, result.stderr
    assert [json.loads(x)["text"] for x in out.read_text(encoding="utf-8").splitlines()] == [
        "订单1",
        "订单2",
    ]


def test_template_lines_and_data_rows_are_worded_apart(cli, make_library, tmp_path):
    entry = ENTRY.replace(
        "answer: >-\n  订单{{ order.id }}", "answer: |-\n  您好！\n  订单{{ order.id }}"
    )
    lib = make_library({"scripts/a.yaml": entry_file(entry)})
    batch = write_csv(tmp_path / "o.csv", [["订单号", "实付金额"], ["1", "2"], ["2", ""]])
    out = tmp_path / "r.csv"
    result = cli("render", "parcel", "--batch", batch, "--out", out, "--library", lib)
    assert "数据第 3 行：缺少变量 order.amount（实付金额） 的值（模板第 2 行）" in result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert rows[1]["error"].endswith("（模板第 2 行）")
    result = cli("render", "parcel", "--batch", batch, "--out", out, "--library", lib,
                 "--lang", "en")  # fmt: skip
    assert "data row 3: no value for variable order.amount (template line 2)" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--map", "订单编码=order.id"], "--map 订单编码：文件里没有这一列"),
        (["--map", "订单号=order.idd"], "是不是 order.id？"),
        (["--map", "订单号"], "应写成 列名=变量名"),
        (["--keep", "手机"], "文件里没有这一列"),
        (["--keep", "text"], "和结果文件自带的列同名"),
    ],
)
def test_bad_map_and_keep_options_exit_2(cli, lib, tmp_path, args, words):
    batch = write_csv(tmp_path / "o.csv", [["订单号", "实付金额", "text"], ["1", "2", "x"]])
    result = cli("render", "parcel", "--batch", batch, "--out", tmp_path / "r.csv",
                 "--library", lib, *args)  # fmt: skip
    assert result.exit_code == 2 and words in result.stderr


def test_two_columns_for_one_variable_ask_for_a_map(cli, lib, tmp_path):
    batch = write_csv(tmp_path / "o.csv", [["订单号", "order.id", "实付金额"], ["1", "1", "2"]])
    result = cli("render", "parcel", "--batch", batch, "--out", tmp_path / "r.csv",
                 "--library", lib)  # fmt: skip
    assert result.exit_code == 2 and "都对应变量 order.id" in result.stderr
