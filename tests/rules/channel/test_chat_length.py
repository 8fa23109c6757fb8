from __future__ import annotations

from collections.abc import Callable

from tests.conftest import CONFIG
from tests.rules.textcases import LINE, one

Lint = Callable[..., list]
SHORT = CONFIG.replace("chat: {max_chars: 500}", "chat: {max_chars: 30}")


def test_long_answer_over_chat_max(lint_snippet: Lint) -> None:
    [f] = lint_snippet(one("好" * 31), "M002", config=SHORT)
    assert (f.line, f.key.endswith("answer")) == (LINE, True)
    assert "31 字" in f.message_zh and "max_chars 30" in f.message_zh


def test_rendered_length_counts(lint_snippet: Lint) -> None:
    # 12 + shop.name (5) = 17 ≤ 30 raw tag would be 17 characters as well; use order.id (19)
    assert lint_snippet(one("好" * 11 + "{{ order.id }}"), "M002", config=SHORT) == []  # 30
    assert len(lint_snippet(one("好" * 12 + "{{ order.id }}"), "M002", config=SHORT)) == 1


def test_chat_override_is_measured_instead_of_answer(lint_snippet: Lint) -> None:
    text = one("好" * 40, extra="channels:\n  chat: 您好\n")
    assert lint_snippet(text, "M002", config=SHORT) == []
