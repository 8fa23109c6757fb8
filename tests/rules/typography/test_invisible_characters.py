from __future__ import annotations

from collections.abc import Callable

from tests.rules.textcases import LINE, many, one

Lint = Callable[..., list]


def test_zero_width_space_is_removed_by_the_fix(lint_snippet: Lint) -> None:
    [f] = lint_snippet(one("您好\u200b，订单已发出"), "Z005")
    assert (f.line, f.column) == (LINE, 13 + 2)  # the character itself, after 您好
    assert "U+200B" in f.message_zh
    assert f.fixes[0].new == "您好，订单已发出"


def test_nbsp_becomes_a_space(lint_snippet: Lint) -> None:
    [f] = lint_snippet(one("满99元\u00a0包邮"), "Z005")
    assert f.fixes[0].new == "满99元 包邮"


def test_emoji_joiner_is_kept(lint_snippet: Lint) -> None:
    assert lint_snippet(many("全家福\U0001f468\u200d\U0001f469\u200d\U0001f467礼盒"), "Z005") == []
