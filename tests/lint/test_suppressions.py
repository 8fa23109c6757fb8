"""What silences a finding, asked directly (the linter's use is in tests/test_linter.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from cskit.library.load import load_library
from cskit.lint.suppressions import entry_suppresses, live_suppressions
from cskit.rules.suppression.common import suppression_matches
from tests.conftest import AS_OF


@pytest.mark.parametrize(
    ("token", "hits"),
    [
        ("D003", True),
        ("D0", True),
        ("d0", True),
        ("shared-question", True),
        (" D003 ", True),
        ("D004", False),
        ("3", False),
        ("", False),
        ("shared", False),
    ],
)
def test_a_token_matches_by_code_prefix_or_name(token: str, hits: bool) -> None:
    assert suppression_matches(token, "D003", "shared-question") is hits


def test_expired_items_silence_nothing(make_library) -> None:  # type: ignore[no-untyped-def]
    root = make_library(
        {
            "scripts/a.yaml": """
            entries:
              - id: a
                answer: 您好
                suppress:
                  - {rule: D003, reason: old, until: 2026-01-01}
                  - {rule: S002, reason: seasonal}
            """
        }
    )
    [entry] = load_library(root).entries
    assert [i for i, _item in live_suppressions(entry, AS_OF)] == [1]
    assert [i for i, _item in live_suppressions(entry, dt.date(2025, 12, 31))] == [0, 1]
    assert entry_suppresses(entry, "S002", "review-overdue", AS_OF)
    assert not entry_suppresses(entry, "D003", "shared-question", AS_OF)
