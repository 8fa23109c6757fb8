from __future__ import annotations

import datetime as dt

import pytest

from tests.rules.stale.helpers import one, where

UNTIL = dt.date(2026, 11, 11)


@pytest.mark.parametrize(
    ("as_of", "reported"),
    [(UNTIL - dt.timedelta(days=1), False), (UNTIL, False), (UNTIL + dt.timedelta(days=1), True)],
)
def test_valid_until_boundary(lint_snippet, as_of, reported):
    text = one(valid_until="2026-11-11")
    findings = lint_snippet(text, "S001", as_of=as_of)
    assert bool(findings) is reported
    if reported:
        (f,) = findings
        assert (f.severity, f.entry_id) == ("error", "e1")
        assert (f.line, f.column) == where(text, "valid_until")
        assert "2026-11-11" in f.message_zh and "archived" in f.message_zh


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_draft_and_archived_are_skipped(lint_snippet, status):
    text = one(valid_until="2026-01-01", status=status, replaced_by=None)
    assert lint_snippet(text, "S001") == []


@pytest.mark.parametrize(
    ("as_of", "reported"),
    [(dt.date(2026, 11, 30), True), (dt.date(2026, 12, 1), False), (dt.date(2026, 12, 2), False)],
)
def test_valid_from_in_the_future(lint_snippet, as_of, reported):
    text = one(valid_from="2026-12-01")
    findings = lint_snippet(text, "S001", as_of=as_of)
    assert bool(findings) is reported
    if reported:
        assert findings[0].line == where(text, "valid_from")[0]
        assert "draft" in findings[0].message_zh
        assert "not yet valid" in findings[0].message_en


def test_window_still_open_is_fine(lint_snippet):
    assert lint_snippet(one(valid_from="2026-11-01", valid_until="2026-11-30"), "S001") == []
