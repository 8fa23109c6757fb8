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


POLITE_IMPATIENCE = [
    "刚才已经跟您说过了哦",
    "上面已经给您回复过了呢",
    "商品详情里都有写的哦",
    "页面上写得很清楚的",
    "这个要您自己去订单里查看的哦",
    "这不是我们的问题，是快递的问题",
    "是系统的问题，我们也没办法",
    "这个是由仓库那边决定的",
    "这是您自己拍错了尺码",
    "您确实也选错了颜色",
    "属于人为损坏的哦",
    "我们家的产品都没有问题的",
    "平台都是这样规定的",
]


@pytest.mark.parametrize("text", POLITE_IMPATIENCE)
def test_polite_impatience_and_blame_are_reported(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W008"), text


HELPFUL = [
    "您可以自己在订单页申请售后，也可以我帮您提交",
    "我再给您说明一下：退货地址在订单详情页",
    "是不是尺码拍错了呢？我帮您换",
    "如果是您拍错了，可以直接申请换货",
    "系统正在为您处理退款",
    "可能是我们系统的问题，差价给您退5元",
    "这个需要您自行准备一根延长线哦",
]


@pytest.mark.parametrize("text", HELPFUL)
def test_explaining_and_owning_the_problem_passes(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W008") == [], text
