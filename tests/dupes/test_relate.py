"""How two answers relate: which copies count, which differences contradict."""

from __future__ import annotations

import pytest

from cskit.dupes.content import content
from cskit.dupes.lexicon import DEFAULT_OPPOSITES
from cskit.dupes.relate import contained, relate


def rel(a: str, b: str, **kw: bool):
    x, y = content(a), content(b)
    return relate(
        x.text, y.text, 85, 85, DEFAULT_OPPOSITES, reordered=x.order_free == y.order_free, **kw
    )


@pytest.mark.parametrize(
    ("a", "b", "how"),
    [
        ("麻烦您提供一下订单号，这边帮您查物流", "麻烦您提供订单号，这边帮您查下物流哦", "similar"),
        ("您稍等", "请稍等片刻", "similar"),  # one formula, two wordings
        ("我来处理", "我来处理吧亲", "similar"),
        ("好的我来登记", "好的，我来登记一下退款", "contained"),
        ("包裹明天上午送到。签收时请当面检查", "签收时请当面检查。包裹明天上午送到", "reordered"),
    ],
)
def test_copies(a, b, how):
    found = rel(a, b)
    assert found is not None and found.label == "variant" and found.how == how


def test_literal_containment_needs_the_flag_from_the_canon():
    a, b = "好的亲", "好的亲，库房今天下午四点前会全部发出，晚上能看到物流"
    assert rel(a, b) is None
    found = rel(a, b, literal=True)
    assert found is not None and found.how == "literal"


def test_containment_wants_a_fair_share_or_a_long_enough_reply():
    assert contained("您放心", "您放心，门店会在三个工作日内联系您上门取件") is False
    assert contained("我帮您登记", "我帮您登记退款")
    assert contained("这边已经加急处理并通知仓库", "这边已经加急处理并通知仓库，今天就会安排发出")
    assert contained("一样长的两句话", "一样长的两句话") is False  # equal is not contained


def test_a_contradiction_needs_something_shared():
    assert rel("可以", "不可以") is None
    assert rel("支持", "不支持") is None
    found = rel("本店支持开具纸质发票", "本店不支持开具纸质发票")
    assert found is not None and found.label == "conflict"


def test_a_frame_with_another_value_is_a_conflict_only_as_a_frame():
    rule = "工作日16:00前下单当天发货，16:00后下单次日发货"
    a = "好的，这边帮您催过仓库了。" + rule
    b = rule.replace("16:00", "17:00") + "。周末和节假日顺延"
    found = rel(a, b)
    assert found is not None and found.label == "conflict" and found.how == "frame"
    assert found.verdict.reasons == ["16:00 → 17:00"]
