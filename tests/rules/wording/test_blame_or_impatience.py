from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_buck_passing_and_impatience(lint_snippet: Lint) -> None:
    text = "物流的事不归我管，你自己去快递官网查"
    findings = lint_snippet(one(text), "W008")
    assert [(f.line, f.column) for f in findings] == [
        (LINE, col(text, "不归我管")),
        (LINE, col(text, "你自己")),
    ]
    assert all(f.severity == "error" for f in findings)


@pytest.mark.parametrize("text", ["我不是說過了嗎", "系统崩了", "你到底想怎样"])
def test_variants(lint_snippet: Lint, text: str) -> None:
    assert len(lint_snippet(one(text), "W008")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "我来帮您跟快递核实，您不用另外联系",
        "我换个方式再说明一下",
        "系统显示包裹在武汉",
        "您也可以自己在订单页查看物流",
    ],
)
def test_helpful_phrasing_passes(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W008") == []
