from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_mixed_entry_is_reported_without_a_fix(lint_snippet: Lint) -> None:
    text = "您好，这款是新品，發貨很快"
    [f] = lint_snippet(one(text), "Z006")
    assert (f.line, f.column) == (LINE, col(text, "这"))
    assert "發貨" in f.message_zh and "这" in f.message_zh and f.fixes == []


@pytest.mark.parametrize(
    "text",
    [
        "您好，這款保溫杯有現貨，今天下午四點前付款當天發出。",
        "台灣的朋友您好，這款杯子裡面有濾網",
        "您好，這款保溫杯的尺寸是500毫升，了解一下",
        "您好，这款是新品，发货很快",
    ],
)
def test_one_script_passes(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "Z006") == []
