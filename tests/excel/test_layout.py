"""Cell text ↔ value: every value the library can hold comes back from its cell unchanged."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cskit.config.schema import FIELDS
from cskit.excel.base import decode_cell, encode_cell
from cskit.excel.layout import COLUMNS, MARK, CellError, match_header, parse_cell, render

ROUND_TRIP = [
    ("title", "订单号 0012"),
    ("answer", "您好～\n订单号：{{ order.id }}\n"),
    ("answer", "  前后空格  "),
    ("answer", "=1+1 看起来像公式"),
    ("answer", "#N/A"),
    ("answer", "_x000D_ 字面文本"),
    ("questions", ["在吗", "  前导空格", '"带引号"', "", "多\n行"]),
    ("questions", ["0012", "12345678901234567890"]),
    ("tags", ["礼品", "包装"]),
    ("conditions", {"order_status": "paid"}),
    ("conditions", {"order_status": ["paid", "shipped"], "level": "0012", "n": 3}),
    ("conditions", {"note": "a: b", "yes": "no", "empty": ""}),
    ("channels", {"sms": "【示例】您好", "chat": "第一行\n第二行"}),
    ("channels", {"sms": "  前导空格\n第二行"}),
    ("samples", ["shipped", {"order": {"status": "paid", "amount": 12.5}}]),
    ("suppress", [{"rule": "D003", "reason": "条件互斥"}]),
    ("suppress", [{"rule": "W001", "reason": "原因: 带冒号", "until": dt.date(2026, 12, 31)}]),
    ("suppress", [{"rule": "C002"}]),
    ("reviewed", dt.date(2026, 11, 22)),
    ("review_every", "30d"),
    ("kind", "faq"),
    ("status", "archived"),
    ("stage", "follow_up"),
]


@pytest.mark.parametrize(("key", "value"), ROUND_TRIP)
def test_value_survives_its_cell(key, value):
    text = render(key, value)
    assert render(key, parse_cell(key, text)) == text
    back = parse_cell(key, text)
    if key not in ("kind", "status", "stage"):
        assert back == value


def test_absent_kind_and_status_show_their_defaults():
    assert render("kind", None) == "script" and render("status", None) == "active"
    assert parse_cell("status", "") is None


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("Active", "active"),
        ("ａｃｔｉｖｅ", "active"),
        ("归档", "archived"),
        ("需求识别", "identify"),
    ],
)
def test_enum_cells_accept_case_width_and_chinese_labels(typed, value):
    key = "stage" if value == "identify" else "status"
    assert parse_cell(key, typed) == value


def test_unknown_enum_is_left_for_check_value():
    assert parse_cell("status", "retired") == "retired"


@pytest.mark.parametrize(
    ("key", "text"),
    [("conditions", "order_status：paid"), ("conditions", "- a\n- b"), ("samples", "{a: [")],
)
def test_unreadable_structured_cells_raise_with_chinese_hint(key, text):
    with pytest.raises(CellError) as exc:
        parse_cell(key, text)
    assert exc.value.zh and exc.value.en


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "+86 138",
        "-先确认",
        "@所有人",
        "\t制表",
        MARK + "已有标记",
        MARK + "=双重",
        "普通",
        "",
    ],
)
def test_formula_triggers_are_neutralised_and_restored_exactly(text):
    stored = encode_cell(text)
    assert not stored.startswith(("=", "+", "-", "@", "\t"))
    assert decode_cell(stored) == (text, stored != text)


@pytest.mark.parametrize(
    "text", ["_x000D_", "a_x0041_b", "_\u2060x000D_", "_x005F_x000D_", "_x_", "_X00zz_"]
)
def test_ooxml_escape_lookalikes_are_broken_and_restored(text):
    stored = encode_cell(text)
    assert not re.search(r"_x[0-9A-Fa-f]{4}_", stored)
    assert decode_cell(stored)[0] == text


def test_headers_match_chinese_machine_key_and_width_variants():
    assert match_header("回复").key == "answer"
    assert match_header("ANSWER").key == "answer"
    assert match_header(" 编号 ").key == "id"
    assert match_header("回复(answer)").key == "answer"
    assert match_header("回复内容") is None


def test_every_entry_field_has_a_column_with_a_unique_header():
    keys = [c.key for c in COLUMNS]
    assert set(FIELDS) <= set(keys)
    assert len({c.header for c in COLUMNS}) == len(COLUMNS)
