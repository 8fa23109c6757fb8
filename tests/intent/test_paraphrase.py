"""The pairwise "same intent" judgement the duplicate rules can use."""

from __future__ import annotations

import time

import pytest

from cskit.intent.lexiconload import load_lexicon
from cskit.intent.paraphrase import (
    IntentIndex,
    paraphrase_groups,
    paraphrase_pairs,
    same_intent,
    same_question,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("快递到哪了", "我的包裹现在在哪里"),
        ("退款几天能到账", "钱什么时候退到卡上"),
        ("能开增值税专用发票吗", "专票怎么开"),
    ],
)
def test_paraphrases_are_the_same_intent(a: str, b: str) -> None:
    assert same_intent(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("快递到哪了", "退款多久到账"),
        ("这个包邮吗", "退货运费谁出"),
        ("快递到哪了", "这个材质是什么"),
        ("你好", "你好"),  # no intent: never paired here
    ],
)
def test_different_questions_are_not(a: str, b: str) -> None:
    assert not same_intent(a, b)


def test_an_index_of_many_questions_is_fast() -> None:
    lex = load_lexicon()
    base = [
        "快递到哪了",
        "我的包裹现在在哪里",
        "这个包邮吗",
        "退款几天能到账",
        "钱什么时候退到卡上",
    ]
    questions = [f"{q}（第{n}款）" for n in range(4000) for q in base]
    lex.analyse("预热")
    start = time.process_time()
    index = IntentIndex(questions, lex)
    checks = sum(index.same(i, i + 1) for i in range(0, len(questions) - 1))
    spent = time.process_time() - start
    assert index.same(0, 1) and not index.same(0, 2) and index.same(3, 4)
    assert checks > 0
    assert spent < 10  # 20,000 questions and as many checks: about a second on an idle core


def test_groups_hold_exact_paraphrases_only() -> None:
    questions = ["快递到哪了", "快递到哪里了呢", "我的包裹现在在哪里", "这个包邮吗", "你好"]
    groups = paraphrase_groups(questions)
    assert [0, 1] in groups and all(4 not in g for g in groups)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("快递到哪了", "包裹到哪了呢？"),
        ("快递到哪了", "我的包裹现在在哪里"),
        ("多久可以发货", "多久发货啊"),
        ("退款什么时候能到账", "退款什么时候到账呢"),
    ],
)
def test_the_same_question_in_other_words(a: str, b: str) -> None:
    assert same_question(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("明天能发货吗", "什么时候发货"),  # a day is not the question when
        ("退款什么时候到账", "退货什么时候到"),
        ("顺丰到哪了", "圆通到哪了"),  # couriers are told apart
        ("100积分能换什么", "1000积分能换什么"),  # so are numbers
        ("运费呢", "运费多少"),  # one topic word: too vague
        ("好的，那多久发货", "多久发货"),  # a follow-up means what came before
        ("电子发票", "电子发票"),  # a bare topic, not a question
        ("你好", "你好"),
    ],
)
def test_not_the_same_question(a: str, b: str) -> None:
    assert not same_question(a, b)


def test_paraphrase_pairs_add_only_new_pairs() -> None:
    texts = ["快递到哪了", "这个包邮吗", "包裹到哪了呢", "快递到哪了呀"]
    found = paraphrase_pairs(texts, [(0, 3, 95.0)], 92.0)
    assert (0, 2, 92.0) in found and (2, 3, 92.0) in found
    assert all((a, b) != (0, 3) for a, b, _ in found)
    assert all(1 not in (a, b) for a, b, _ in found)
