from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import CONFIG
from tests.rules.stale.helpers import one, where

D = dt.date
# policy: every 30d. Reviewed 2026-08-01 → due 2026-08-31, overdue from 2026-09-01;
# more than two intervals overdue (after 2026-10-30 = reviewed + 90d) → error.
TEXT = one(kind="policy", reviewed="2026-08-01")


@pytest.mark.parametrize(
    ("as_of", "severity"),
    [
        (D(2026, 8, 30), None),
        (D(2026, 8, 31), None),
        (D(2026, 9, 1), "warning"),
        (D(2026, 10, 29), "warning"),
        (D(2026, 10, 30), "warning"),
        (D(2026, 10, 31), "error"),
    ],
)
def test_due_and_escalation_boundaries(lint_snippet, as_of, severity):
    findings = lint_snippet(TEXT, "S002", as_of=as_of)
    assert [f.severity for f in findings] == ([severity] if severity else [])
    if findings:
        assert (findings[0].line, findings[0].column) == where(TEXT, "reviewed")
        assert "2026-08-31" in findings[0].message_zh


def test_message_names_dates_interval_and_days(lint_snippet):
    (f,) = lint_snippet(TEXT, "S002", as_of=D(2026, 9, 10))
    assert "2026-08-01" in f.message_zh and "30d" in f.message_zh and "10 天" in f.message_zh
    assert "policy" in f.message_zh


def test_entry_review_every_overrides_kind(lint_snippet):
    text = one(kind="policy", reviewed="2026-08-01", review_every="1y")
    assert lint_snippet(text, "S002", as_of=D(2026, 11, 22)) == []
    (f,) = lint_snippet(text, "S002", as_of=D(2027, 8, 2))
    assert "review_every" in f.message_zh


@pytest.mark.parametrize(
    ("as_of", "reported"), [(D(2026, 2, 27), False), (D(2026, 2, 28), False), (D(2026, 3, 1), True)]
)
def test_calendar_months(lint_snippet, as_of, reported):
    # 31 Jan + 1m = 28 Feb
    text = one(reviewed="2026-01-31", review_every="1m")
    assert bool(lint_snippet(text, "S002", as_of=as_of)) is reported


def test_kind_default_from_config(lint_snippet):
    # case: 365d in the test config
    text = one(kind="case", reviewed="2025-11-22")
    assert lint_snippet(text, "S002", as_of=D(2026, 11, 22)) == []
    assert len(lint_snippet(text, "S002", as_of=D(2026, 11, 23))) == 1


def test_missing_reviewed_is_left_to_e004(lint_snippet):
    assert lint_snippet(one(reviewed=None), "S002") == []


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_inactive_entries_skipped(lint_snippet, status):
    assert lint_snippet(one(reviewed="2020-01-01", status=status), "S002") == []


def test_escalation_can_be_turned_off(lint_snippet):
    config = CONFIG + "  rules: {S002: {escalate_after: 0}}\n"
    (f,) = lint_snippet(TEXT, "S002", config=config, as_of=D(2027, 6, 1))
    assert f.severity == "warning"


def test_escalation_rises_one_step_from_configured_severity(lint_snippet):
    config = CONFIG + "  rules: {S002: {severity: info}}\n"
    assert [f.severity for f in lint_snippet(TEXT, "S002", config=config, as_of=D(2026, 9, 1))] == [
        "info"
    ]
    (f,) = lint_snippet(TEXT, "S002", config=config, as_of=D(2027, 6, 1))
    assert f.severity == "warning"


def test_reviewed_from_file_defaults(lint_snippet):
    from tests.conftest import entry_file
    from tests.rules.stale.helpers import entry

    text = entry_file(entry(reviewed=None), defaults="reviewed: 2026-08-01\n")
    (f,) = lint_snippet(text, "S002", as_of=D(2026, 9, 1))
    assert f.key == "defaults.reviewed"


@pytest.mark.parametrize(
    ("reviewed", "reported"), [("2026-11-22", False), ("2026-11-23", False), ("2026-11-24", True)]
)
def test_review_date_in_the_future(lint_snippet, reviewed, reported):
    text = one(reviewed=reviewed)
    findings = lint_snippet(text, "S002", as_of=D(2026, 11, 22))
    assert bool(findings) is reported
    if reported:
        assert "未来" in findings[0].message_zh and findings[0].severity == "warning"
