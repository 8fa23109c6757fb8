from __future__ import annotations

from tests.conftest import CONFIG, GOOD_ENTRY, entry_file


def test_typo_gets_did_you_mean(lint_snippet):
    text = entry_file(GOOD_ENTRY.replace("answer:", "anwser:"))
    findings = lint_snippet(text, "E003")
    assert [(f.code, f.line, f.column) for f in findings] == [("E003", 7, 5)]
    assert "'answer'" in findings[0].message_zh and "anwser" in findings[0].message_zh


def test_unknown_file_key_and_defaults_key(lint_snippet):
    text = "version: 2\ndefaults:\n  ownr: 客服一组\n" + entry_file(GOOD_ENTRY)
    findings = lint_snippet(text, "E003")
    assert [(f.line, f.key) for f in findings] == [(1, "version"), (3, "defaults.ownr")]


def test_extra_fields_from_config_are_allowed(lint_snippet):
    text = entry_file(GOOD_ENTRY + "sku: A-100\n")
    assert [f.code for f in lint_snippet(text, "E003")] == ["E003"]
    config = CONFIG + "extra_fields: [sku]\n"
    assert lint_snippet(text, "E003", config=config) == []
