from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_template_apology_is_reported(lint_snippet: Lint) -> None:
    text = "给您带来不便，敬请谅解。"
    [f] = lint_snippet(one(text), "W002")
    assert (f.line, f.column) == (LINE, col(text, "给您"))
    assert "「给您带来不便，敬请谅解」" in f.message_zh


def test_understanding_followed_by_nothing_concrete(lint_snippet: Lint) -> None:
    [f] = lint_snippet(one("我理解您的心情，请您耐心等待。"), "W002")
    assert "理解您的心情" in f.message_zh


@pytest.mark.parametrize(
    "text",
    [
        "我理解您的心情，已经为您加急催件，今天18点前会有更新",
        "理解您着急，我马上帮您查物流",
        "我理解您的心情，预计{{ shipment.eta }}送达",
        "抱歉让您多等了两天，我已催派送，今天会送到，给您带来不便非常抱歉",
        "给您带来不便非常抱歉，已为您补发一件",
    ],
)
def test_concrete_empathy_passes(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W002") == []


def test_understanding_with_concrete_step_only_before_it_is_still_a_template(
    lint_snippet: Lint,
) -> None:
    # "followed by something concrete": a step before 我理解您的心情 does not count
    assert len(lint_snippet(one("已为您登记。我理解您的心情，请耐心等待"), "W002")) == 1
