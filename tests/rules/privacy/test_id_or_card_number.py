from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_id_number_with_valid_check_digit(lint_snippet: Lint) -> None:
    text = "身份证号11010519491231002X已登记"
    [f] = lint_snippet(one(text), "P002")
    assert (f.line, f.column) == (LINE, col(text, "110"))
    assert "11010519491231002X" not in f.message_zh


def test_bank_card_with_context(lint_snippet: Lint) -> None:
    assert len(lint_snippet(one("退到您的银行卡 6222021234567890128"), "P002")) == 1
    assert len(lint_snippet(one("卡号 4111 1111 1111 1111"), "P002")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "身份证号110105********002X",
        "身份证号110105194912310021",  # wrong check digit
        "订单号4128603357190265521",
        "订单号6222021234567890128",  # Luhn-valid, but an order number
        "您的订单4111111111111111已发货",
        "尾号1234的银行卡",
    ],
)
def test_order_numbers_and_masked_numbers_pass(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "P002") == []


def test_inline_sample_id_number(lint_snippet: Lint) -> None:
    extra = "samples:\n  - customer: {id_no: '110105199003071239'}\n"
    [f] = lint_snippet(one("您好", extra=extra), "P002")
    assert f.key.endswith("samples[0].customer.id_no")
