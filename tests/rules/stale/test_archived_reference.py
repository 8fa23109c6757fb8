from __future__ import annotations

from tests.conftest import CONFIG, entry_file
from tests.rules.stale.helpers import entry, where


def _lib(*entries):
    return entry_file(*entries)


def test_replaced_by_archived_suggests_live_end(lint_snippet):
    text = _lib(
        entry(id="refund-v1", status="archived", replaced_by="refund-v2"),
        entry(id="refund-v2", status="archived", replaced_by="refund-v3"),
        entry(id="refund-v3"),
    )
    (f,) = lint_snippet(text, "S006")
    assert (f.entry_id, f.severity) == ("refund-v1", "warning")
    assert (f.line, f.column) == where(text, "replaced_by: refund-v2")
    assert "refund-v3" in f.message_zh and "refund-v2" in f.message_zh
    assert [r.entry_id for r in f.related] == ["refund-v2"]


def test_live_target_is_fine(lint_snippet):
    text = _lib(entry(id="old", status="archived", replaced_by="new"), entry(id="new"))
    assert lint_snippet(text, "S006") == []


def test_cycle_reported(lint_snippet):
    text = _lib(
        entry(id="a1", status="archived", replaced_by="b1"),
        entry(id="b1", status="archived", replaced_by="a1"),
    )
    findings = lint_snippet(text, "S006")
    assert sorted(f.entry_id for f in findings) == ["a1", "b1"]
    assert all("循环" in f.message_zh for f in findings)


def test_dead_end_and_missing_ids(lint_snippet):
    text = _lib(
        entry(id="a1", status="archived", replaced_by="b1"),
        entry(id="b1", status="archived"),
        entry(id="c1", status="archived", replaced_by="nowhere"),
    )
    (f,) = lint_snippet(text, "S006")  # nowhere: E008's business
    assert f.entry_id == "a1" and "没有可用的替代条目" in f.message_zh


def test_reply_in_answer(lint_snippet):
    text = _lib(
        entry(id="main", answer="您好。{{ reply('old-tip') }}"),
        entry(id="old-tip", status="archived", replaced_by="new-tip"),
        entry(id="new-tip"),
    )
    (f,) = lint_snippet(text, "S006")
    assert f.entry_id == "main"
    assert (f.line, f.column) == where(text, "reply('old-tip')")
    assert "new-tip" in f.message_zh


def test_reply_in_archived_entry_not_checked(lint_snippet):
    text = _lib(
        entry(id="main", status="archived", answer="您好。{{ reply('old-tip') }}"),
        entry(id="old-tip", status="archived"),
    )
    assert lint_snippet(text, "S006") == []


def test_reply_in_template(lint_snippet):
    files = {
        "scripts/a.yaml": _lib(entry(id="old-tip", status="archived"), entry(id="tip")),
        "templates/notice.j2": "您好\n  {{ reply('tip') }}{{ reply('old-tip') }}\n",
    }
    config = CONFIG + "templates: templates\n"
    (f,) = lint_snippet(files, "S006", config=config)
    assert f.file.endswith("notice.j2")
    assert (f.line, f.column) == where(files["templates/notice.j2"], "reply('old-tip')")


def test_changed_only_run_reports_when_either_side_changed(make_library, cli):
    root = make_library(
        {
            "scripts/a.yaml": _lib(entry(id="main", answer="您好。{{ reply('old-tip') }}")),
            "scripts/b.yaml": _lib(entry(id="old-tip", status="archived")),
            "scripts/c.yaml": _lib(entry(id="other")),
        }
    )
    args = ("lint", "--library", root, "--as-of", "2026-11-22", "--select", "S006", "--no-cache")
    for changed, reported in (("a.yaml", True), ("b.yaml", True), ("c.yaml", False)):
        result = cli(*args, root / "scripts" / changed)
        assert ("S006" in result.output) is reported, changed
