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


PROMISES = [
    "放心，今天可以给您送到的",
    "最晚后天就能到货",
    "退款1到2个工作日到账的",
    "审核后2小时内到账",
    "这个肯定能申请成功的",
    "您放心，包裹一定给您送到",
    "会在时效内完好无损地送到您手上",
    "百分百明天就有物流信息",
]


@pytest.mark.parametrize("text", PROMISES)
def test_promises_without_hedge_are_reported(lint_snippet: Lint, text: str) -> None:
    assert len(lint_snippet(many(text), "W006")) == 1, text


HEDGED = [
    "预计今天可以给您送到",
    "一般3天左右可以到货",
    "退款1到2个工作日到账，具体以银行为准",
    "借记卡3-10个工作日到账，贷记卡5-20个工作日到账",
    "符合价保规则的话就可以申请成功",
    "我们会尽全力第一时间送到您手上",
    "我今天一定帮您跟进到底",
    "我们今天就给您发货",
]


@pytest.mark.parametrize("text", HEDGED)
def test_hedged_or_own_effort_passes(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W006") == [], text
