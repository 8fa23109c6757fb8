"""Conflict or harmless variant: decided by what differs, never by the score."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from cskit.dupes.canon import canon
from cskit.dupes.content import content
from cskit.dupes.diff import render_diff
from cskit.dupes.judge import is_conflict, judge, keyed_conflicts
from cskit.dupes.units import numbers


def said(text: str) -> str:
    return content(text).text


INVOICE = "本店支持开具电子发票，下单后在订单详情页申请即可，一般24小时内开出。"
FREE_SHIPPING = "全店满99元包邮，偏远地区除外，下单时会自动计算运费。"
RETURNS = "亲，您好！本店支持七天无理由退货，退回的运费由买家承担哦~"

# (a, b, conflict?, expected reason fragment)
PAIRS = [
    (INVOICE, INVOICE.replace("支持", "不支持"), True, "不支持"),
    (FREE_SHIPPING, FREE_SHIPPING.replace("99", "199"), True, "99元 → 199元"),
    (RETURNS, "亲您好，本店支持7天无理由退货，退回运费由买家承担哦😊", False, ""),
    (
        "签收后7天内可以申请退货，退回运费由买家承担。",
        "签收后15天内可以申请退货，退回运费由买家承担。",
        True,
        "7天 → 15天",
    ),
    ("付款后两天内发货，请耐心等待。", "付款后三天内发货，请耐心等待。", True, "两天 → 三天"),
    (
        "本店支持七天无理由退货，请放心购买。",
        "本店支持十五天无理由退货，请放心购买。",
        True,
        "七天 → 十五天",
    ),
    (RETURNS, RETURNS.replace("买家", "卖家"), True, "买家承担 → 卖家承担"),
    ("本商品满99元包邮，拍下即可。", "本商品满99元不包邮，拍下即可。", True, "不包邮"),
    ("仓库会在48小时内发货。", "仓库会在72小时内发货。", True, "48小时 → 72小时"),
    ("稍等一下，马上为您查询物流信息。", "稍等下，马上为您查询物流信息哦。", False, ""),
    (
        "付款后仓库会尽快为您安排发货，请耐心等待。",
        "付款后仓库会马上为您安排发货，请耐心等待哦。",
        False,
        "",
    ),
    ("2天发货，3天送达", "3天发货，2天送达", True, "→"),
    ("退款1.5天内到账", "退款15天内到账", True, "1.5天 → 15天"),
]


@pytest.mark.parametrize(("a", "b", "conflict", "reason"), PAIRS)
def test_label_follows_what_differs(a, b, conflict, reason):
    verdict = judge(said(a), said(b))
    assert verdict.conflict is conflict
    assert is_conflict(said(a), said(b)) is conflict
    if reason:
        assert any(reason in r for r in verdict.reasons), verdict.reasons
    else:
        assert verdict.reasons == []


def test_scores_alone_cannot_separate_conflicts_from_variants():
    negation = fuzz.ratio(canon(INVOICE), canon(INVOICE.replace("支持", "不支持")))
    number = fuzz.ratio(canon(FREE_SHIPPING), canon(FREE_SHIPPING.replace("99", "199")))
    variant = fuzz.ratio(
        canon(RETURNS), canon("亲您好，本店支持7天无理由退货，退回运费由买家承担哦😊")
    )
    assert negation > 96 and number > 95  # the traps score higher than…
    assert 90 < variant < number  # …a harmless variant


def test_chinese_numerals_have_values():
    def values(text: str) -> list[tuple[float, ...]]:
        return [n.value for n in numbers(canon(text))]

    assert values("十五天") == [(15,)]
    assert values("两个工作日") == [(2,)]
    assert values("一百二十元") == [(120,)]
    assert values("七天和99元") == [(7,), (99,)]
    assert values("稍等一下，我们一起看") == []


def test_diff_shows_the_changed_characters_in_context():
    a, b = canon("签收后7天内可以退货"), canon("签收后15天内可以退货")
    assert render_diff(a, b) == "签收后[7→15]天内可以退货"
    assert render_diff(canon("满99元包邮"), canon("满199元包邮")) == "满[99→199]元包邮"
    assert (
        render_diff(canon("退款48小时内到账"), canon("退款24小时内到账")) == "退款[48→24]小时内到账"
    )


def test_conflict_diff_focuses_on_the_substantive_change():
    a = canon("亲，收到的数据线有破损真的很抱歉，运费由卖家承担，补发7天内到。")
    b = canon("您好，收到的保温杯有破损真的很抱歉，运费由卖家承担，补发3天内到。")
    focused = render_diff(a, b, opposites=())
    assert "[7→3]" in focused and "数据线" not in focused
    assert "另有" in focused


def test_keyed_conflicts_compare_the_same_fact_in_different_wording():
    a = said("本店商品均支持7天无理由退货，请放心购买。")
    b = said("亲，我们支持15天无理由退货的哦，退货请在订单页申请。")
    assert keyed_conflicts(a, b) == ["7天 → 15天"]
    assert keyed_conflicts(a, said("支持七天无理由退货")) == []
    assert keyed_conflicts(a, said("发货后3天内送达")) == []


def test_same_question_ignores_fillers_but_not_sizes_numbers_or_negations():
    from cskit.dupes.canon import canon_question
    from cskit.dupes.diff import same_question

    def same(a: str, b: str) -> bool:
        return same_question(canon_question(a), canon_question(b))

    assert same("退款一般多久能到账", "退款一般多久才能到账")
    assert not same("平时穿L码的卫衣买哪个", "平时穿XL码的卫衣买哪个")
    assert not same("买了2件只收到一件", "买了3件只收到一件")
    assert not same("能开发票吗", "不能开发票吗")


def test_an_unchanged_number_next_to_a_change_is_not_pulled_into_it():
    assert render_diff(canon("请您稍候3分钟"), canon("请您稍等3分钟")) == "请您稍[候→等]3分钟"
    assert (
        render_diff(canon("申请了5元优惠券"), canon("申请了15元优惠券")) == "申请了[5→15]元优惠券"
    )
