from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, entry_file

BASE = """\
title: 测试
category: order
stage: resolve
owner: 客服一组
reviewed: 2026-11-01
"""
PARCEL = (
    "id: parcel\n"
    + BASE
    + """\
answer: |-
  订单 {{ order.id }} 实付 {{ order.amount | yuan }}。
  {% if shipment.tracking_no %}{{ shipment.carrier | default('快递') }}
  {{- '' }}单号 {{ shipment.tracking_no }}{% endif %}
channels:
  sms: >-
    订单{{ order.id }}已发货{% if shipment.tracking_no %}，单号{{ shipment.tracking_no }}
    {%- endif %}
"""
)


@pytest.fixture
def lib(make_library) -> Path:
    return make_library(
        {
            "scripts/a.yaml": entry_file(PARCEL),
            "templates/notice.j2": "{{ shop.name }}：{{ reply('parcel') }}\n",
        }
    )


def test_render_entry_with_sample(cli, lib):
    result = cli("render", "parcel", "--sample", "shipped", "--library", lib)
    assert result.exit_code == 0, result.output
    assert result.stdout == ("订单 3412345678901234567 实付 ¥128.50。\n中通快递单号 ZT7788990011\n")


def test_later_sources_override_earlier(cli, lib, tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text("order: {id: '111', amount: 9}\n", encoding="utf-8")
    result = cli(
        "render",
        "parcel",
        "--sample",
        "shipped",
        "--data",
        data,
        "--set",
        "order.amount=10.5",
        "--library",
        lib,
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("订单 111 实付 ¥10.50。")


def test_missing_required_variable_exits_1_naming_it(cli, lib, tmp_path):
    data = tmp_path / "partial.json"
    data.write_text(json.dumps({"order": {"id": "1"}}), encoding="utf-8")
    result = cli("render", "parcel", "--data", data, "--library", lib)
    assert result.exit_code == 1
    assert "order.amount（实付金额）" in result.stderr
    assert "scripts/a.yaml:9:" in result.stderr  # the answer's first line in the YAML file
    assert result.stdout == ""


def test_wrong_type_in_a_data_file_exits_1(cli, lib, tmp_path):
    data = tmp_path / "d.json"
    data.write_text('{"order": {"amount": "很多"}}', encoding="utf-8")
    result = cli("render", "parcel", "--sample", "shipped", "--data", data, "--library", lib)
    assert result.exit_code == 1 and "order.amount" in result.stderr


def test_wrong_type_on_the_command_line_exits_2_naming_set(cli, lib):
    result = cli(
        "render", "parcel", "--sample", "shipped", "--set", "order.amount=很多", "--library", lib
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：--set order.amount=很多：order.amount（实付金额）")
    assert "不是金额" in result.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--data", "missing.json"], "无法读取数据文件"),
        (["--set", "order.tracking=1"], "shipment.tracking_no"),
        (["--set", "novalue"], "不是“名称=值”的写法"),
        (["--sample", "nope"], "已有样例：shipped, unshipped"),
    ],
)
def test_unusable_input_exits_2(cli, lib, args, needle):
    result = cli("render", "parcel", *args, "--library", lib)
    assert result.exit_code == 2
    assert needle in result.stderr and "Traceback" not in result.output


def test_unknown_target_suggests(cli, lib):
    result = cli("render", "parcle", "--library", lib)
    assert result.exit_code == 2 and "'parcel'" in result.stderr


def test_sms_channel_adds_signature_and_counts_segments(cli, lib):
    result = cli("render", "parcel", "--sample", "shipped", "--channel", "sms", "--library", lib)
    assert result.exit_code == 0
    text = "【示例旗舰店】订单3412345678901234567已发货，单号ZT7788990011"
    assert result.stdout == text + "\n"
    assert f"短信 {len(text)} 字（含签名），计 1 条" in result.stderr


def test_template_with_reply(cli, lib):
    result = cli("render", "notice", "--sample", "unshipped", "--format", "json", "--library", lib)
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["text"] == "示例旗舰店：订单 3412345678901234568 实付 ¥59.00。"


def test_sandbox_escape_is_one_line_exit_1(cli, lib, tmp_path):
    data = tmp_path / "x.j2"
    data.write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    result = cli("render", data, "--library", lib)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "沙箱" in result.stderr


def test_real_executable(lib):
    exe = ROOT / ".venv" / "bin" / "cskit"
    proc = subprocess.run(
        [str(exe), "render", "parcel", "--sample", "unshipped", "--library", str(lib)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "订单 3412345678901234568 实付 ¥59.00。\n"


def test_english_messages_with_lang_en(cli, lib):
    result = cli("render", "parcel", "--lang", "en", "--library", lib)
    assert result.exit_code == 1
    assert "no value for variable order.id (line 1)" in result.stderr
    assert "--sample shipped" in result.stderr
