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


# -- copies that real libraries hold (each pair written for the pattern, not taken from data) --


def _d002(lint_snippet, *entries: str) -> list[tuple[str, str]]:
    return [(f.code, f.entry_id) for f in lint_snippet(library(*entries), "D")]


def test_courtesy_words_around_an_answer_are_harmless(lint_snippet):
    plain = "这款面霜建议晚上洁面后取适量均匀涂抹，白天可以搭配防晒一起使用。"
    dressed = "亲爱的，这款面霜建议晚上洁面后取适量均匀涂抹，白天可以搭配防晒一起使用的哦~"
    assert _d002(lint_snippet, entry("cream-a", plain), entry("cream-b", dressed)) == [
        ("D002", "cream-b")
    ]


def test_emoticon_codes_and_system_notices_are_not_content(lint_snippet):
    notice = "\n系统提示：本次会话已超时结束，如需帮助请重新发起咨询"
    a = "好的，这边已经帮您登记了换货申请，仓库审核后会联系您" + notice
    b = "好的，这边已经帮您登记了换货申请，仓库审核后会联系您#E-s21#E-s12" + notice
    other = "收到，您的发票抬头已经修改好了" + notice
    found = _d002(lint_snippet, entry("swap-a", a), entry("swap-b", b), entry("invoice", other))
    assert found == [("D002", "swap-b")]  # the shared notice links nothing to "invoice"


def test_a_reply_copied_whole_into_a_longer_one_is_a_copy(lint_snippet):
    short = "好的呢，我这边马上给您处理"
    longer = "好的呢，我这边马上给您处理，处理完成后会短信通知您，请留意手机"
    assert _d002(lint_snippet, entry("quick", short), entry("full", longer)) == [("D002", "full")]


def test_a_lead_in_added_before_the_same_answer_is_a_copy(lint_snippet):
    body = "七天无理由退换的商品需要保持吊牌完整，寄回前请拍照留存，运费按页面说明收取"
    assert _d002(lint_snippet, entry("tag-a", body), entry("tag-b", "收到您的消息了，" + body)) == [
        ("D002", "tag-b")
    ]


def test_swapped_sentences_are_the_same_reply(lint_snippet):
    a = "赠品会和商品一起打包发出。赠品不单独退换，敬请谅解。下单时备注颜色即可"
    b = "下单时备注颜色即可。赠品不单独退换，敬请谅解。赠品会和商品一起打包发出"
    findings = lint_snippet(library(entry("gift-a", a), entry("gift-b", b)), "D002")
    assert [f.entry_id for f in findings] == ["gift-b"] and "顺序" in findings[0].message_zh


def test_two_wordings_of_a_service_formula_are_one_reply(lint_snippet):
    a = "在的亲，欢迎光临，请问有什么需要帮您的吗？"
    b = "你好呀，请问有什么需要帮忙的呢"
    closing_a = "请问还有其他可以帮到您的吗"
    closing_b = "您看还有什么这边可以帮您的么？"
    assert _d002(lint_snippet, entry("hi-a", a), entry("hi-b", b)) == [("D002", "hi-b")]
    assert _d002(lint_snippet, entry("bye-a", closing_a), entry("bye-b", closing_b)) == [
        ("D002", "bye-b")
    ]


def test_one_character_more_in_a_short_reply(lint_snippet):
    assert _d002(lint_snippet, entry("wait-a", "稍等"), entry("wait-b", "您稍等~")) == [
        ("D002", "wait-b")
    ]


def test_an_opening_and_a_closing_are_not_merged(lint_snippet):
    opening = "感谢您选择本店，我是客服小安，很开心遇到您"
    closing = "感谢您选择本店，我是客服小安，很开心帮到您"
    apart = _d002(
        lint_snippet,
        entry("open", opening, stage="greet"),
        entry("close", closing, stage="follow_up"),
    )
    together = _d002(lint_snippet, entry("open", opening), entry("close", closing))
    assert apart == [] and together == [("D002", "close")]


def test_a_number_only_one_copy_states_is_kept_when_merging(lint_snippet):
    a = "这边已经帮您联系仓库加急处理了，预计3小时内给您回复，请耐心等待"
    b = "这边已经帮您联系仓库加急处理了，稍后给您回复，请耐心等待"
    findings = lint_snippet(library(entry("rush-a", a), entry("rush-b", b)), "D")
    assert [f.code for f in findings] == ["D002"]
    assert "3小时" in findings[0].message_zh and "保留" in findings[0].message_zh


def test_a_stray_digit_is_no_conflict(lint_snippet):
    a = "双十一活动满300减40，可以和店铺券一起用，请问您还有什么需要的么6"
    b = "双十一活动满300减40，可以和店铺券一起用，请问您还有什么需要的呢"
    assert [f.code for f in lint_snippet(library(entry("sale-a", a), entry("sale-b", b)), "D")] == [
        "D002"
    ]
