"""What comes due within a window, the entry's own suppress items, and the category each S
rule gives its findings."""

from __future__ import annotations

import datetime as dt

from cskit.library.load import load_library
from cskit.review.reasons import CATEGORIES, coming_due
from cskit.rules.registry import RULES
from tests.conftest import AS_OF, GOOD_ENTRY, entry_file


def _entries(valid_until: str, suppress: str = "") -> str:
    soon = GOOD_ENTRY.replace("greet-hello", "promo") + f"valid_until: {valid_until}\n"
    return entry_file(soon + suppress)


def test_a_validity_window_ending_inside_the_horizon_comes_due(make_library):
    lib = load_library(make_library({"a.yaml": _entries("2026-11-30")}), use_cache=False)
    found = coming_due(lib, AS_OF, dt.timedelta(days=14), {"S001"})
    assert [(e.id, r.code, r.since) for e, r in found] == [("promo", "S001", dt.date(2026, 12, 1))]
    assert coming_due(lib, AS_OF, dt.timedelta(days=3), {"S001"}) == []


def test_a_live_suppress_item_keeps_it_out_and_an_expired_one_does_not(make_library):
    live = "suppress:\n  - {rule: expired, reason: 活动会延期}\n"
    lib = load_library(make_library({"a.yaml": _entries("2026-11-30", live)}), use_cache=False)
    assert coming_due(lib, AS_OF, dt.timedelta(days=14), {"S001"}) == []
    old = "suppress:\n  - {rule: S001, reason: 旧的, until: 2026-11-01}\n"
    lib = load_library(make_library({"a.yaml": _entries("2026-11-30", old)}), use_cache=False)
    assert len(coming_due(lib, AS_OF, dt.timedelta(days=14), {"S001"})) == 1


def test_every_stale_rule_names_a_queue_category_and_no_other_rule_does() -> None:
    named = {r.code: r.queue_category for r in RULES if r.queue_category is not None}
    assert sorted(named) == sorted(r.code for r in RULES if r.code.startswith("S"))
    assert set(named.values()) <= set(CATEGORIES)
    assert len(set(named.values())) == len(named)  # one category per rule
