"""Fact uses: references and mentions of declared facts, and whether values agree."""

from __future__ import annotations

import pytest

from cskit.library.load import load_library
from cskit.stale.facts import as_number, fact_uses, same_value
from tests.conftest import entry_file
from tests.rules.stale.helpers import entry


def _lib(make_library, *entries):
    root = make_library({"kb/a.yaml": entry_file(*entries)})
    return load_library(root, use_cache=False)


@pytest.mark.parametrize(
    ("written", "value", "same"),
    [
        ("7", 7, True),
        ("七", 7, True),
        ("７", 7, True),
        ("15", 7, False),
        ("24", 24.0, True),
        ("99", "99", True),
        ("中通", "中通", True),
        ("中通", "顺丰", False),
        ("7", True, None),
    ],
)
def test_same_value(written, value, same):
    assert same_value(written, value) is same


def test_as_number_rejects_bools_and_words():
    assert as_number(True) is None and as_number("很多") is None


def test_fact_uses_in_text_order_with_offsets(make_library):
    answer = "亲，支持{{ facts.return_days }}天无理由；退款24小时到账，也是15天无理由"
    lib = _lib(make_library, entry(answer=answer))
    uses = fact_uses(lib.entries[0], lib.config)
    assert [(u.fact.key, u.how, u.agrees) for u in uses] == [
        ("return_days", "ref", None),
        ("refund_hours", "mention", True),
        ("return_days", "mention", False),
    ]
    assert [answer[u.start : u.end] for u in uses] == [u.matched for u in uses]
