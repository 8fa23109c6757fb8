from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_bare_refusal_is_reported_at_the_word(lint_snippet: Lint) -> None:
    text = "亲，发货后不能改地址。"
    [f] = lint_snippet(one(text), "W001")
    assert (f.code, f.line, f.column) == ("W001", LINE, col(text, "不能"))
    assert "「亲」" not in f.message_zh and "「发货后不能改地址」" in f.message_zh
    assert "建议" in f.message_zh
    assert f.severity == "warning"


@pytest.mark.parametrize(
    "text",
    [
        "发货后不能改地址，我马上帮您联系快递拦截改派，结果一有就告诉您",
        "这个颜色暂时无法提供，可以换成雾蓝色，或者等下周补货",
        "请问能不能开发票？",
        "如果收到后不能正常使用，请直接联系我们",
        "不行的话我们再换个方案",
        "我们可以为您补发配件，整机暂时没办法更换",
    ],
)
def test_refusals_with_an_alternative_or_not_refusals_pass(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W001") == []


def test_traditional_refusal_is_caught(lint_snippet: Lint) -> None:
    [f] = lint_snippet(one("這個做不到"), "W001")
    assert "「這個做不到」" in f.message_zh


def test_sample_library_case_color_unavailable_passes(lint_snippet: Lint) -> None:
    text = "这款的这个颜色我们无法再生产了，可以为您推荐相近的雾蓝色，或者登记到货提醒"
    assert lint_snippet(many(text), "W001") == []
