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


# -- meaning units, subjects and windows (pairs written for each pattern) ---------------------

FACTS = CONFIG  # refund_hours: 24


def _codes(lint_snippet, text: str, config: str = CONFIG) -> list[tuple[str, str]]:
    return [(f.code, f.entry_id) for f in lint_snippet(text, "D", config=config)]


def test_who_pays_the_return_shipping_in_other_words(lint_snippet):
    a = "质量问题的退货，寄回的运费需要您自行承担，我们收到后三天内处理"
    b = "质量问题的退货，寄回的运费由我们承担，我们收到后三天内处理"
    findings = lint_snippet(library(entry("fee-a", a), entry("fee-b", b)), "D")
    assert [f.code for f in findings] == ["D004"]
    assert "自行承担 → 由我们承担" in findings[0].message_zh


def test_full_against_partial_refund(lint_snippet):
    a = "商品少件的话，核实后会为您全额退款，退款原路返回"
    b = "商品少件的话，核实后会为您部分退款，退款原路返回"
    assert _codes(lint_snippet, library(entry("refund-a", a), entry("refund-b", b))) == [
        ("D004", "refund-b")
    ]


def test_times_of_day_and_ranges_are_values(lint_snippet):
    a = "当天16:00前付款的订单当天发出，之后付款的次日发出，退款1-3个工作日到账"
    b = "当天17:00前付款的订单当天发出，之后付款的次日发出，退款1-3个工作日到账"
    c = "当天16:00前付款的订单当天发出，之后付款的次日发出，退款1-7个工作日到账"
    findings = lint_snippet(library(entry("cut-a", a), entry("cut-b", b), entry("cut-c", c)), "D")
    reasons = " ".join(f.message_zh for f in findings)
    assert {f.code for f in findings} == {"D004"}
    assert "16:00 → 17:00" in reasons and "1-3个工作日 → 1-7个工作日" in reasons


def test_negation_is_read_by_word(lint_snippet):
    base = "快递员送货时如果包装破损，您可以直接拒收，我们会重新给您补发"
    assert _codes(
        lint_snippet,
        library(entry("n-a", base), entry("n-b", "非常抱歉给您添麻烦了。" + base)),
    ) == [("D002", "n-b")]
    assert _codes(
        lint_snippet,
        library(entry("n-a", base), entry("n-c", base.replace("直接拒收", "直接不签收"))),
    ) == [("D002", "n-c")]
    assert _codes(
        lint_snippet,
        library(entry("n-a", base), entry("n-d", base.replace("可以直接拒收", "不可以直接拒收"))),
    ) == [("D004", "n-d")]


def test_a_sentence_only_one_reply_adds_does_not_contradict(lint_snippet):
    a = "自提点取件后保修卡请妥善保管，维修时需要出示，不可以给快递员代收"
    b = "自提点取件后保修卡请妥善保管，维修时需要出示，已经帮您登记了"
    assert [c for c, _ in _codes(lint_snippet, library(entry("p-a", a), entry("p-b", b)))] != [
        "D004"
    ]


def test_two_products_with_their_own_specs_do_not_conflict(lint_snippet):
    small = "这款杯子容量350ml，保温6小时，内胆是304不锈钢，可以放心装热水"
    large = "这款杯子容量500ml，保温12小时，内胆是304不锈钢，可以放心装热水"
    text = library(
        entry(
            "cup-s", small, ["暖暖杯小号能装多少水", "暖暖杯小号保温多久"], title="暖暖杯小号参数"
        ),
        entry(
            "cup-l", large, ["暖暖杯大号能装多少水", "暖暖杯大号保温多久"], title="暖暖杯大号参数"
        ),
    )
    assert _codes(lint_snippet, text) == []
    same_cup = library(
        entry("cup-s", small, ["暖暖杯能装多少水"], title="暖暖杯参数"),
        entry("cup-s2", large, ["暖暖杯保温多久"], title="暖暖杯规格"),
    )
    assert _codes(lint_snippet, same_cup) == [("D004", "cup-s2")]


def test_return_and_exchange_procedures_are_two_subjects(lint_snippet):
    steps = "在订单页点击申请{}，填写原因后把商品寄回，仓库收到后一到两天内处理"
    text = library(
        entry("ret", steps.format("退货"), ["怎么退货", "退货流程是什么"], title="退货流程"),
        entry("exch", steps.format("换货"), ["怎么换货", "换货流程是什么"], title="换货流程"),
    )
    assert _codes(lint_snippet, text) == []
    one_question = library(
        entry("ret", steps.format("退货"), ["收到坏的怎么办"], title="破损处理"),
        entry("exch", steps.format("换货"), ["收到坏的怎么办"], title="破损处理"),
    )
    assert ("D004", "exch") in _codes(lint_snippet, one_question)


def test_campaigns_in_disjoint_windows_never_conflict(lint_snippet):
    june = "活动期间全场满199减30，优惠券领取后当天有效"
    nov = "活动期间全场满299减50，优惠券领取后当天有效"
    text = library(
        entry("sale-618", june, extra="valid_from: 2026-06-01\nvalid_until: 2026-06-18"),
        entry("sale-1111", nov, extra="valid_from: 2026-11-01\nvalid_until: 2026-11-11"),
    )
    assert _codes(lint_snippet, text) == []
    overlapping = library(
        entry("sale-618", june, extra="valid_from: 2026-06-01\nvalid_until: 2026-06-18"),
        entry("sale-mid", nov, extra="valid_from: 2026-06-10\nvalid_until: 2026-06-30"),
    )
    assert _codes(lint_snippet, overlapping) == [("D004", "sale-mid")]


def test_a_fact_reference_compares_by_the_fact_value(lint_snippet):
    written = "退款审核通过后24小时内原路退回，请留意支付账户"
    fixed = "退款审核通过后{{ facts.refund_hours }}小时内原路退回，请留意支付账户"
    findings = lint_snippet(library(entry("r-a", written), entry("r-b", fixed)), "D", config=FACTS)
    assert [f.code for f in findings] == ["D002"]
    assert "（无）" not in findings[0].message_zh and "facts.refund_hours" in findings[0].message_zh
    wrong = written.replace("24", "48")
    findings = lint_snippet(library(entry("r-a", wrong), entry("r-b", fixed)), "D", config=FACTS)
    assert [f.code for f in findings] == ["D004"] and "48小时 → 24小时" in findings[0].message_zh


def test_the_same_template_with_another_value_in_different_replies(lint_snippet):
    rule = "审核规则：18:00前提交的申请当天22:00前审核完毕，18:00后提交的次日12:00前审核完毕"
    a = "好的，已经帮您提交申请了\n" + rule
    b = (
        rule.replace("22:00", "24:00").replace("次日12:00", "次日24:00")
        + "\n审核通过后会短信通知您"
    )
    findings = lint_snippet(library(entry("audit-a", a, []), entry("audit-b", b, [])), "D")
    assert [f.code for f in findings] == ["D004"]
    assert "两条都改成同一说法" in findings[0].message_zh
