"""P003: names and full addresses where pasted chat data lands (questions, titles, notes,
samples), never in the message as written."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import CONFIG
from tests.rules.textcases import LINE, many, one

Lint = Callable[..., list]


def test_a_labelled_name_in_a_question_is_reported_masked(lint_snippet: Lint) -> None:
    extra = "questions: [收货人：赵一鸣，怎么还没发货]\n"
    [f] = lint_snippet(one("您好", extra=extra), "P003")
    assert f.key.endswith("questions[0]") and f.line == LINE + 1 and f.severity == "error"
    assert "赵一鸣" not in f.message_zh and "赵**" in f.message_zh


def test_a_full_address_in_the_notes_is_reported_up_to_the_district(lint_snippet: Lint) -> None:
    extra = "notes: 客户地址 江苏省南京市鼓楼区中山北路66号2栋501\n"
    [f] = lint_snippet(one("您好", extra=extra), "P003")
    assert f.key.endswith("notes")
    assert "中山北路66号" not in f.message_zh and "鼓楼区…" in f.message_zh


@pytest.mark.parametrize(
    "extra",
    [
        "questions: [收货人：赵**，地址：江苏省南京市鼓楼区***]\n",
        "questions: [收货人王先生说没收到]\n",
        "notes: 仓库在江苏省南京市鼓楼区\n",
        "questions: [收件人和电话都不变]\n",
    ],
)
def test_masked_and_partial_data_pass(lint_snippet: Lint, extra: str) -> None:
    assert lint_snippet(one("您好", extra=extra), "P003") == []


def test_answers_may_hold_the_shops_return_address(lint_snippet: Lint) -> None:
    text = "退货请寄到：浙江省杭州市余杭区良渚街道好运路8号 收件人：售后部"
    assert lint_snippet(many(text), "P003") == []


def test_an_unmasked_pii_sample_value_is_reported(lint_snippet: Lint) -> None:
    extra = "samples:\n  - customer: {nick: 孙小美}\n"
    [f] = lint_snippet(one("您好", extra=extra), "P003")
    assert "customer.nick" in f.message_zh and "孙小美" not in f.message_zh


def test_the_config_samples_are_checked_too(lint_snippet: Lint) -> None:
    config = CONFIG.replace("nick: 小*", "nick: 孙小美")
    assert "nick: 孙小美" in config
    [f] = lint_snippet(many("您好"), "P003", config=config)
    assert f.file.endswith("cskit.yaml") and "customer.nick" in f.message_zh


def test_masked_samples_pass(lint_snippet: Lint) -> None:
    assert lint_snippet(one("您好", extra="samples:\n  - customer: {nick: 孙**}\n"), "P003") == []
