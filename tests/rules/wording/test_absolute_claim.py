from __future__ import annotations

from collections.abc import Callable

import pytest

from cskit.commands.rule_cmd import explain
from cskit.rules.wording.absolute_claim import AbsoluteClaim
from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_superlative_is_an_error_at_its_column(lint_snippet: Lint) -> None:
    text = "这款是全网最好的保温杯"
    [f] = lint_snippet(one(text), "W003")
    assert (f.code, f.severity, f.line, f.column) == ("W003", "error", LINE, col(text, "全网"))
    assert "「全网最好」" in f.message_zh and "广告法第九条" in f.message_zh


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("這款是全網最好的", "全網最好"),
        ("行业ＮＯ．１的品质", "ＮＯ．１"),
        ("顶级工艺", "顶级"),
        ("百分百正品", "百分百"),
        ("史上最低价", "史上最低价"),
    ],
)
def test_variants_are_caught_and_named_as_written(lint_snippet: Lint, text: str, word: str) -> None:
    findings = lint_snippet(one(text), "W003")
    assert any(word in f.message_zh for f in findings), [f.message_zh for f in findings]


@pytest.mark.parametrize(
    "text",
    [
        "第一次购买可以领新人券",
        "我们会第一时间为您处理",
        "最近发货比较快",
        "最后一步是提交申请",
        "您最好在签收时当面验货",
        "这款茶的最佳冲泡温度是85度",
        "面料是100%纯棉",
        "我们是天猫旗舰店",
        "绝对不会泄露您的信息",
    ],
)
def test_exempt_uses_pass(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W003") == []


def test_rule_doc_cites_the_law_with_bad_and_good() -> None:
    text = explain(AbsoluteClaim)
    assert "广告法》第九条" in text and "第五十七条" in text
    assert "广告绝对化用语执法指南" in text and "2023" in text
    assert "Bad:" in text and "全网最好" in text and "Good:" in text


def test_severity_override_in_config_wins(lint_snippet: Lint) -> None:
    from tests.conftest import CONFIG

    config = CONFIG.replace(
        "  fail_on: error\n", "  fail_on: error\n  rules: {W003: {severity: warning}}\n"
    )
    [f] = lint_snippet(one("顶级工艺"), "W003", config=config)
    assert f.severity == "warning"


@pytest.mark.parametrize(
    "text",
    [
        "这个价格已经最低了哦",
        "这款是我们店最热卖的",
        "去年的销量冠军",
        "送长辈的首选",
        "市面上唯一一款双芯的",
    ],
)
def test_more_absolute_claims(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W003"), text


@pytest.mark.parametrize(
    "text",
    [
        "最好上传一下破损的照片",
        "我们会做到最好的服务",
        "有消息第一时间通知您",
        "面料百分百纯棉的",
        "这是唯一的办法了",
        "最低起订量是两件",
        "百分之百明天有物流",
    ],
)
def test_everyday_uses_pass(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W003") == [], text
