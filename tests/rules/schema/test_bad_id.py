from __future__ import annotations

import pytest

from tests.conftest import GOOD_ENTRY, entry_file


@pytest.mark.parametrize("bad", ["退款-时效", "Refund", "-refund", "a", "x" * 65, "has space"])
def test_bad_ids(lint_snippet, bad):
    findings = lint_snippet(entry_file(GOOD_ENTRY.replace("greet-hello", repr(bad))), "E006")
    assert [(f.code, f.line, f.column) for f in findings] == [("E006", 2, 5)]


@pytest.mark.parametrize("good", ["ab", "refund.time_v2", "0-day", "x" * 64])
def test_good_ids(lint_snippet, good):
    assert lint_snippet(entry_file(GOOD_ENTRY.replace("greet-hello", good)), "E006") == []
