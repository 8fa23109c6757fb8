"""``cskit review``'s library function: reviewed dates set in place, nothing else touched."""

from __future__ import annotations

import datetime as dt

import pytest

from cskit.errors import UsageError
from cskit.library.load import load_library
from cskit.review.mark import mark_reviewed
from tests.excel.util import FAQ, ORDER

DAY = dt.date(2026, 11, 22)


@pytest.fixture
def root(make_library):
    return make_library({"scripts/order.yaml": ORDER, "kb/faq.yaml": FAQ})


def test_reviewed_becomes_the_day_and_only_that_line_changes(root):
    path = root / "scripts/order.yaml"
    before = path.read_text(encoding="utf-8")
    result = mark_reviewed(load_library(root, use_cache=False), ["order-c*"], DAY, today=DAY)
    assert [e.id for e in result.marked] == ["order-cancel"] and result.written
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("    reviewed: 2026-08-12\n", "    reviewed: 2026-11-22\n")
    again = mark_reviewed(load_library(root, use_cache=False), ["order-cancel"], DAY, today=DAY)
    assert again.marked == [] and [e.id for e in again.current] == ["order-cancel"]
    assert not again.written and path.read_text(encoding="utf-8") == after


def test_a_dry_run_writes_nothing(root):
    before = (root / "scripts/order.yaml").read_text(encoding="utf-8")
    lib = load_library(root, use_cache=False)
    result = mark_reviewed(lib, ["order-ship-time"], DAY, today=DAY, dry_run=True)
    assert result.files == [root / "scripts/order.yaml"] and not result.written
    assert (root / "scripts/order.yaml").read_text(encoding="utf-8") == before


def test_unknown_ids_and_future_days_are_refused(root):
    lib = load_library(root, use_cache=False)
    with pytest.raises(UsageError) as caught:
        mark_reviewed(lib, ["order-cancle"], DAY, today=DAY)
    assert caught.value.hint == "是不是 order-cancel？"
    with pytest.raises(UsageError) as caught:
        mark_reviewed(lib, ["order-cancel"], DAY + dt.timedelta(days=2), today=DAY)
    assert "将来" in caught.value.message and "future" in (caught.value.en or "")
    with pytest.raises(UsageError):
        mark_reviewed(lib, [], DAY, today=DAY)
