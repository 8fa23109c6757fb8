from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_unclosed_quote_and_bracket(lint_snippet: Lint) -> None:
    text = "请点击“申请售后，选择（退货退款。"
    [f] = lint_snippet(one(text), "Z004")
    assert (f.line, f.column) == (LINE, col(text, "“"))
    assert "“”" in f.message_zh or "“（”" in f.message_zh
    assert f.fixes == []


@pytest.mark.parametrize(
    "text",
    [
        "请点击“申请售后”，选择（退货退款）",
        "【通知】您的订单已发出",
        "{% if x %}（{{ y }}）{% endif %}",
    ],
)
def test_balanced_pass(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "Z004") == []


def test_stray_closing_mark(lint_snippet: Lint) -> None:
    [f] = lint_snippet(one("退货退款）请稍等"), "Z004")
    assert "）" in f.message_zh
