from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("亲，加我ＶＸ发你优惠券", "加我ＶＸ"),
        ("有问题加weixin", "weixin"),
        ("售后加 V 信处理", "加 V 信"),
        ("加我薇信", "加我薇信"),
        ("加我扣扣吧", "扣扣"),
        ("我们私下交易便宜点", "私下交易"),
        ("直接支付宝转账给我", "支付宝转账"),
        ("加我QQ 123456", "QQ"),
    ],
)
def test_diversions_are_caught(lint_snippet: Lint, text: str, word: str) -> None:
    [f] = lint_snippet(one(text), "W004")
    assert f.severity == "error" and (f.line, f.column) == (LINE, col(text, word))
    assert f"「{word}」" in f.message_zh


@pytest.mark.parametrize(
    "text",
    [
        "本店不支持微信支付，可以用支付宝或花呗",
        "芝麻信用分够就能先用后付",
        "这款是V领的款式",
        "这款QQ糖是草莓味的",
        "退款会通过平台原路退回",
        "VIP会员享95折",
    ],
)
def test_lookalikes_pass(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W004") == []


def test_channel_texts_are_scanned(lint_snippet: Lint) -> None:
    [f] = lint_snippet(one("您好", extra="channels:\n  sms: 加我vx领券\n"), "W004")
    assert f.key.endswith("channels.sms") and f.line == LINE + 2


@pytest.mark.parametrize(
    "text",
    [
        "加微领取售后福利",
        "售后问题加微-信处理更快",
        "有需要可以V.X联系我",
        "关注我们的公众号，每周有秒杀",
        "扫码进群领优惠券",
        "群号发您了，进群有专属价",
        "我们钉钉上有专门的售后",
        "抖音搜我们店名，直播间更便宜",
        "去拼多多拍便宜十块",
        "收到货截图发微信客服领红包",
    ],
)
def test_diversions_in_every_disguise(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W004"), text


@pytest.mark.parametrize(
    "text",
    [
        "退款会原路退回您的微信零钱",
        "您是用微信付的款吗",
        "货到付款时可以用微信扫码付给快递员",
        "请不要添加陌生人的微信，谨防诈骗",
        "客服不会让您加QQ转账，谨防上当",
        "在微信小程序里也能查看订单",
    ],
)
def test_payment_refunds_and_warnings_pass(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W004") == [], text
