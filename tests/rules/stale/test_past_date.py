from __future__ import annotations

import datetime as dt

import pytest

from tests.rules.stale.helpers import one, where

D = dt.date


def _check(lint_snippet, as_of, reviewed, answer):
    return lint_snippet(one(reviewed=reviewed, answer=answer), "S005", as_of=as_of)


@pytest.mark.parametrize(
    ("as_of", "reported"),
    [(D(2026, 10, 30), False), (D(2026, 10, 31), False), (D(2026, 11, 1), True)],
)
def test_full_date_boundary(lint_snippet, as_of, reported):
    text = one(reviewed="2026-09-01", review_every="1y", answer="活动截至2026年10月31日，欢迎参与")
    findings = lint_snippet(text, "S005", as_of=as_of)
    assert bool(findings) is reported
    if reported:
        (f,) = findings
        assert f.severity == "warning"
        assert (f.line, f.column) == where(text, "2026年10月31日")
        assert "2026年10月31日" in f.message_zh and "截止" in f.message_zh


@pytest.mark.parametrize(
    ("as_of", "reported"), [(D(2027, 1, 4), False), (D(2027, 1, 5), False), (D(2027, 1, 6), True)]
)
def test_month_day_before_reviewed_month_day_is_next_year(lint_snippet, as_of, reported):
    findings = _check(lint_snippet, as_of, "2026-11-15", "1月5日前陆续发货")
    assert bool(findings) is reported


@pytest.mark.parametrize(
    ("as_of", "reported"),
    [(D(2026, 10, 30), False), (D(2026, 10, 31), False), (D(2026, 11, 1), True)],
)
def test_month_day_after_reviewed_is_same_year(lint_snippet, as_of, reported):
    assert bool(_check(lint_snippet, as_of, "2026-09-01", "10月31日前发货")) is reported


@pytest.mark.parametrize(
    ("as_of", "reported"),
    [(D(2025, 12, 30), False), (D(2025, 12, 31), False), (D(2026, 1, 1), True)],
)
def test_bare_year_boundary(lint_snippet, as_of, reported):
    assert bool(_check(lint_snippet, as_of, "2025-06-01", "2025年的售后规则如下")) is reported


@pytest.mark.parametrize(
    ("as_of", "reported"),
    [(D(2026, 11, 10), False), (D(2026, 11, 11), False), (D(2026, 11, 12), True)],
)
def test_campaign_ends_after_its_day(lint_snippet, as_of, reported):
    findings = _check(lint_snippet, as_of, "2026-10-15", "双11期间订单较多，请耐心等待")
    assert bool(findings) is reported
    if reported:
        assert "双11" in findings[0].message_zh and "2026-11-11" in findings[0].message_zh


@pytest.mark.parametrize(
    ("reviewed", "reported"), [("2026-11-10", True), ("2026-11-11", True), ("2026-11-12", False)]
)
def test_campaign_reviewed_after_it_ended_is_about_next_year(lint_snippet, reviewed, reported):
    assert bool(_check(lint_snippet, D(2026, 11, 22), reviewed, "双十一发货安排")) is reported


@pytest.mark.parametrize(
    ("as_of", "reported"),
    [(D(2027, 2, 12), False), (D(2027, 2, 13), False), (D(2027, 2, 14), True)],
)
def test_spring_festival_shipping(lint_snippet, as_of, reported):
    # 春节 2027 is 02-06; shipping resumes a week later (02-13)
    assert bool(_check(lint_snippet, as_of, "2026-12-01", "春节发货安排：腊月廿五停发")) is reported


@pytest.mark.parametrize(
    "answer",
    [
        "618元就能买到",
        "到手价11.11元",
        "签收后第2天发货",
        "24小时内发货",
        "每年11月11日都有活动",
        "本店成立于2015年",
        "2025年款保温杯",
        "自2025年起全场包邮",
        "{{ shipment.eta }}前送达",
    ],
)
def test_fine_texts(lint_snippet, answer):
    assert _check(lint_snippet, D(2030, 1, 1), "2026-11-01", answer) == []


def test_entry_with_valid_until_is_left_to_s001(lint_snippet):
    text = one(reviewed="2026-10-01", valid_until="2026-11-11", answer="双11期间")
    assert lint_snippet(text, "S005", as_of=D(2026, 12, 1)) == []


def test_draft_skipped(lint_snippet):
    text = one(reviewed="2026-10-01", status="draft", answer="截至2026年10月31日")
    assert lint_snippet(text, "S005", as_of=D(2026, 12, 1)) == []


def test_each_passed_mention_reported(lint_snippet):
    text = one(reviewed="2026-09-01", answer="双11和双12的活动截至12月12日")
    findings = lint_snippet(text, "S005", as_of=D(2026, 12, 20))
    assert [f.evidence for f in findings] == ["双11", "双12", "12月12日"]
