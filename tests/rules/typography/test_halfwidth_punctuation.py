from __future__ import annotations

from collections.abc import Callable

import pytest

from cskit.findings import Fix
from tests.conftest import CONFIG
from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_half_width_marks_between_han_with_a_safe_fix(lint_snippet: Lint) -> None:
    text = "您好,订单已经发出啦,预计后天送达!"
    [f] = lint_snippet(one(text), "Z001")
    assert (f.line, f.column) == (LINE, col(text, ","))
    assert "3 处" in f.message_zh
    assert f.fixes == [Fix(("answer",), text, "您好，订单已经发出啦，预计后天送达！")]


def test_parentheses_around_chinese(lint_snippet: Lint) -> None:
    [f] = lint_snippet(one("赠品(杯刷)随包裹发出"), "Z001")
    assert f.fixes[0].new == "赠品（杯刷）随包裹发出"


@pytest.mark.parametrize(
    "text",
    [
        "退款1,000元以内3:30前处理",
        "详情见https://example.com/a,b?x=1",
        "尺码(M)有货",
        "您好{{ agent.name }},请稍等",
        "Hello, world! 这是英文句子",
        "您好，订单已发出！",
    ],
)
def test_numbers_urls_tags_and_ascii_pass(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "Z001") == []


def test_chars_option_limits_the_marks(lint_snippet: Lint) -> None:
    config = CONFIG.replace(
        "  fail_on: error\n", "  fail_on: error\n  rules: {Z001: {chars: '!'}}\n"
    )
    [f] = lint_snippet(one("您好,订单发出了!"), "Z001", config=config)
    assert f.fixes[0].new == "您好,订单发出了！"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [("订单号:4128603357190265521", "订单号：4128603357190265521"), ("谢谢!😊", "谢谢！😊")],
)
def test_marks_after_chinese_before_anything_but_ascii_punctuation(
    lint_snippet: Lint, text: str, fixed: str
) -> None:
    [f] = lint_snippet(one(text), "Z001")
    assert f.fixes[0].new == fixed


def test_emoticon_after_chinese_is_left_alone(lint_snippet: Lint) -> None:
    assert lint_snippet(many("好的，谢谢:)"), "Z001") == []
