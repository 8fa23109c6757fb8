from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_mixing_reports_the_first_informal_pronoun(lint_snippet: Lint) -> None:
    text = "您好，你的订单已发出，你留意一下"
    [f] = lint_snippet(one(text), "W007")
    assert (f.line, f.column) == (LINE, col(text, "你"))


@pytest.mark.parametrize(
    "text", ["您好，您的订单已发出", "你好，你的订单已发出", "您好，你们店里的同事已经转给我了"]
)
def test_one_style_passes(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W007") == []
