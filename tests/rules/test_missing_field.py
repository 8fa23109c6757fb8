from __future__ import annotations

from tests.conftest import GOOD_ENTRY, entry_file


def test_missing_answer_reported_at_entry_line(lint_snippet):
    text = entry_file(GOOD_ENTRY.replace("answer: 您好，我是客服{{ agent.name }}，请问有什么可以帮您？\n", ""))
    findings = lint_snippet(text, "E004")
    assert [(f.code, f.line, f.entry_id) for f in findings] == [("E004", 2, "greet-hello")]
    assert "answer" in findings[0].message_zh


def test_complete_entry_passes(lint_snippet):
    assert lint_snippet(entry_file(GOOD_ENTRY), "E004") == []
