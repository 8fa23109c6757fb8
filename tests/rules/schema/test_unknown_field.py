from __future__ import annotations

from tests.conftest import CONFIG, GOOD_ENTRY, entry_file


def test_typo_gets_did_you_mean(lint_snippet):
    text = entry_file(GOOD_ENTRY.replace("answer:", "anwser:"))
    findings = lint_snippet(text, "E003")
    assert [(f.code, f.line, f.column) for f in findings] == [("E003", 7, 5)]
    assert "'answer'" in findings[0].message_zh and "anwser" in findings[0].message_zh


def test_the_chinese_name_of_a_field_points_to_its_key(lint_snippet):
    # 回复 is what the workbook's header shows; typed as a YAML key it means answer
    text = entry_file(GOOD_ENTRY.replace("answer:", "回复:"))
    [finding] = lint_snippet(text, "E003")
    assert "是不是想写 'answer'" in finding.message_zh
    assert "did you mean 'answer'" in finding.message_en


def test_unknown_file_key_and_defaults_key(lint_snippet):
    text = "version: 2\ndefaults:\n  ownr: 客服一组\n" + entry_file(GOOD_ENTRY)
    findings = lint_snippet(text, "E003")
    assert [(f.line, f.key) for f in findings] == [(1, "version"), (3, "defaults.ownr")]


def test_extra_fields_from_config_are_allowed(lint_snippet):
    text = entry_file(GOOD_ENTRY + "sku: A-100\n")
    assert [f.code for f in lint_snippet(text, "E003")] == ["E003"]
    config = CONFIG + "extra_fields: [sku]\n"
    assert lint_snippet(text, "E003", config=config) == []
