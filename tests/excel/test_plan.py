"""New entries: their ids and files."""

from __future__ import annotations

import pytest

from cskit.config.schema import ID_PATTERN
from cskit.excel.plan import new_id, target_file
from cskit.library.load import load_library
from tests.excel.util import make


@pytest.mark.parametrize("category", ["order", "After Sales", "售后", "-x-", "a" * 80])
def test_new_ids_match_the_pattern_and_are_stable(category):
    values = {"title": "标题", "answer": "回复"}
    rid = new_id(category, values, set())
    assert ID_PATTERN.match(rid) and rid == new_id(category, values, set())


def test_new_ids_avoid_taken_ones():
    values = {"title": "标题", "answer": "回复"}
    taken: set[str] = set()
    ids = []
    for _ in range(20):
        rid = new_id("order", values, taken)
        taken.add(rid)
        ids.append(rid)
    assert len(set(ids)) == 20 and all(ID_PATTERN.match(i) for i in ids)


def test_target_file_prefers_the_file_with_most_entries_of_the_category(make_library):
    lib = load_library(make(make_library), use_cache=False)
    assert target_file(lib, "order").name == "order.yaml"  # 3 order entries there, 1 in faq
    assert target_file(lib, "general").name == "faq.yaml"
    assert target_file(lib, "after_sales") == lib.root / "after_sales.yaml"
