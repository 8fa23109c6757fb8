from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_template_apology_is_reported(lint_snippet: Lint) -> None:
    text = "给您带来不便，敬请谅解。"
    [f] = lint_snippet(one(text), "W002")
    assert (f.line, f.column) == (LINE, col(text, "给您"))
    assert "「给您带来不便」「敬请谅解」" in f.message_zh


def test_understanding_followed_by_nothing_concrete(lint_snippet: Lint) -> None:
    [f] = lint_snippet(one("我理解您的心情，请您耐心等待。"), "W002")
    assert "理解您的心情" in f.message_zh


@pytest.mark.parametrize(
    "text",
    [
        "我理解您的心情，已经为您加急催件，今天18点前会有更新",
        "理解您着急，我马上帮您查物流",
        "我理解您的心情，预计{{ shipment.eta }}送达",
        "抱歉让您多等了两天，我已催派送，预计今天送到，给您带来不便非常抱歉",
        "给您带来不便非常抱歉，已为您补发一件",
    ],
)
def test_concrete_empathy_passes(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W002") == []


def test_a_concrete_step_anywhere_in_the_reply_counts(lint_snippet: Lint) -> None:
    assert lint_snippet(one("已为您登记补发。我理解您的心情，请耐心等待"), "W002") == []


@pytest.mark.parametrize(
    "text",
    [
        # the digits of an emoticon code or a system notice are not a concrete detail
        "给您带来不便，还请您见谅～#E-s21\n系统提示：客户超过2分钟未回复，会话已结束",
        # a vague promise is not a step
        "非常理解您的心情，我们会尽快为您处理的",
        # an explanation of the cause is not a step
        "实在抱歉，因为最近单量大，仓库为您安排发货晚了",
        # the closing question offers nothing
        "给您添麻烦了，请问还有其他可以帮您的吗？",
    ],
)
def test_nothing_concrete_is_still_a_template(lint_snippet: Lint, text: str) -> None:
    assert len(lint_snippet(many(text), "W002")) == 1
