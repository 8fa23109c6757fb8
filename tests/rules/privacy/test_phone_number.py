from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import CONFIG
from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_unmasked_mobile_in_answer_is_masked_in_the_message(lint_snippet: Lint) -> None:
    text = "快递员电话13812345678，您直接联系他"
    [f] = lint_snippet(one(text), "P001")
    assert (f.line, f.column, f.severity) == (LINE, col(text, "138"), "error")
    assert "13812345678" not in f.message_zh and "138••••5678" in f.message_zh


@pytest.mark.parametrize(
    "text",
    [
        "已联系您尾号5678的手机（138****5678）",
        "您的订单号4128603357190265521已经发货",
        "单号SF13812345678901",
        "退款金额12345678901分两笔",  # 12… is not a mobile prefix
    ],
)
def test_masked_and_longer_numbers_pass(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "P001") == []


def test_full_width_and_spaced_numbers_are_caught(lint_snippet: Lint) -> None:
    assert len(lint_snippet(one("电话１３８１２３４５６７８"), "P001")) == 1
    assert len(lint_snippet(one("电话 139 1234 5678"), "P001")) == 1


def test_inline_sample_is_scanned_at_its_value(lint_snippet: Lint) -> None:
    extra = "samples:\n  - customer: {phone: '13912345678'}\n"
    [f] = lint_snippet(one("您好", extra=extra), "P001")
    assert f.key.endswith("samples[0].customer.phone")
    assert f.line == LINE + 2


def test_config_sample_is_scanned(lint_snippet: Lint) -> None:
    config = CONFIG.replace(
        "customer: {nick: 小*, phone: 138****5678}", "customer: {nick: 小*, phone: '13812345678'}"
    )
    [f] = lint_snippet(many("您好"), "P001", config=config)
    assert f.file.endswith("cskit.yaml") and "shipped.customer.phone" in f.message_zh
    assert f.line > 1


def test_masked_config_samples_pass(lint_snippet: Lint) -> None:
    assert lint_snippet(many("您好"), "P001") == []


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ("questions: [我电话13912345678，快递到了打给我]\n", "questions[0]"),
        ("notes: 客户留的号码13912345678\n", "notes"),
    ],
)
def test_questions_and_notes_are_scanned(lint_snippet: Lint, extra: str, key: str) -> None:
    [f] = lint_snippet(one("您好", extra=extra), "P001")
    assert f.key.endswith(key) and "139••••5678" in f.message_zh
    assert f.line == LINE + 1


def test_the_title_is_scanned(lint_snippet: Lint) -> None:
    text = one("您好").replace("title: 测试", "title: 回访13912345678")
    [f] = lint_snippet(text, "P001")
    assert f.key.endswith("title") and f.line == LINE - 5  # two lines under id
