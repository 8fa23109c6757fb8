"""What the matcher sees of a chat turn."""

from __future__ import annotations

import pytest

from cskit.intent.clean import clean, compact


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("订单号3412345678901234567 到哪了", "订单号# 到哪了"),
        ("咨询订单号:3412345678901234567 订单金额:59.00 下单时间:2026-11-02 申请价保", "申请价保"),
        ("[数字x]号下的单 [链接x]", "#号下的单"),
        ("ＯＫ，好的👌", "ok，好的"),
        ("這個包裹到了嗎", "这个包裹到了吗"),
        ("看这里 https://shop.example.com/p/77.html 有货吗", "看这里 有货吗"),
        ("运单号SF1234567890 没动", "运单号# 没动"),
    ],
)
def test_clean(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_turns_that_differ_in_order_numbers_are_one_text() -> None:
    assert clean("订单3412345678901234567没发货") == clean("订单3999999999999999999没发货")


def test_compact_drops_spaces_and_punctuation_keeps_numbers() -> None:
    assert compact(clean("满 200 减 30， 可以吗？")) == "满#减#可以吗"
