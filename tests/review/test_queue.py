"""The review queue: grouping, urgency order, stale-since dates, windows and filters."""

from __future__ import annotations

import datetime as dt

import pytest

from cskit.errors import UsageError
from cskit.library.load import load_library
from cskit.review.queue import review_queue
from tests.conftest import entry_file
from tests.rules.stale.helpers import entry

D = dt.date
AS_OF = D(2026, 11, 22)

AFTER_SALES = entry_file(
    entry(id="q-overdue-small", reviewed="2026-10-15"),
    entry(id="q-overdue-big", reviewed="2026-09-01"),
    entry(id="q-past", reviewed="2026-10-01", review_every="1y", answer="活动截至2026年11月1日"),
    entry(id="q-soon", reviewed="2026-10-25"),
    entry(
        id="q-fact",
        reviewed="2026-02-01",
        review_every="1y",
        answer="支持{{ facts.return_days }}天",
    ),
    entry(id="q-contra", reviewed="2026-11-20", answer="支持15天无理由退货"),
    entry(id="q-agree", reviewed="2026-11-20", answer="支持7天无理由退货"),
    entry(id="q-expired", reviewed="2026-11-20", valid_until="2026-11-20"),
    entry(
        id="q-suppressed",
        reviewed="2026-01-01",
        suppress="[{rule: S002, reason: 等新政策出台再改}]",
    ),
)
OTHERS = entry_file(
    entry(id="w-overdue", owner="外包组", reviewed="2026-10-01"),
    entry(id="n-overdue", owner=None, reviewed="2026-10-01"),
    entry(id="k-overdue", owner="客服一组", kind="script", stage="greet", reviewed="2026-01-01"),
)


@pytest.fixture
def library(make_library):
    root = make_library({"kb/after-sales.yaml": AFTER_SALES, "kb/others.yaml": OTHERS})
    return load_library(root, use_cache=False)


def _ids(queue):
    return [(owner, [i.entry_id for i in items]) for owner, items in queue.groups]


def test_groups_by_registry_order_then_most_urgent_first(library):
    queue = review_queue(library, as_of=AS_OF)
    assert _ids(queue) == [
        ("客服一组", ["k-overdue"]),
        (
            "售后组",
            ["q-expired", "q-contra", "q-fact", "q-overdue-big", "q-overdue-small", "q-past"],
        ),
        ("外包组", ["w-overdue"]),
        ("", ["n-overdue"]),
    ]


def test_each_reason_has_its_stale_since_date(library):
    queue = review_queue(library, as_of=AS_OF)
    since = {(i.entry_id, r.category): r.since for i in queue.items for r in i.reasons}
    assert since[("q-expired", "expired")] == D(2026, 11, 21)
    assert since[("q-contra", "contradicts")] == D(2026, 11, 20)  # fact older than review
    assert since[("q-fact", "fact_changed")] == D(2026, 3, 1)
    assert since[("q-overdue-big", "overdue")] == D(2026, 10, 2)
    assert since[("q-past", "past_date")] == D(2026, 11, 2)


def test_suggestions_and_suppressed_entries_stay_out(library):
    ids = {i.entry_id for i in review_queue(library, as_of=AS_OF).items}
    assert "q-agree" not in ids and "q-suppressed" not in ids


def test_within_adds_what_comes_due(library):
    queue = review_queue(library, as_of=AS_OF, within=dt.timedelta(days=14))
    items = dict(queue.groups)["售后组"]
    assert items[-1].entry_id == "q-soon" and items[-1].upcoming
    assert items[-1].reasons[0].since == D(2026, 11, 25)
    assert "2026-11-24" in items[-1].reasons[0].message_zh
    short = review_queue(library, as_of=AS_OF, within=dt.timedelta(days=1))
    assert "q-soon" not in {i.entry_id for i in short.items}


def test_owner_filter(library):
    queue = review_queue(library, as_of=AS_OF, owners=["外包组"])
    assert _ids(queue) == [("外包组", ["w-overdue"])]
    with pytest.raises(UsageError, match="售后"):
        review_queue(library, as_of=AS_OF, owners=["售后"])


def test_selection(library):
    queue = review_queue(library, as_of=AS_OF, select=["S001"])
    assert [i.entry_id for i in queue.items] == ["q-expired"]
    with pytest.raises(UsageError):
        review_queue(library, as_of=AS_OF, select=["E004"])


def test_exit_codes(library):
    queue = review_queue(library, as_of=AS_OF)
    assert queue.exit_code("error") == 1
    assert queue.exit_code("never") == 0
    overdue_only = review_queue(library, as_of=AS_OF, select=["S002"], within=dt.timedelta(days=14))
    assert overdue_only.exit_code("error") == 0
    assert overdue_only.exit_code("warning") == 1
    soon_only = review_queue(
        library, as_of=AS_OF, owners=["售后组"], select=["S002"], within=dt.timedelta(days=14)
    )
    assert soon_only.exit_code("warning") == 1
    assert (
        review_queue(
            library, as_of=D(2026, 10, 20), select=["S001"], within=dt.timedelta(days=60)
        ).exit_code("info")
        == 0
    )


def test_future_review_date_is_its_own_reason(make_library):
    root = make_library({"kb/a.yaml": entry_file(entry(id="typo", reviewed="2062-11-01"))})
    queue = review_queue(load_library(root, use_cache=False), as_of=AS_OF)
    ((owner, (item,)),) = queue.groups
    assert owner == "售后组"
    assert (item.entry_id, item.reasons[0].category, item.reasons[0].since) == (
        "typo",
        "future_review",
        None,
    )
