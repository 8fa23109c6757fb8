"""The shipped lexicon: every intent's own examples, and what a team's extra file may do."""

from __future__ import annotations

from pathlib import Path

import pytest

from cskit.errors import ConfigError
from cskit.intent.lexiconload import load_lexicon

LEX = load_lexicon()
EXAMPLES = [(name, text, True) for name, i in LEX.intents.items() for text in i.match] + [
    (name, text, False) for name, i in LEX.intents.items() for text in i.no_match
]


def test_every_intent_has_examples() -> None:
    missing = [name for name, i in LEX.intents.items() if not i.match or not i.no_match]
    assert not missing, f"intents without match/no_match examples: {missing}"


@pytest.mark.parametrize(("intent", "text", "fires"), EXAMPLES)
def test_intent_examples(intent: str, text: str, fires: bool) -> None:
    assert (intent in LEX.analyse(text).intents) is fires, LEX.analyse(text)


def test_no_form_is_lost_to_number_masking() -> None:
    """A form that cleans down to nothing or to a bare number would match every order number."""
    from cskit.intent.clean import clean, compact

    bad = [w for words in LEX.concepts.values() for w in words if compact(clean(w)) in ("", "#")]
    assert not bad


@pytest.mark.parametrize(
    ("text", "question", "wants", "smalltalk"),
    [
        ("你好", False, False, True),
        ("好的 谢谢亲", False, False, True),
        ("3412345678901234567", False, False, True),
        ("咨询订单号:3412345678901234567 订单金额:59.00 下单时间:2026-11-02", False, False, True),
        ("这个能退吗", True, False, False),
        ("麻烦帮我改一下地址", False, True, False),
        ("不用麻烦了，谢谢", False, False, True),  # 麻烦 inside thanks is not a request
        ("要那么久", False, False, False),
    ],
)
def test_signals(text: str, question: bool, wants: bool, smalltalk: bool) -> None:
    a = LEX.analyse(text)
    assert (a.question, a.request, a.smalltalk) == (question, wants, smalltalk)


def test_traditional_and_full_width_text_reads_the_same() -> None:
    assert LEX.analyse("我的包裹到哪裡了？").intents == LEX.analyse("我的包裹到哪里了?").intents


def test_a_team_lexicon_adds_words_and_intents(tmp_path: Path) -> None:
    extra = tmp_path / "team.yaml"
    extra.write_text(
        "concepts:\n  包裹: [小件]\n  以旧换新: [以旧换新, 旧机回收]\n"
        "intents:\n  以旧换新:\n    category: promotion\n    label: 以旧换新\n"
        "    when: [以旧换新]\n",
        encoding="utf-8",
    )
    lex = load_lexicon((extra,))
    assert "以旧换新" in lex.analyse("旧机回收怎么算钱").intents
    assert "包裹" in lex.analyse("小件到哪了").concepts
    assert "以旧换新" not in LEX.intents  # the shipped one is untouched


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("intents:\n  x:\n    when: [没有这个概念]\n", "没有这个概念"),
        ("intents:\n  x: {category: order}\n", "phrases"),
        ("concepts: [a, b]\n", "concepts"),
        ("bogus: 1\n", "bogus"),
        ("concepts:\n  a: [b\n", "YAML"),
        ("synonyms: [[a, b]]\n", "synonyms"),
        ("synonyms:\n  groups: [[只有一个]]\n", "synonyms.groups[0]"),
    ],
)
def test_a_bad_lexicon_is_one_located_error(tmp_path: Path, body: str, needle: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_lexicon((bad,))
    assert str(bad) in str(info.value) and needle in str(info.value)


def test_a_team_lexicon_adds_strict_synonyms(tmp_path: Path) -> None:
    from cskit.intent.paraphrase import same_question

    extra = tmp_path / "team.yaml"
    (tmp_path / "plain.yaml").write_text(
        "concepts:\n  以旧换新: [以旧换新, 旧机回收]\n"
        "intents:\n  以旧换新:\n    category: promotion\n    when: [以旧换新]\n",
        encoding="utf-8",
    )
    extra.write_text(
        "concepts:\n  以旧换新: [以旧换新, 旧机回收]\n"
        "intents:\n  以旧换新:\n    category: promotion\n    when: [以旧换新]\n"
        "synonyms:\n  groups:\n    - [旧机回收, 以旧换新]\n  neutral: [想了解]\n",
        encoding="utf-8",
    )
    lex = load_lexicon((extra,))
    plain = load_lexicon((extra.with_name("plain.yaml"),))
    assert not same_question("旧机回收怎么算钱", "想了解以旧换新怎么算钱", plain)
    assert same_question("旧机回收怎么算钱", "想了解以旧换新怎么算钱", lex)
