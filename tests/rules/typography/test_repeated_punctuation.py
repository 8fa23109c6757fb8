from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_runs_collapse(lint_snippet: Lint) -> None:
    text = "亲，已经发货了！！！真的吗？？"
    [f] = lint_snippet(one(text), "Z003")
    assert (f.line, f.column) == (LINE, col(text, "！！"))
    assert f.fixes[0].new == "亲，已经发货了！真的吗？"


def test_three_full_stops_become_an_ellipsis(lint_snippet: Lint) -> None:
    [f] = lint_snippet(one("这个嘛。。。我查一下"), "Z003")
    assert f.fixes[0].new == "这个嘛……我查一下"


@pytest.mark.parametrize("text", ["请稍等……马上好", "退货——换货都可以", "好的！谢谢！"])
def test_single_chinese_marks_pass(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "Z003") == []
