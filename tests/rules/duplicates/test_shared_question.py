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
