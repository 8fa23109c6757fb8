"""What an editor may type: labels and synonyms, Chinese dates and intervals, the 已复核 mark."""

from __future__ import annotations

import datetime as dt

import pytest

from cskit.excel.typed import canonical, closest, duration, review_mark

CATEGORIES = {"order": "订单问题", "complaint": "投诉处理", "after_sales": "售后服务"}
AS_OF = dt.date(2026, 11, 22)


def typed(key: str, text: str, field_type: str = "enum", as_of: dt.date = AS_OF) -> str:
    return canonical(key, text, categories=CATEGORIES, as_of=as_of, field_type=field_type).text


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("category", "投诉处理", "complaint"),
        ("category", " ＣＯＭＰＬＡＩＮＴ ", "complaint"),
        ("stage", "问题处理", "resolve"),
        ("status", "停用", "archived"),
        ("status", "已归档", "archived"),
        ("status", "启用", "active"),
        ("status", "草稿", "draft"),
        ("kind", "常见问题", "faq"),
        ("kind", "FAQ", "faq"),
        ("status", "随便", "随便"),  # unknown: left for check_value to explain
    ],
)
def test_labels_and_synonyms_become_keys(key, text, value):
    field_type = "category" if key == "category" else "enum"
    assert typed(key, text, field_type) == value


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-12-07", "2026-12-07"),
        ("2026/12/7", "2026-12-07"),
        ("2026.12.7", "2026-12-07"),
        ("2026-12-7", "2026-12-07"),
        ("2026年12月7日", "2026-12-07"),
        ("２０２６／１２／７", "2026-12-07"),
        ("二〇二六年十二月七日", "2026-12-07"),
        ("2026/2/30", "2026/2/30"),  # no such day: left for check_value
        ("下周一", "下周一"),
    ],
)
def test_dates_with_a_year(text, day):
    assert typed("reviewed", text, "date") == day


@pytest.mark.parametrize(
    ("text", "as_of", "day"),
    [
        ("12月7日", dt.date(2026, 11, 22), "2026-12-07"),  # ahead this year
        ("11月1日", dt.date(2026, 11, 22), "2026-11-01"),  # just past
        ("1月5日", dt.date(2026, 12, 20), "2027-01-05"),  # next January is nearer
        ("12月28日", dt.date(2027, 1, 3), "2026-12-28"),  # last December is nearer
        ("12月7号", dt.date(2026, 11, 22), "2026-12-07"),
        ("2月29日", dt.date(2027, 3, 1), "2028-02-29"),  # the only leap day in reach
    ],
)
def test_a_date_without_a_year_takes_the_nearest_year(text, as_of, day):
    result = canonical("valid_from", text, categories={}, as_of=as_of, field_type="date")
    assert result.text == day
    assert "没写年份" in result.note_zh and day in result.note_zh


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3个月", "3m"),
        ("三个月", "3m"),
        ("90天", "90d"),
        ("90 天", "90d"),
        ("6周", "6w"),
        ("两个星期", "2w"),
        ("1年", "1y"),
        ("一年", "1y"),
        ("半年", "6m"),
        ("每季度", "3m"),
        ("30D", "30d"),
        ("每3个月", "3m"),
        ("0天", None),
        ("很久", None),
    ],
)
def test_review_intervals_in_words(text, value):
    assert duration(text) == value


@pytest.mark.parametrize(("text", "mark"), [("是", True), ("√", True), ("Y", True),
                                            ("", False), ("否", False), ("也许", None)])  # fmt: skip
def test_the_reviewed_mark(text, mark):
    assert review_mark(text) is mark


def test_did_you_mean_finds_keys_through_labels_and_short_words():
    assert closest("投诉", CATEGORIES) == "complaint"
    assert closest("售后", {"客服一组": "", "售后组": ""}) == "售后组"
    assert closest("odrer", CATEGORIES) == "order"
    assert closest("天气", CATEGORIES) is None
