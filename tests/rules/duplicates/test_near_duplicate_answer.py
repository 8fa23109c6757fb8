from __future__ import annotations

from tests.conftest import CONFIG
from tests.rules.duplicates.helpers import entry, library, line_of

SHIP = "付款后仓库会尽快为您安排发货，发货后物流信息一般在2小时内更新，请耐心等待。"
SHIP_VARIANT = "付款后仓库会马上为您安排发货，发货后物流信息一般在2小时内更新，请您耐心等待哦。"


def test_harmless_rewording_is_reported_with_the_diff(lint_snippet):
    text = library(entry("ship-a", SHIP), entry("ship-b", SHIP_VARIANT))
    findings = lint_snippet(text, "D002")
    assert [(f.entry_id, f.line, f.column) for f in findings] == [
        ("ship-b", line_of(text, "answer:", 2), 5)
    ]
    message = findings[0].message_zh
    assert "[尽快→马上]" in message and "ship-a" in message and "相似度" in message
    assert [r.entry_id for r in findings[0].related] == ["ship-a"]


def test_numeral_written_differently_is_still_only_a_variant(lint_snippet):
    text = library(
        entry("return-a", "亲您好，本店支持七天无理由退货，退回运费由买家承担哦，请放心购买。"),
        entry("return-b", "亲您好，本店支持7天无理由退货，退回运费由买家承担哦，请您放心购买~"),
    )
    assert [(f.code, f.entry_id) for f in lint_snippet(text, "D")] == [("D002", "return-b")]


def test_a_conflict_is_never_reported_as_a_variant(lint_snippet):
    text = library(
        entry("invoice-a", "本店支持开具电子发票，下单后在订单详情页申请即可。"),
        entry("invoice-b", "本店不支持开具电子发票，下单后在订单详情页申请即可。"),
    )
    assert [f.code for f in lint_snippet(text, "D")] == ["D004"]


def test_threshold_option(lint_snippet):
    text = library(entry("ship-a", SHIP), entry("ship-b", SHIP_VARIANT))
    strict = CONFIG.replace(
        "  fail_on: error\n", "  fail_on: error\n  rules: {D002: {threshold: 99}}\n"
    )
    assert lint_snippet(text, "D002", config=strict) == []


def test_unrelated_answers_sharing_a_greeting_pass(lint_snippet):
    text = library(
        entry("a", "亲，您好！很高兴为您服务。这款保温杯是食品级不锈钢材质，可以放心使用。"),
        entry("b", "亲，您好！很高兴为您服务。物流显示包裹已到达杭州转运中心，请耐心等待。"),
    )
    assert lint_snippet(text, "D") == []
