from __future__ import annotations

import re

import pytest

from cskit.text.needles import needles, required_literal


def _n(*patterns: str) -> frozenset[str] | None:
    return needles(re.compile(p, re.I) for p in patterns)


def test_literal_alternatives_give_their_first_two_characters() -> None:
    assert _n("不能|没办法|无法") == {"不能", "没办", "无法"}


def test_optional_prefixes_and_lookbehinds() -> None:
    assert _n("(全网|史上)?最好") == {"全网", "史上", "最好"}
    assert _n(r"(?<![0-9])1[3-9][0-9]{9}") == {f"1{d}" for d in "3456789"}


def test_case_folding_and_spaces() -> None:
    found = _n(r"V\s*X")
    assert found is not None and {"V", "v"} <= found  # \s* may be empty or not: V alone


def test_patterns_that_can_start_anywhere_give_none() -> None:
    assert _n(".好") is None
    assert _n("a?") is None


@pytest.mark.parametrize(
    ("pattern", "literal"),
    [
        (r"(\d+)\s*天无理由", "天无理由"),
        (r"(\d+)\s*小时内?到账", "小时"),
        (r"x*yz", "yz"),
        (r"^满(\d+)减", "满"),
        (r"a|bc", ""),  # either branch may match: nothing is certain
        (r"(?i)vip\d+", ""),  # case ignored: `in` would miss VIP
        (r"(?=元)\d", ""),
    ],
)
def test_required_literal(pattern: str, literal: str) -> None:
    rx = re.compile(pattern)
    assert required_literal(rx) == literal
    sample = {"天无理由": "7天无理由", "小时": "24小时内到账", "yz": "xxyz", "满": "满99减10"}
    if literal in sample:  # a matching text contains the literal
        assert rx.search(sample[literal]) and literal in sample[literal]
