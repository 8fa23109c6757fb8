"""The pairwise "same intent" judgement the duplicate rules can use."""

from __future__ import annotations

import time

import pytest

from cskit.coverage.lexicon import load_lexicon
from cskit.coverage.paraphrase import IntentIndex, paraphrase_groups, same_intent


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
