"""Clauses of a reply: split points, sentence numbers, questions and boilerplate."""

from __future__ import annotations

import pytest

from cskit.text.clauses import clauses


def _texts(text: str) -> list[str]:
    return [c.text for c in clauses(text)]


def test_clauses_split_at_punctuation_and_keep_sentence_numbers() -> None:
    found = clauses("已经帮您登记了，明天补发。您留意一下物流！")
    assert [c.text for c in found] == ["已经帮您登记了", "明天补发", "您留意一下物流"]
    assert [c.sentence for c in found] == [0, 0, 1]


def test_a_space_between_chinese_bubbles_ends_a_sentence() -> None:
    found = clauses("这个颜色没有了 您看看雾蓝色")
    assert [c.text for c in found] == ["这个颜色没有了", "您看看雾蓝色"]
    assert found[1].sentence == 1


def test_a_space_inside_a_latin_name_does_not() -> None:
    assert _texts("这款 Air Pro 是白色的") == ["这款 Air Pro 是白色的"]


def test_unpunctuated_chat_splits_after_final_particles_and_vocatives() -> None:
    assert _texts("不可以的哦您换成大号就合适啦") == ["不可以的哦", "您换成大号就合适啦"]
    assert _texts("补不了亲下周一有货哦到时候通知您") == ["补不了", "下周一有货哦", "到时候通知您"]
    assert _texts("实在不好意思亲这边马上重新发") == ["实在不好意思", "这边马上重新发"]


def test_particles_inside_words_do_not_split() -> None:
    assert _texts("这件毛呢大衣很保暖") == ["这件毛呢大衣很保暖"]
    assert _texts("哈哈好的") == ["哈哈好的"]


def test_offsets_of_clauses_are_those_of_the_text() -> None:
    text = "好的， 这边帮您催一下"
    for c in clauses(text):
        assert text[c.start : c.end] == c.text


@pytest.mark.parametrize(
    "text",
    [
        "可以开发票吗",
        "这个能不能换",
        "您是要退货还是换货呢",
        "是否需要帮您备注？",
        "是这个地址对吧",
    ],
)
def test_questions_are_marked(text: str) -> None:
    assert clauses(text)[-1].question


@pytest.mark.parametrize("text", ["不能开发票", "这个换不了的", "什么都可以选"])
def test_statements_are_not_questions(text: str) -> None:
    assert not clauses(text)[-1].question


@pytest.mark.parametrize(
    "text",
    [
        "您好",
        "好的",
        "不客气的",
        "请您稍等",
        "请问还有其他需要帮您的吗",
        "还有什么可以为您效劳的",
        "祝您购物愉快",
        "麻烦给小客服打个评价",
    ],
)
def test_greetings_courtesies_and_closings_are_boilerplate(text: str) -> None:
    assert clauses(text)[0].boilerplate


@pytest.mark.parametrize(
    "text", ["您好像填错了地址", "好的那我给您改成明天送", "您可以在订单页申请"]
)
def test_content_is_not_boilerplate(text: str) -> None:
    assert not clauses(text)[0].boilerplate
