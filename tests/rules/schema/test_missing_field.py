from __future__ import annotations

from tests.conftest import CONFIG, GOOD_ENTRY, entry_file


def test_missing_answer_reported_at_entry_line(lint_snippet):
    text = entry_file(
        GOOD_ENTRY.replace("answer: 您好，我是客服{{ agent.name }}，请问有什么可以帮您？\n", "")
    )
    findings = lint_snippet(text, "E004")
    assert [(f.code, f.line, f.entry_id) for f in findings] == [("E004", 2, "greet-hello")]
    assert "answer" in findings[0].message_zh


def test_empty_value_reported_at_its_key(lint_snippet):
    text = entry_file(GOOD_ENTRY.replace("title: 首次问候", 'title: "  "'))
    findings = lint_snippet(text, "E004")
    assert [(f.line, f.key) for f in findings] == [(3, "entries[0].title")]


def test_script_needs_stage_but_faq_does_not(lint_snippet):
    no_stage = GOOD_ENTRY.replace("stage: greet\n", "")
    assert [f.evidence for f in lint_snippet(entry_file(no_stage), "E004")] == ["stage"]
    assert lint_snippet(entry_file(no_stage + "kind: faq\n"), "E004") == []


def test_value_from_defaults_counts(lint_snippet):
    entry = GOOD_ENTRY.replace("owner: 客服一组\n", "")
    assert [f.evidence for f in lint_snippet(entry_file(entry), "E004")] == ["owner"]
    assert lint_snippet(entry_file(entry, defaults="owner: 客服一组"), "E004") == []


def test_config_required_adds_fields(lint_snippet):
    config = CONFIG.replace("required: [owner, reviewed]", "required: [owner, reviewed, questions]")
    entry = GOOD_ENTRY.replace("questions: [在吗]\n", "")
    assert [f.evidence for f in lint_snippet(entry_file(entry), "E004", config=config)] == [
        "questions"
    ]


def test_complete_entry_passes(lint_snippet):
    assert lint_snippet(entry_file(GOOD_ENTRY), "E004") == []
