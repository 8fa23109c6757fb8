from __future__ import annotations

from tests.conftest import GOOD_ENTRY, entry_file


def test_second_use_reported_with_related_first(lint_snippet):
    files = {"a/one.yaml": entry_file(GOOD_ENTRY), "b/two.yaml": entry_file(GOOD_ENTRY)}
    findings = lint_snippet(files, "E007")
    assert [(f.file.split("lib/")[-1], f.line) for f in findings] == [("b/two.yaml", 2)]
    assert [(r.entry_id, r.file.split("lib/")[-1], r.line) for r in findings[0].related] == [
        ("greet-hello", "a/one.yaml", 2)
    ]


def test_unique_ids_pass(lint_snippet):
    text = entry_file(GOOD_ENTRY, GOOD_ENTRY.replace("greet-hello", "greet-again"))
    assert lint_snippet(text, "E007") == []
