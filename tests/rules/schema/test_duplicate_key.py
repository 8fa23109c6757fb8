from __future__ import annotations

from tests.conftest import GOOD_ENTRY, entry_file


def test_second_key_reported_with_entry(lint_snippet):
    text = entry_file(GOOD_ENTRY + "answer: 第二个回复\n")
    findings = lint_snippet(text, "E002")
    assert [(f.code, f.line, f.column, f.entry_id) for f in findings] == [
        ("E002", 10, 5, "greet-hello")
    ]
    assert "'answer'" in findings[0].message_zh


def test_duplicate_in_defaults_is_file_level(lint_snippet):
    text = "defaults:\n  owner: 客服一组\n  owner: 售后组\n" + entry_file(GOOD_ENTRY)
    findings = lint_snippet(text, "E002")
    assert [(f.line, f.entry_id) for f in findings] == [(3, None)]


def test_distinct_keys_pass(lint_snippet):
    assert lint_snippet(entry_file(GOOD_ENTRY), "E002") == []
