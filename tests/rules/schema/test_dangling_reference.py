from __future__ import annotations

from tests.conftest import GOOD_ENTRY, entry_file


def test_replaced_by_unknown_id_with_suggestion(lint_snippet):
    old = (
        GOOD_ENTRY.replace("greet-hello", "greet-old")
        + "status: archived\nreplaced_by: greet-helo\n"
    )
    findings = lint_snippet(entry_file(GOOD_ENTRY, old), "E008")
    assert [(f.code, f.line, f.column) for f in findings] == [("E008", 19, 5)]
    assert "'greet-hello'" in findings[0].message_zh


def test_reply_in_template_names_no_entry(lint_snippet, make_library):
    files = {
        "scripts/a.yaml": entry_file(GOOD_ENTRY),
        "templates/t.j2": "开头\n{{ reply('greet-hi') }}\n",
    }
    findings = lint_snippet(files, "E008")
    assert [(f.file.rsplit("/", 1)[-1], f.line, f.column) for f in findings] == [("t.j2", 2, 4)]


def test_existing_references_pass(lint_snippet):
    old = (
        GOOD_ENTRY.replace("greet-hello", "greet-old")
        + "status: archived\nreplaced_by: greet-hello\n"
    )
    files = {
        "scripts/a.yaml": entry_file(GOOD_ENTRY, old),
        "templates/t.j2": "{{ reply('greet-hello') }}",
    }
    assert lint_snippet(files, "E008") == []


def test_a_hook_run_on_a_template_checks_its_replies(make_library, cli):
    root = make_library(
        {
            "scripts/a.yaml": entry_file(GOOD_ENTRY),
            "templates/t.j2": "开头\n{{ reply('greet-hi') }}\n",
        }
    )
    template = root / "templates" / "t.j2"
    result = cli("lint", "--library", root, "--select", "E008", "--no-cache", template)
    assert result.exit_code == 1, result.output
    assert "E008" in result.output and "t.j2:2:" in result.output
    entry = root / "scripts" / "a.yaml"
    quiet = cli("lint", "--library", root, "--select", "E008", "--no-cache", entry)
    assert quiet.exit_code == 0, quiet.output  # the template did not change
