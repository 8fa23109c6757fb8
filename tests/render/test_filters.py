from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from cskit.render.filters import (
    FilterError,
    date,
    datetime,
    mask_address,
    mask_name,
    mask_phone,
    yuan,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("128"), "¥128.00"),
        (128.5, "¥128.50"),
        ("¥1,280.005", "¥1,280.01"),
        (0, "¥0.00"),
        (Decimal("-5"), "-¥5.00"),
        ("59.9元", "¥59.90"),
    ],
)
def test_yuan(value, expected):
    assert yuan(value) == expected


def test_yuan_without_symbol_for_sms():
    assert yuan(Decimal("12.5"), "元") == "12.50元"


def test_yuan_refuses_text():
    with pytest.raises(FilterError):
        yuan("很多")


def test_date_default_format_has_no_zero_padding():
    assert date(dt.date(2026, 1, 5)) == "1月5日"
    assert date("2026-11-24", "%Y-%m-%d") == "2026-11-24"


def test_datetime_is_shown_in_shanghai_time():
    utc = dt.datetime(2026, 11, 19, 6, 32, tzinfo=ZoneInfo("UTC"))
    assert datetime(utc) == "11月19日 14:32"
    assert datetime("2026-11-19 14:32:00") == "11月19日 14:32"


def test_date_of_a_late_utc_datetime_is_the_next_day_in_shanghai():
    assert date(dt.datetime(2026, 11, 19, 20, 0, tzinfo=ZoneInfo("UTC"))) == "11月20日"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812345678", "138****5678"),
        ("138-1234-5678", "138****5678"),
        ("138****5678", "138****5678"),
    ],
)
def test_mask_phone(value, expected):
    assert mask_phone(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("张三丰", "张**"), ("张三", "张*"), ("王**", "王**"), ("李", "李")]
)
def test_mask_name(value, expected):
    assert mask_name(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("浙江省杭州市余杭区文一西路969号3幢501室", "浙江省杭州市余杭区****"),
        ("上海市浦东新区世纪大道100号", "上海市浦东新区****"),
        ("湖北省武汉市洪山区****", "湖北省武汉市洪山区****"),
    ],
)
def test_mask_address_keeps_the_district(value, expected):
    assert mask_address(value) == expected
