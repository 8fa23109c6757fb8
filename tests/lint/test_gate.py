"""The gate that keeps leaking or misleading entries from customers (render, publish)."""

from __future__ import annotations

from cskit.library.load import load_library
from cskit.lint.gate import blocking_findings
from tests.conftest import AS_OF, CONFIG, entry_file

COMMON = "category: general\nstage: resolve\nowner: 客服一组\nreviewed: 2026-11-01\n"
FILES = {
    "scripts/a.yaml": entry_file(
        "id: clean\ntitle: 正常\nanswer: 您好，订单已为您加急处理。\n" + COMMON,
        "id: phone\ntitle: 电话\nanswer: 有问题请拨打13812345678联系我们。\n" + COMMON,
        "id: wechat\ntitle: 微信\nanswer: 售后问题加微信详聊哦。\n" + COMMON,
        "id: pronoun\ntitle: 你您\nanswer: 你好，您的订单已发出。\n" + COMMON,
    )
}


def test_error_findings_of_the_leaking_families_block(make_library):
    blocked = blocking_findings(load_library(make_library(FILES), use_cache=False), as_of=AS_OF)
    assert sorted(blocked) == ["phone", "wechat"]  # W007 (你/您) is a warning: not blocking
    assert [f.code for f in blocked["phone"]] == ["P001"]
    assert [f.code for f in blocked["wechat"]] == ["W004"]


def test_the_teams_lint_settings_still_apply(make_library):
    config = CONFIG.replace("  fail_on: error", "  fail_on: error\n  ignore: [W004]")
    lib = load_library(make_library(FILES, config=config), use_cache=False)
    assert sorted(blocking_findings(lib, as_of=AS_OF)) == ["phone"]


def test_only_the_entries_asked_about(make_library):
    lib = load_library(make_library(FILES), use_cache=False)
    assert sorted(blocking_findings(lib, as_of=AS_OF, entry_ids=["wechat", "clean"])) == ["wechat"]
