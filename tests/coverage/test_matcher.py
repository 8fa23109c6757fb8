"""The matcher on paraphrases we wrote for the test library: answers, unanswered, chitchat."""

from __future__ import annotations

import pickle

import pytest

from cskit.coverage.matcher import EntryText, Matcher
from cskit.coverage.run import build_matcher
from cskit.library.load import load_library
from tests.coverage.conftest import LIB

MATCHER = build_matcher(load_library(LIB))

# Customers' own words for the test library's entries: few share two characters in a row
# with the entry's questions.
PARAPHRASES = [
    ("东西走到哪一站了", "parcel-where"),
    ("物流怎么查", "parcel-where"),
    ("啥时候能送过来呀", "parcel-where"),
    ("拍下两天了怎么还不发", "ship-when"),
    ("麻烦尽快给我发出去", "ship-when"),
    ("收件地址写成老家了能换成公司吗", "address-change"),
    ("钱啥时候退回来", "refund-when"),
    ("退的款一直没到账", "refund-when"),
    ("这件衣服我不要了怎么寄回去", "return-how"),
    ("打开发现杯子碎了", "broken-item"),
    ("刚买就便宜了二十块能退吗", "price-drop"),
    ("给开个发票吗", "invoice-open"),
    ("这单下错了不要了", "order-cancel"),
    ("领的券怎么不能用", "coupon-use"),
]
UNANSWERED = ["这个杯子是什么材质的？", "能再便宜点吗", "会员积分怎么用", "有没有蓝色的"]
CHITCHAT = ["你好", "在吗在吗", "好的谢谢", "嗯嗯", "3412345678901234567", "👌", "不用了 谢谢"]


@pytest.mark.parametrize(("text", "entry"), PARAPHRASES)
def test_paraphrases_find_their_entry(text: str, entry: str) -> None:
    d = MATCHER.decide(text)
    assert d.entry is not None and MATCHER.entries[d.entry].id == entry, (text, d)
    assert 0.0 < d.score <= 1.0


@pytest.mark.parametrize("text", UNANSWERED)
def test_questions_no_entry_answers(text: str) -> None:
    d = MATCHER.decide(text)
    assert d.entry is None and not d.chitchat, d


@pytest.mark.parametrize("text", CHITCHAT)
def test_chitchat_is_set_apart(text: str) -> None:
    assert MATCHER.decide(text).chitchat


def test_archived_entries_answer_nothing() -> None:
    assert "old-policy" not in {e.id for e in MATCHER.entries}


def test_a_follow_up_borrows_the_earlier_question() -> None:
    alone = MATCHER.decide("都五天了还没好")
    follow = MATCHER.decide("都五天了还没好", ["我申请的退款什么时候到账"])
    assert alone.entry is None
    assert follow.via_context and MATCHER.entries[follow.entry or 0].id == "refund-when"


def test_a_bare_follow_up_of_an_unanswered_question_stays_unanswered() -> None:
    d = MATCHER.decide("那个是大号的吗", ["这个杯子是什么材质的？"])
    assert d.entry is None and not d.chitchat


def test_rank_lists_the_best_entries_with_scores() -> None:
    ranked = MATCHER.rank("快递到哪了", k=3)
    assert ranked[0].id == "parcel-where"
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)


def test_the_matcher_pickles_for_dask_workers() -> None:
    clone = pickle.loads(pickle.dumps(MATCHER))
    assert clone.decide("钱啥时候退回来") == MATCHER.decide("钱啥时候退回来")


def test_an_empty_library_answers_nothing() -> None:
    empty = Matcher.build([])
    assert empty.decide("快递到哪了").entry is None


def test_an_entry_without_questions_is_found_by_its_title() -> None:
    m = Matcher.build([EntryText("gift-wrap", "礼品包装", (), "可以包装成礼盒。")])
    d = m.decide("能帮我做个礼品包装吗")
    assert d.entry == 0
