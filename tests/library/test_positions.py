"""Finding positions map back to the file for every scalar style."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import entry_file

Lint = Callable[..., list]
HEAD = "id: t-1\ntitle: 测试\ncategory: general\nstage: resolve\nowner: 客服一组\nreviewed: 2026-11-01\n"


@pytest.mark.parametrize(
    ("answer", "line", "column"),
    [
        ("answer: 您好，全网最好的杯子\n", 8, 16),  # plain: value column + offset
        ('answer: "您好，全网最好的杯子"\n', 8, 17),  # double-quoted: +1 for the quote
        ("answer: '您好，全网最好的杯子'\n", 8, 17),  # single-quoted
        ("answer: |\n  您好。\n  这款是全网最好的杯子\n", 10, 10),  # literal block line 2
        ("answer: |-\n  第一行\n\n    全网最好\n", 11, 9),  # blank line, deeper indent kept
    ],
)
def test_position_per_scalar_style(lint_snippet: Lint, answer: str, line: int, column: int) -> None:
    [f] = lint_snippet(entry_file(HEAD + answer), "W003")
    assert (f.line, f.column) == (line, column)


def test_position_after_a_jinja_tag(lint_snippet: Lint) -> None:
    text = entry_file(HEAD + "answer: 您好{{ agent.name }}，全网最好\n")
    [f] = lint_snippet(text, "W003")
    assert f.column == 13 + len("您好{{ agent.name }}，")
