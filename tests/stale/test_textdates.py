"""Dates in text: what counts as a date, which day it means, and what does not count."""

from __future__ import annotations

import datetime as dt

import pytest

from cskit.stale.textdates import SPRING_FESTIVAL, find_dates

D = dt.date
REVIEWED = D(2026, 9, 1)


def days(text, reviewed=REVIEWED):
    return [(m.kind, m.written, m.day) for m in find_dates(text, reviewed)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("活动截至2026年10月31日", [("date", "2026年10月31日", D(2026, 10, 31))]),
        ("2026-10-31前下单", [("date", "2026-10-31", D(2026, 10, 31))]),
        ("请在2026/10/31之前", [("date", "2026/10/31", D(2026, 10, 31))]),
        ("2026.10.31 截止", [("date", "2026.10.31", D(2026, 10, 31))]),
        ("２０２６年１０月３１日", [("date", "２０２６年１０月３１日", D(2026, 10, 31))]),
        ("2025年12月底前发完", [("year_month", "2025年12月底", D(2025, 12, 31))]),
        ("2025年的老规则", [("year", "2025年", D(2025, 12, 31))]),
        ("10月31日前发货", [("month_day", "10月31日", D(2026, 10, 31))]),
        ("10月31号发货", [("month_day", "10月31号", D(2026, 10, 31))]),
        ("10月31前发货", [("month_day", "10月31", D(2026, 10, 31))]),
        ("11.11当天零点开抢", [("month_day", "11.11", D(2026, 11, 11))]),
        ("截至今年底", [("deadline", "截至今年底", D(2026, 12, 31))]),
        ("截止本月底", [("deadline", "截止本月底", D(2026, 9, 30))]),
        ("双11期间发货慢", [("campaign", "双11", D(2026, 11, 11))]),
        ("双十一", [("campaign", "双十一", D(2026, 11, 11))]),
        ("雙11大促", [("campaign", "雙11", D(2026, 11, 11))]),
        ("双12", [("campaign", "双12", D(2026, 12, 12))]),
        ("618大促", [("campaign", "618", D(2027, 6, 18))]),
        ("女王节福利", [("campaign", "女王节", D(2027, 3, 8))]),
        ("38节福利", [("campaign", "38节", D(2027, 3, 8))]),
        ("年货节", [("campaign", "年货节", D(2027, 2, 5))]),
        ("春节发货安排", [("campaign", "春节", D(2027, 2, 13))]),
        ("2025年双11的赠品", [("campaign", "2025年双11", D(2025, 11, 11))]),
    ],
)
def test_finds_dates(text, expected):
    assert days(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "618元就能买到",
        "到手价618元",
        "人民路618号",
        "11.11元包邮",
        "价格10.25，很划算",
        "评分4.9分",
        "第2天发货",
        "24小时内发货",
        "7天无理由退货",
        "每年11月11日都有活动",
        "成立于2015年",
        "2025年款保温杯",
        "自2025年起全场包邮",
        "自11月1日起调整为顺丰",
        "订单号2026103112345",
        "版本v2.10.31",
        "3个月内",
        "满2件9折",
        "尺寸12.05×30cm",
        "长度10.25-12.30cm",
        "重量10.12以上",
        "截至目前库存充足",
    ],
)
def test_not_dates(text):
    assert days(text) == []


def test_range_counts_by_its_end():
    assert days("活动时间：11月1日-11月11日") == [("month_day", "11月11日", D(2026, 11, 11))]
    assert days("11月1日至11日") == [("month_day", "11日", D(2026, 11, 11))]
    assert days("2027年1月10日至1月25日") == [("month_day", "1月25日", D(2027, 1, 25))]
    assert days("11.11-11.12两天") == [("month_day", "11.12", D(2026, 11, 12))]


def test_month_day_year_comes_from_reviewed():
    # before the reviewed month-day: the next year; on it or after: the same year
    assert days("1月5日前发货", D(2026, 11, 15)) == [("month_day", "1月5日", D(2027, 1, 5))]
    assert days("11月15日", D(2026, 11, 15)) == [("month_day", "11月15日", D(2026, 11, 15))]
    assert days("11月14日", D(2026, 11, 15)) == [("month_day", "11月14日", D(2027, 11, 14))]
    assert days("11月16日", D(2026, 11, 15)) == [("month_day", "11月16日", D(2026, 11, 16))]


def test_leap_day_goes_to_next_leap_year():
    assert days("2月29日", D(2026, 3, 1)) == [("month_day", "2月29日", D(2028, 2, 29))]


def test_without_reviewed_only_dated_mentions():
    assert days("10月31日和双11，2025年10月31日", None) == [
        ("date", "2025年10月31日", D(2025, 10, 31))
    ]


def test_campaign_occurrence_is_the_first_ending_on_or_after_review():
    # reviewed the day before, the day of and the day after 双11 2026
    assert days("双11", D(2026, 11, 10))[0][2] == D(2026, 11, 11)
    assert days("双11", D(2026, 11, 11))[0][2] == D(2026, 11, 11)
    assert days("双11", D(2026, 11, 12))[0][2] == D(2027, 11, 11)


def test_spring_festival_moves_with_the_table():
    assert days("春节", D(2025, 12, 1))[0][2] == SPRING_FESTIVAL[2026] + dt.timedelta(days=7)
    assert days("春节", D(2026, 2, 25))[0][2] == SPRING_FESTIVAL[2027] + dt.timedelta(days=7)


def test_offsets_point_into_the_original_text():
    text = "亲，{{ agent.name }}提醒您：截至10月31日有效"
    (m,) = find_dates(text, REVIEWED)
    assert text[m.start : m.end] == "10月31日"
    assert m.deadline
