from __future__ import annotations

import pytest

from cskit.text.numerals import parse_cn_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("零", 0),
        ("七", 7),
        ("两", 2),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("二十四", 24),
        ("廿四", 24),
        ("九十九", 99),
        ("一百", 100),
        ("一百零八", 108),
        ("一百一十", 110),
        ("一百五", 150),
        ("两千", 2000),
        ("一千零五十", 1050),
        ("三万五千", 35000),
        ("三万五", 35000),
        ("十万", 100000),
        ("二〇二六", 2026),
    ],
)
def test_reads_numerals(text, value):
    assert parse_cn_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "万", "十百", "百", "五百百", "两两", "七天", "7", "第二", "一十百"]
)
def test_rejects_what_is_not_a_numeral(text):
    assert parse_cn_number(text) is None
