from __future__ import annotations

from tests.rules.duplicates.helpers import entry, library, line_of

REFUND = "退款会原路退回，一般1到3个工作日到账，请留意支付账户。"
ADDRESS = "订单发货前可以在订单详情页自行修改收货地址。"


def test_same_question_after_particles_is_reported_at_the_question(lint_snippet):
    text = library(
        entry("refund-time", REFUND, ["退款多久到账"]),
        entry("address", ADDRESS, ["怎么改地址", "亲，请问退款多久到账呢？"]),
    )
    findings = lint_snippet(text, "D003")
    assert [(f.entry_id, f.line, f.key) for f in findings] == [
        ("address", line_of(text, "请问退款多久到账"), "entries[1].questions[1]")
    ]
    assert "退款多久到账" in findings[0].message_zh and "refund-time" in findings[0].message_zh
    assert [r.entry_id for r in findings[0].related] == ["refund-time"]


def test_one_character_typo_is_the_same_question(lint_snippet):
    text = library(
        entry("refund-time", REFUND, ["退款一般多久能到账"]),
        entry("address", ADDRESS, ["退款一般多久才能到账"]),
    )
    assert [f.entry_id for f in lint_snippet(text, "D003")] == ["address"]


def test_disjoint_conditions_may_share_a_question(lint_snippet):
    text = library(
        entry(
            "cancel-paid",
            "未发货的订单可以直接申请取消，款项原路退回。",
            ["能取消订单吗"],
            extra="conditions: {order_status: paid}",
        ),
        entry(
            "cancel-shipped",
            "已发货的订单需要拒收后办理退款。",
            ["能取消订单吗"],
            extra="conditions: {order_status: [shipped, signed]}",
        ),
    )
    assert lint_snippet(text, "D") == []


def test_overlapping_conditions_still_count(lint_snippet):
    text = library(
        entry(
            "cancel-paid",
            "未发货的订单可以直接申请取消，款项原路退回。",
            ["能取消订单吗"],
            extra="conditions: {order_status: [paid, shipped]}",
        ),
        entry(
            "cancel-shipped",
            "已发货的订单需要拒收后办理退款。",
            ["能取消订单吗"],
            extra="conditions: {order_status: shipped}",
        ),
    )
    assert [f.code for f in lint_snippet(text, "D")] == ["D003"]


def test_archived_entries_and_different_questions_pass(lint_snippet):
    text = library(
        entry("refund-time", REFUND, ["退款多久到账"]),
        entry("refund-old", REFUND + "（旧）", ["退款多久到账"], extra="status: archived"),
        entry("address", ADDRESS, ["退货地址是哪里"]),
    )
    assert lint_snippet(text, "D") == []


def test_a_filler_word_in_a_short_question_is_the_same_question(lint_snippet):
    text = library(
        entry("ship-days", REFUND, ["几天发货"]),
        entry("ship-when", ADDRESS, ["几天能发货呀"]),
        entry("arrive", "一般两到三天送达，偏远地区会慢一些", ["什么时候到"]),
        entry("arrive-2", "发货后两到三天送达，节假日顺延", ["嗯嗯，什么时候可以到呢"]),
    )
    assert sorted(f.entry_id for f in lint_snippet(text, "D003")) == ["arrive-2", "ship-when"]


def test_a_word_that_changes_the_question_is_no_filler(lint_snippet):
    text = library(
        entry("invoice", REFUND, ["开电子发票"]),
        entry("invoice-ok", ADDRESS, ["开电子发票行吗"]),
        entry("size-l", "L码适合身高170左右", ["L码多高穿"]),
        entry("size-xl", "XL码适合身高180左右", ["XL码多高穿"]),
        entry("ship", "今天下午发出", ["今天发货"]),
        entry("no-ship", "今天不发货，明天上午发出", ["今天不发货"]),
    )
    assert lint_snippet(text, "D003") == []


def test_related_entries_are_those_with_the_same_relation(lint_snippet):
    text = library(
        entry("eta-a", "这边核实后2小时内短信告诉您结果", ["帮我查下配送员"]),
        entry("eta-b", "好的，预计2小时内会有结果，到时电话联系您", ["帮我查下配送员"]),
        entry("eta-c", "好的，稍后核实，24小时内短信告知结果", ["帮我查下配送员"]),
    )
    found = {
        f.entry_id: (f.code, sorted(r.entry_id for r in f.related)) for f in lint_snippet(text, "D")
    }
    assert found["eta-b"] == ("D003", ["eta-a"])
    assert found["eta-c"] == ("D004", ["eta-a", "eta-b"])


def test_replies_to_thanks_never_contradict_on_values(lint_snippet):
    text = library(
        entry("bye-a", "不客气，订单会在24小时内发出，请留意物流", ["好的，谢谢你了"]),
        entry("bye-b", "不用谢，有问题48小时内都可以找我们", ["那谢谢你了"]),
    )
    assert [f.code for f in lint_snippet(text, "D")] == ["D003"]
