from __future__ import annotations

from collections.abc import Callable

from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_full_width_letters_and_digits(lint_snippet: Lint) -> None:
    text = "满９９元包邮，ＶＩＰ再享９５折"
    [f] = lint_snippet(one(text), "Z002")
    assert (f.line, f.column) == (LINE, col(text, "９"))
    assert f.fixes[0].new == "满99元包邮，VIP再享95折"


def test_full_width_punctuation_is_not_alnum(lint_snippet: Lint) -> None:
    assert lint_snippet(many("您好，订单（已发出）！满99元包邮"), "Z002") == []
