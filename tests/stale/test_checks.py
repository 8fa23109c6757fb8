"""The shared staleness logic: review states, validity, chains, positions."""

from __future__ import annotations

import datetime as dt

from cskit.library.load import load_library
from cskit.stale.checks import first_by_id, follow, locate, review_state, validity
from tests.conftest import entry_file
from tests.rules.stale.helpers import entry, where

D = dt.date


def _lib(make_library, *entries):
    root = make_library({"kb/a.yaml": entry_file(*entries)})
    return load_library(root, use_cache=False)


def test_review_state_counts_intervals(make_library):
    lib = _lib(make_library, entry(kind="policy", reviewed="2026-08-01"))
    state = review_state(lib.entries[0], lib.config)
    assert state is not None
    assert (state.due, state.since) == (D(2026, 8, 31), D(2026, 9, 1))
    assert state.intervals_overdue(D(2026, 9, 30)) == 0
    assert state.intervals_overdue(D(2026, 10, 1)) == 1
    assert state.intervals_overdue(D(2026, 10, 31)) == 2
    assert state.days_overdue(D(2026, 8, 30)) == 0
    assert not state.escalated(D(2026, 10, 30), 2)
    assert state.escalated(D(2026, 10, 31), 2)


def test_monthly_intervals_follow_the_calendar(make_library):
    lib = _lib(make_library, entry(reviewed="2026-01-31", review_every="1m"))
    state = review_state(lib.entries[0], lib.config)
    assert state is not None
    assert state.after_intervals(1) == D(2026, 2, 28)
    assert state.after_intervals(3) == D(2026, 4, 30)
    assert state.intervals_overdue(D(2027, 1, 31)) == 10


def test_validity_inclusive_ends(make_library):
    lib = _lib(make_library, entry(valid_from="2026-11-01", valid_until="2026-11-11"))
    e = lib.entries[0]
    assert validity(e, D(2026, 11, 1)) is None
    assert validity(e, D(2026, 11, 11)) is None
    assert validity(e, D(2026, 10, 31)).state == "not_yet_valid"
    expired = validity(e, D(2026, 11, 12))
    assert (expired.state, expired.since) == ("expired", D(2026, 11, 12))


def test_follow_chain(make_library):
    lib = _lib(
        make_library,
        entry(id="a1", status="archived", replaced_by="b1"),
        entry(id="b1", status="archived", replaced_by="c1"),
        entry(id="c1"),
    )
    ids = first_by_id(lib)
    found = follow("a1", ids)
    assert found is not None
    assert (found.chain, found.live.id, found.cycle) == (("a1", "b1", "c1"), "c1", False)
    assert follow("c1", ids) is None
    assert follow("nowhere", ids) is None


def test_locate_in_plain_and_block_scalars(make_library):
    text = entry_file(entry(answer="第一行\n第二行有15天无理由"), entry(id="e2", answer="单行15天"))
    root = make_library({"kb/a.yaml": text})
    lib = load_library(root, use_cache=False)
    first, second = lib.entries
    assert locate(first, ("answer",), first.answer, first.answer.index("15")) == where(
        text, "15天无理由"
    )
    line, column = where(text, "单行15天")
    assert locate(second, ("answer",), second.answer, 2) == (line, column + 2)
