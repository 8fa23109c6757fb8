from __future__ import annotations

import pytest

from tests.conftest import CONFIG
from tests.rules.duplicates.helpers import entry, library, line_of

# (answer a, answer b, what the message must name)
TRAPS = [
    ("签收后7天内可以申请退货，退回运费由买家承担，请保持商品完好。",
     "签收后15天内可以申请退货，退回运费由买家承担，请保持商品完好。", "7天 → 15天"),
    ("付款后两天内发货，发货后会短信通知您，请留意查收。",
     "付款后三天内发货，发货后会短信通知您，请留意查收。", "两天 → 三天"),
    ("本店支持七天无理由退货，退回运费由买家承担，请放心购买。",
     "本店支持十五天无理由退货，退回运费由买家承担，请放心购买。", "七天 → 十五天"),
    ("质量问题退货，来回运费由卖家承担，请放心寄回。",
     "质量问题退货，来回运费由买家承担，请放心寄回。", "卖家承担 → 买家承担"),
    ("全店满99元包邮，偏远地区除外，下单时会自动计算运费。",
     "全店满199元包邮，偏远地区除外，下单时会自动计算运费。", "99元 → 199元"),
    ("本商品满99元包邮，拍下后系统自动改价。",
     "本商品满99元不包邮，拍下后系统自动改价。", "不包邮"),
    ("本店支持开具电子发票，下单后在订单详情页申请即可。",
     "本店不支持开具电子发票，下单后在订单详情页申请即可。", "不支持"),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b", "named"), TRAPS)
def test_substantive_difference_is_a_conflict(lint_snippet, a, b, named):
    text = library(entry("policy-a", a), entry("policy-b", b))
    findings = lint_snippet(text, "D")
    assert [(f.code, f.entry_id, f.line) for f in findings] == [
        ("D004", "policy-b", line_of(text, "answer:", 2))
    ]
    assert named in findings[0].message_zh and "policy-a" in findings[0].message_zh
    assert "请确认" in findings[0].message_zh
    assert findings[0].severity == "error"


def test_disjoint_conditions_do_not_conflict(lint_snippet):
    a, b, _ = TRAPS[0]
    text = library(
        entry("policy-a", a, extra="conditions: {order_status: paid}"),
        entry("policy-b", b, extra="conditions: {order_status: shipped}"),
    )
    assert lint_snippet(text, "D") == []


def test_same_question_with_contradicting_numbers_in_different_words(lint_snippet):
    text = library(
        entry("return-policy", "本店商品均支持7天无理由退货，请在订单页申请。", ["可以退货吗"]),
        entry(
            "return-faq",
            "亲，我们家支持15天无理由退货的哦，退回运费买家承担。",
            ["请问可以退货吗？"],
        ),
    )
    findings = lint_snippet(text, "D")
    assert [(f.code, f.entry_id, f.key) for f in findings] == [
        ("D004", "return-faq", "entries[1].questions[0]")
    ]
    assert "7天 → 15天" in findings[0].message_zh


def test_opposites_are_configurable(lint_snippet):
    gift = "下单即送{}一个，赠品随商品一起发出，数量有限送完即止，请以实际收到为准。"
    text = library(entry("gift-a", gift.format("收纳袋")), entry("gift-b", gift.format("钥匙扣")))
    assert [f.code for f in lint_snippet(text, "D")] == ["D002"]
    custom = CONFIG.replace(
        "  fail_on: error\n", "  fail_on: error\n  rules: {D004: {opposites: [[收纳袋, 钥匙扣]]}}\n"
    )
    findings = lint_snippet(text, "D", config=custom)
    assert [f.code for f in findings] == ["D004"]
    assert "收纳袋 → 钥匙扣" in findings[0].message_zh


def test_bad_opposites_option_is_a_config_error(lint_snippet):
    from cskit.errors import ConfigError

    text = library(entry("a", "甲"), entry("b", "乙"))
    bad = CONFIG.replace(
        "  fail_on: error\n", "  fail_on: error\n  rules: {D004: {opposites: [[买家]]}}\n"
    )
    with pytest.raises(ConfigError, match="opposites"):
        lint_snippet(text, "D", config=bad)
