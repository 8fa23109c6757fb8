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


@pytest.mark.parametrize("as_of", [dt.date(2026, 11, 30), dt.date(2026, 12, 1)])
def test_a_campaign_planned_ahead_is_scheduled_not_expired(lint_snippet, as_of):
    # an active entry whose valid_from is still ahead: render and publish wait for the day
    text = one(valid_from="2026-12-01", valid_until="2026-12-31")
    assert lint_snippet(text, "S001", as_of=as_of) == []
    assert lint_snippet(text, "S001", as_of=dt.date(2027, 1, 1)) != []


def test_window_still_open_is_fine(lint_snippet):
    assert lint_snippet(one(valid_from="2026-11-01", valid_until="2026-11-30"), "S001") == []
