from __future__ import annotations

from tests.conftest import GOOD_ENTRY, entry_file


def test_suppression_matching_nothing(lint_snippet):
    entry = GOOD_ENTRY + "suppress:\n  - {rule: E003, reason: 自定义字段}\n"
    findings = lint_snippet(entry_file(entry), ["E003", "C001"])
    assert [(f.code, f.line) for f in findings] == [("C001", 11)]


def test_used_suppression_silences_and_is_not_reported(lint_snippet):
    entry = GOOD_ENTRY + "sku: A1\nsuppress:\n  - {rule: unknown-field, reason: 自定义字段}\n"
    assert lint_snippet(entry_file(entry), ["E003", "C001"]) == []


def test_not_judged_when_its_rule_did_not_run(lint_snippet):
    entry = GOOD_ENTRY + "suppress:\n  - {rule: E003, reason: 自定义字段}\n"
    assert lint_snippet(entry_file(entry), ["E004", "C001"]) == []


def test_suppression_naming_no_rule(lint_snippet):
    entry = GOOD_ENTRY + "suppress:\n  - {rule: X999, reason: 拼错了}\n"
    (finding,) = lint_snippet(entry_file(entry), ["C001"])
    assert "X999 不是任何规则的代码或名称" in finding.message_zh
    entry = GOOD_ENTRY + "suppress:\n  - {rule: unknown-feild, reason: 拼错了}\n"
    (finding,) = lint_snippet(entry_file(entry), ["C001"])
    assert "did you mean unknown-field?" in finding.message_en
