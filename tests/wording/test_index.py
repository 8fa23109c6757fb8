"""The shared pack index: skipping a text must never skip a real match."""

from __future__ import annotations

import pytest

from cskit.rules.registry import PACK_RULES
from cskit.text.normalise import normalise
from cskit.wording.index import pack_index
from cskit.wording.packs import builtin_names, builtin_pack

PACKS = [builtin_pack(name, PACK_RULES) for name in builtin_names()]
INDEX = pack_index(PACKS)
EXAMPLES = [(item, text) for pack in PACKS for item in pack.items for text in item.match]


@pytest.mark.parametrize(("item", "text"), EXAMPLES, ids=[f"{i.id}:{t}" for i, t in EXAMPLES])
def test_every_must_match_example_survives_the_shared_index(item: object, text: str) -> None:
    from cskit.wording.packitem import PackItem

    assert isinstance(item, PackItem)
    norm = normalise(text).text
    assert item.rule in INDEX.candidates(norm), f"{item.id}: the index skipped {text!r}"
    assert any(h.item is item for h in INDEX.groups[item.rule].find(norm))


def test_clean_text_triggers_no_rule() -> None:
    assert INDEX.candidates(normalise("好的，已为您备注。").text) <= INDEX.always


def test_candidates_name_only_rules_that_can_match() -> None:
    norm = normalise("加我微信私聊").text
    found = INDEX.candidates(norm)
    assert "W004" in found
    assert all(code in INDEX.groups for code in found)


def test_candidates_are_exactly_the_rules_whose_starts_occur() -> None:
    """Overlapping and nested starts (不可 inside 不可以, one start ending where the next
    begins) are all found: the automaton reports every occurrence, not the longest."""
    import random

    starts = sorted(INDEX._codes)
    rng = random.Random(3)
    filler = "好的亲已为您备注，。！"
    for _ in range(3000):
        parts = [rng.choice(starts) if rng.random() < 0.4 else rng.choice(filler) for _ in range(8)]
        text = "".join(parts)
        expected = set(INDEX.always)
        for start in starts:
            if start in text:
                expected |= INDEX._codes[start]
        assert INDEX.candidates(text) == expected, text
