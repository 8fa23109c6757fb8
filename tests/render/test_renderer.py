from __future__ import annotations

import pytest

from cskit.library.load import load_library
from cskit.render.renderer import Renderer, RenderFailure, apply_conditions, sms
from tests.conftest import entry_file

BASE = """\
title: 测试
category: general
stage: greet
owner: 客服一组
reviewed: 2026-11-01
"""


def lib_with(make_library, *entries: str, templates: dict[str, str] | None = None):
    files = {"scripts/a.yaml": entry_file(*entries)}
    for name, text in (templates or {}).items():
        files[f"templates/{name}"] = text
    return load_library(make_library(files), use_cache=False)


def test_reply_includes_another_entry_with_the_same_context(make_library):
    lib = lib_with(
        make_library,
        "id: hello\n" + BASE + "answer: 您好，我是{{ agent.name }}。\n",
        templates={"follow.j2": "{{ reply('hello') }}\n订单{{ order.id }}已退款。\n"},
    )
    r = Renderer(lib.config, lib)
    source = (lib.config.templates_dir / "follow.j2").read_text()
    text = r.render(source, r.values({"agent": {"name": "小安"}, "order": {"id": "9"}}))
    assert text == "您好，我是小安。\n订单9已退款。"


def test_reply_cycle_and_archived_targets_fail_clearly(make_library):
    lib = lib_with(
        make_library,
        "id: aa\n" + BASE + "answer: \"{{ reply('bb') }}\"\n",
        "id: bb\n" + BASE + "answer: \"{{ reply('aa') }}\"\n",
        "id: old\n" + BASE + "status: archived\nanswer: 旧话术\n",
    )
    r = Renderer(lib.config, lib)
    with pytest.raises(RenderFailure) as info:
        r.render_entry(lib.get("aa"), {})
    assert "aa → bb → aa" in info.value.zh
    with pytest.raises(RenderFailure) as info:
        r.render("{{ reply('old') }}", {})
    assert info.value.kind == "reply" and "不是 active" in info.value.zh


def test_missing_variable_inside_reply_names_the_entry(make_library):
    lib = lib_with(make_library, "id: hello\n" + BASE + "answer: 您好{{ agent.name }}\n")
    r = Renderer(lib.config, lib)
    with pytest.raises(RenderFailure) as info:
        r.render("第一行\n{{ reply('hello') }}", {})
    assert "reply('hello')" in info.value.zh and "agent.name" in info.value.zh
    assert info.value.line == 2


def test_channel_override_is_rendered(make_library):
    lib = lib_with(
        make_library,
        "id: hello\n" + BASE + "answer: 长文案\nchannels:\n  sms: 短信{{ order.id }}\n",
    )
    r = Renderer(lib.config, lib)
    assert r.render_entry(lib.get("hello"), r.values({"order.id": "1"}), "sms") == "短信1"


def test_conditions_match_by_underscored_or_dotted_name(make_library):
    lib = lib_with(
        make_library,
        "id: hello\n" + BASE + "answer: x\nconditions: {order_status: [shipped, signed]}\n",
    )
    entry, r = lib.get("hello"), Renderer(lib.config, lib)
    assert apply_conditions(entry, r.sample("shipped"), lib.config)
    assert not apply_conditions(entry, r.sample("unshipped"), lib.config)
    assert apply_conditions(entry, {}, lib.config)  # no status in the sample: not excluded


def test_sms_segments_count_the_signature(make_library):
    config = lib_with(make_library, "id: hello\n" + BASE + "answer: x\n").config
    signature = "【示例旗舰店】"  # 7 characters
    assert sms(config, "字" * 63).segments == 1  # 70 with the signature
    assert sms(config, "字" * 64).segments == 2  # 71 → billed per 67
    long = sms(config, "字" * 128)  # 135 → 3 × 67
    assert (long.chars, long.segments, long.text[:7]) == (135, 3, signature)
