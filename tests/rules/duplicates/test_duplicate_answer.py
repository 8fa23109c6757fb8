from __future__ import annotations

from tests.rules.duplicates.helpers import entry, library, line_of

RETURNS = "亲，您好！本店支持7天无理由退货，退回运费由买家承担哦~"


def test_reported_once_on_the_later_entry_with_the_first_as_related(lint_snippet):
    text = library(
        entry("return-a", RETURNS),
        entry("return-b", "亲 您好 本店支持７天无理由退货 退回运费由买家承担哦😊"),
        entry("return-c", "亲，您好！本店支持7天无理由退货，退回运费由买家承担哦！！"),
    )
    findings = lint_snippet(text, "D001")
    assert [(f.entry_id, f.line) for f in findings] == [
        ("return-b", line_of(text, "answer:", 2)),
        ("return-c", line_of(text, "answer:", 3)),
    ]
    assert findings[0].column == 5
    assert {r.entry_id for r in findings[0].related} == {"return-a", "return-c"}
    assert "return-a" in findings[0].message_zh and "合并到 return-a" in findings[0].message_zh
    assert "identical" in findings[0].message_en


def test_placeholder_spacing_and_traditional_characters_do_not_hide_a_duplicate(lint_snippet):
    text = library(
        entry("ship-a", "您的订单{{ order.id }}已发货，请留意物流信息。"),
        entry("ship-b", "您的訂單{{order.id}}已發貨，請留意物流信息"),
    )
    assert [f.entry_id for f in lint_snippet(text, "D001")] == ["ship-b"]


def test_archived_and_draft_entries_are_not_compared(lint_snippet):
    text = library(
        entry("return-a", RETURNS),
        entry("return-old", RETURNS, extra="status: archived\nreplaced_by: return-a"),
        entry("return-new", RETURNS, extra="status: draft"),
    )
    assert lint_snippet(text, "D001") == []


def test_different_answers_pass(lint_snippet):
    text = library(
        entry("return-a", RETURNS),
        entry("ship-a", "现货商品付款后48小时内发货，节假日顺延。"),
    )
    assert lint_snippet(text, "D") == []
