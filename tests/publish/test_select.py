"""Which entries go: active ones inside their validity window, of the selected kinds,
stages and tags."""

from __future__ import annotations

import datetime as dt

from cskit.library.load import load_library
from cskit.publish.profile import Selection
from cskit.publish.profiles import load_profile
from cskit.publish.select import select_entries
from tests.conftest import entry_file

ENTRIES = entry_file(
    "id: always\ntitle: a\nanswer: 一\n",
    "id: starts-today\ntitle: a\nanswer: 二\nvalid_from: 2026-11-22\n",
    "id: ends-today\ntitle: a\nanswer: 三\nvalid_until: 2026-11-22\n",
    "id: tomorrow\ntitle: a\nanswer: 四\nvalid_from: 2026-11-23\n",
    "id: yesterday\ntitle: a\nanswer: 五\nvalid_until: 2026-11-21\n",
    "id: draft-one\ntitle: a\nanswer: 六\nstatus: draft\n",
    "id: bad-date\ntitle: a\nanswer: 七\nvalid_from: 2026-13-01\n",
    "id: a-faq\ntitle: a\nanswer: 八\nkind: faq\nstage: greet\ntags: [常用]\n",
    defaults="kind: script\nstage: resolve\ncategory: general\nowner: 客服一组\n",
)


def test_window_is_inclusive_and_scheduled_entries_wait(make_library) -> None:
    lib = load_library(make_library({"a.yaml": ENTRIES}), use_cache=False)
    profile = load_profile(lib.config, "qianniu-csv")
    chosen, skips = select_entries(lib, profile, dt.date(2026, 11, 22))
    assert [e.id for e in chosen] == ["always", "starts-today", "ends-today", "a-faq"]
    assert {s.entry.id: s.reason for s in skips} == {
        "tomorrow": "scheduled",
        "yesterday": "expired",
        "draft-one": "status",
        "bad-date": "bad-date",
    }


def test_kinds_stages_and_tags(make_library) -> None:
    from dataclasses import replace

    lib = load_library(make_library({"a.yaml": ENTRIES}), use_cache=False)
    base = load_profile(lib.config, "qianniu-csv")
    day = dt.date(2026, 11, 22)
    faq_only = replace(base, select=Selection(kinds=("faq",)))
    assert [e.id for e in select_entries(lib, faq_only, day)[0]] == ["a-faq"]
    greet_only = replace(base, select=Selection(stages=("greet",)))
    assert [e.id for e in select_entries(lib, greet_only, day)[0]] == ["a-faq"]
    tagged = replace(base, select=Selection(tags=("常用",)))
    assert [e.id for e in select_entries(lib, tagged, day)[0]] == ["a-faq"]
    untagged = replace(base, select=Selection(exclude_tags=("常用",)))
    assert "a-faq" not in [e.id for e in select_entries(lib, untagged, day)[0]]
