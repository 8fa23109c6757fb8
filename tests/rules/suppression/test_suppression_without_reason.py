from __future__ import annotations

from tests.conftest import GOOD_ENTRY, entry_file


def test_missing_reason(lint_snippet):
    entry = GOOD_ENTRY + "suppress:\n  - rule: E003\n  - {rule: E004, reason: ''}\n"
    findings = lint_snippet(entry_file(entry), "C002")
    assert [(f.code, f.line) for f in findings] == [("C002", 11), ("C002", 12)]


def test_reason_given(lint_snippet):
    entry = GOOD_ENTRY + "suppress:\n  - {rule: E003, reason: 有意保留的字段}\n"
    assert lint_snippet(entry_file(entry), "C002") == []
