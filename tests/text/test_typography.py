"""The typography scanners on their own (the Z rules wrap them)."""

from __future__ import annotations

from cskit.text.typography import (
    apply_spots,
    fullwidth_alnum,
    halfwidth_punctuation,
    invisible_characters,
    repeated_punctuation,
    script_mix,
    unbalanced_pairs,
)

CHARS = ",!?:;()"


def test_halfwidth_runs_after_han_convert_as_a_whole() -> None:
    text = "好的!!谢谢?!"
    assert apply_spots(text, halfwidth_punctuation(text, CHARS)) == "好的！！谢谢？！"


def test_halfwidth_leaves_numbers_times_urls_and_tags() -> None:
    for text in [
        "共1,000件",
        "3:30前",
        "见http://a.cn/x,y",
        "{{ a }},好",
        "OK, 好",
        "1(2)",
        "尺码(M)",
    ]:
        assert halfwidth_punctuation(text, CHARS) == [], text


def test_parentheses_around_chinese_are_flagged() -> None:
    assert apply_spots("价格(元)", halfwidth_punctuation("价格(元)", CHARS)) == "价格（元）"


def test_fullwidth_alnum_folds() -> None:
    text = "ＶＩＰ会员享９５折"
    assert apply_spots(text, fullwidth_alnum(text)) == "VIP会员享95折"
    assert fullwidth_alnum("，。！？（）") == []


def test_repeated_keeps_ellipsis_and_dash() -> None:
    assert repeated_punctuation("好……——", "！？。~") == []
    text = "好~~~ 对。。"
    assert apply_spots(text, repeated_punctuation(text, "！？。~")) == "好~ 对。"


def test_unbalanced_reports_both_kinds() -> None:
    spots = unbalanced_pairs("（好）】「对", "（）【】「」")
    assert [s.text for s in spots] == ["】", "「"]


def test_invisible_characters() -> None:
    text = "a\u200bb\ufeffc\x07d\u00a0e"
    assert apply_spots(text, invisible_characters(text, nbsp=True)) == "abcd e"
    assert [s.text for s in invisible_characters(text, nbsp=False)] == ["\u200b", "\ufeff", "\x07"]


def test_script_mix() -> None:
    trad, simp = script_mix("这款發貨")
    assert trad == [2, 3] and simp == [0]
    assert script_mix("這款發貨") == ([0, 2, 3], [])
    assert script_mix("这款发货") == ([], [])
