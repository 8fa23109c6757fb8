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


@pytest.mark.parametrize(
    "text",
    [
        "返您2元，记得给个五星好评哦",
        "好平返现3元",
        "五星好评截图发我，返2元",
        "好评截图给客服，可领取一张5元券",
        "晒图追评后联系客服登记，赠送一份试用装",
        "十五字加图片评价，返现1元",
    ],
)
def test_split_reordered_and_misspelled_offers(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W005"), text


@pytest.mark.parametrize(
    "text",
    [
        "请给个好评哦",
        "满意的话请用五星奖励我们",
        "运费我们会返给您，请放心",
        "评价的时候可以上传照片",
        "打工不易，麻烦给小妹打个评价",
    ],
)
def test_rating_requests_without_reward_pass(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W005") == [], text
