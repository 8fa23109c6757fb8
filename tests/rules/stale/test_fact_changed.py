from __future__ import annotations

import datetime as dt

import pytest

from tests.rules.stale.helpers import one, where

# test config: return_days changed 2026-03-01, refund_hours changed 2026-06-15
AS_OF = dt.date(2026, 3, 20)


@pytest.mark.parametrize(
    ("reviewed", "reported"), [("2026-02-28", True), ("2026-03-01", False), ("2026-03-02", False)]
)
def test_fact_reference_boundary(lint_snippet, reviewed, reported):
    text = one(reviewed=reviewed, answer="本店支持{{ facts.return_days }}天无理由退货")
    findings = lint_snippet(text, "S003", as_of=AS_OF)
    assert bool(findings) is reported
    if reported:
        (f,) = findings
        assert f.severity == "warning"
        assert (f.line, f.column) == where(text, "facts.return_days")
        assert "2026-03-01" in f.message_zh and "return_days" in f.message_zh
        assert "2026-02-28" in f.message_zh


def test_subscript_reference(lint_snippet):
    text = one(reviewed="2026-01-01", answer="支持{{ facts['return_days'] }}天无理由")
    assert [f.evidence for f in lint_snippet(text, "S003", as_of=AS_OF)] == [
        "return_days@2026-03-01"
    ]


def test_mention_counts_as_use(lint_snippet):
    text = one(reviewed="2026-01-01", answer="本店支持7天无理由退货")
    (f,) = lint_snippet(text, "S003", as_of=AS_OF)
    assert (f.line, f.column) == where(text, "7天无理由")
    assert "7天无理由" in f.message_zh


def test_once_per_fact_and_each_fact(lint_snippet):
    answer = "支持{{ facts.return_days }}天无理由，7天无理由，退款24小时到账"
    text = one(reviewed="2026-01-01", answer=answer)
    findings = lint_snippet(text, "S003", as_of=dt.date(2026, 7, 1))
    assert sorted(f.evidence for f in findings) == [
        "refund_hours@2026-06-15",
        "return_days@2026-03-01",
    ]


def test_unrelated_or_commented_or_undeclared_not_a_use(lint_snippet):
    text = one(
        reviewed="2026-01-01",
        answer="{# facts.return_days #}您好，{{ facts.unknown_key }}，订单{{ order.id }}",
    )
    assert lint_snippet(text, "S003", as_of=AS_OF) == []


def test_channel_override_is_checked(lint_snippet):
    text = one(reviewed="2026-01-01", answer="您好", channels="{sms: '支持7天无理由退货'}")
    (f,) = lint_snippet(text, "S003", as_of=AS_OF)
    assert f.key.endswith("channels.sms")


def test_draft_skipped(lint_snippet):
    text = one(reviewed="2026-01-01", status="draft", answer="支持7天无理由退货")
    assert lint_snippet(text, "S003", as_of=AS_OF) == []
