from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_guarantee_words_are_listed_once(lint_snippet: Lint) -> None:
    text = "放心，保证明天到，退款也肯定能到账"
    [f] = lint_snippet(one(text), "W006")
    assert (f.line, f.column) == (LINE, col(text, "保证"))
    assert "「保证明天到」「退款也肯定能到账」" in f.message_zh


@pytest.mark.parametrize(
    "text",
    [
        "我们一定尽快帮您处理",
        "快递时效我们不能保证，预计周三送达",
        "退款审核通过后原路退回",
        "包装没问题的话请签收",
    ],
)
def test_promises_about_own_effort_pass(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W006") == []
