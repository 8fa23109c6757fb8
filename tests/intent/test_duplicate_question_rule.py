"""D003 asks the lexicon too: the same question in other words is a shared question, and the
lexicon's strictness keeps near topics apart (the rule's own tests are in tests/rules)."""

from __future__ import annotations

from tests.rules.duplicates.helpers import entry, library

SHIP = "现货商品付款后四十八小时内从杭州仓发出，预售商品以详情页写明的日期为准。"
TRACK = "订单详情页可以看到每一站的物流轨迹，也可以复制单号到快递官网查询。"


def test_a_paraphrase_the_character_ratio_misses_is_reported(lint_snippet):
    text = library(
        entry("ship-time", SHIP, ["多久可以发货"]),
        entry("dispatch", TRACK, ["多久发货啊"]),
    )
    findings = lint_snippet(text, "D003")
    assert [f.entry_id for f in findings] == ["dispatch"]
    assert [r.entry_id for r in findings[0].related] == ["ship-time"]


def test_related_but_different_questions_are_not(lint_snippet):
    text = library(
        entry("ship-time", SHIP, ["多久可以发货"]),
        entry("ship-day", SHIP.replace("四十八", "二十四"), ["明天能发货吗"]),
        entry("track-sf", TRACK, ["顺丰到哪了"]),
        entry("track-yt", TRACK + "有疑问随时找我们。", ["圆通到哪了"]),
        entry("points", "积分可以在会员中心兑换优惠券。", ["100积分能换什么"]),
        entry("points-more", "积分满额可以兑换礼品，详见会员中心。", ["1000积分能换什么"]),
    )
    assert lint_snippet(text, "D003") == []
