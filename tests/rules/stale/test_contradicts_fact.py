from __future__ import annotations

import pytest

from tests.conftest import CONFIG
from tests.rules.stale.helpers import one, where


@pytest.mark.parametrize(
    ("answer", "snippet"),
    [
        ("本店支持15天无理由退货", "15天无理由"),
        ("本店支持十五天无理由退货", "十五天无理由"),
        ("本店支持两天无理由退货", "两天无理由"),
        ("本店支持１５天无理由退货", "１５天无理由"),
        ("退款48小时内到账", "48小时内到账"),
        ("退款十二小时到账", "十二小时到账"),
    ],
)
def test_contradiction_is_an_error_naming_both(lint_snippet, answer, snippet):
    text = one(answer=answer)
    (f,) = lint_snippet(text, "S004")
    assert f.severity == "error"
    assert (f.line, f.column) == where(text, snippet)
    assert snippet in f.message_zh and "{{ facts." in f.message_zh
    value = "7" if "天" in snippet else "24"
    assert f"= {value}" in f.message_zh


@pytest.mark.parametrize(
    "answer",
    ["本店支持7天无理由退货", "本店支持七天无理由退货", "本店支持７天无理由", "退款二十四小时到账"],
)
def test_agreeing_value_is_only_an_info_suggestion(lint_snippet, answer):
    (f,) = lint_snippet(one(answer=answer), "S004")
    assert f.severity == "info"
    assert "建议" in f.message_zh


def test_suggestion_carries_a_safe_fix(lint_snippet):
    (f,) = lint_snippet(one(answer="本店支持7天无理由退货"), "S004")
    (fix,) = f.fixes
    assert (fix.old, fix.new) == ("7天无理由", "{{ facts.return_days }}天无理由")


def test_suggestions_can_be_turned_off(lint_snippet):
    config = CONFIG + "  rules: {S004: {suggest: false}}\n"
    assert lint_snippet(one(answer="支持7天无理由"), "S004", config=config) == []
    assert len(lint_snippet(one(answer="支持15天无理由"), "S004", config=config)) == 1


@pytest.mark.parametrize(
    "answer",
    [
        "本店支持{{ facts.return_days }}天无理由退货",
        "签收后第15天可以申请",
        "15天内可以换货",
        "退款一般1-3个工作日",
    ],
)
def test_fine_texts(lint_snippet, answer):
    assert lint_snippet(one(answer=answer), "S004") == []


def test_position_inside_a_block_scalar(lint_snippet):
    text = one(answer="亲，您好：\n本店支持15天无理由退货哦")
    (f,) = lint_snippet(text, "S004")
    assert (f.line, f.column) == where(text, "15天无理由")


def test_every_contradiction_reported(lint_snippet):
    findings = lint_snippet(one(answer="支持15天无理由，也就是十五天无理由"), "S004")
    assert [f.evidence for f in findings] == ["15天无理由", "十五天无理由"]
