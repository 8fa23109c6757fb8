from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_cashback_for_review(lint_snippet: Lint) -> None:
    text = "收到后给五星好评返3元哦"
    [f] = lint_snippet(one(text), "W005")
    assert (f.line, f.column, f.severity) == (LINE, col(text, "五星"), "error")
    assert "「收到后给五星好评返3元哦」" in f.message_zh


@pytest.mark.parametrize("text", ["晒图送小礼品", "追评有红包", "五星好評送杯刷"])
def test_variants(lint_snippet: Lint, text: str) -> None:
    assert len(lint_snippet(one(text), "W005")) == 1


@pytest.mark.parametrize("text", ["期待您的真实评价", "本店好评率很高", "好评后包裹会送达吗"])
def test_asking_for_feedback_passes(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W005") == []
