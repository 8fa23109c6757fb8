"""The published text: rendered with the shop context, order data only through a platform
placeholder, and the quick path for ``{{ name }}`` texts printing exactly what Jinja prints."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cskit.errors import ConfigError
from cskit.library.load import load_library
from cskit.publish.profiles import load_profile
from cskit.publish.texts import Texts
from tests.conftest import CONFIG, ROOT, entry_file

CONTEXT = "publish:\n  context:\n    shop: {name: 小店}\n    agent: {name: 小安}\n"


def texts_for(root: Path, profile: str = "qianniu-csv") -> tuple[Texts, dict]:
    lib = load_library(root, use_cache=False)
    texts = Texts(lib, load_profile(lib.config, profile))
    return texts, {e.id: e for e in lib.entries}


def test_bare_names_print_as_jinja_prints_them(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from genlib import generate

    generated = tmp_path / "gen"
    generate(generated, 300, files=3, seed=2)
    with (generated / "cskit.yaml").open("a", encoding="utf-8") as fh:
        fh.write(CONTEXT)
    compared = 0
    for root in (ROOT / "library", generated):
        texts, entries = texts_for(root)
        for entry in entries.values():
            quick = texts._bare(entry.answer, texts.context)
            if quick is None or "{{" not in entry.answer:
                continue
            assert quick == texts.renderer.render(entry.answer, texts.context), entry.id
            compared += 1
    assert compared >= 20


def test_reply_includes_count_as_the_entrys_own_text(make_library) -> None:
    files = {
        "a.yaml": entry_file(
            "id: outer\ntitle: a\nanswer: \"您好。{{ reply('inner') }}\"\n",
            "id: inner\ntitle: b\nanswer: 订单号{{ order.id }}。\n",
            "id: plain-outer\ntitle: c\nanswer: \"{{ reply('plain') }}再见。\"\n",
            "id: plain\ntitle: d\nanswer: 欢迎光临{{ shop.name }}。\n",
            defaults="kind: faq\ncategory: general\nowner: 客服一组\nreviewed: 2026-11-01\n",
        )
    }
    texts, entries = texts_for(make_library(files, CONFIG + CONTEXT))
    text, problem = texts.text(entries["outer"])
    assert problem is not None and problem.kind == "needs-variable" and "order.id" in problem.zh
    text, problem = texts.text(entries["plain-outer"])
    assert problem is None and text == "欢迎光临小店。再见。"


def test_a_context_value_of_the_wrong_type_is_a_located_config_error(make_library) -> None:
    config = CONFIG + "publish:\n  context:\n    order: {amount: 很多}\n"
    root = make_library({}, config)
    with pytest.raises(ConfigError) as caught:
        texts_for(root)
    assert caught.value.where == f"{root / 'cskit.yaml'}:{CONFIG.count(chr(10)) + 3}"
    assert "order.amount" in caught.value.text("en")


def test_facts_and_channel_override(make_library) -> None:
    files = {
        "a.yaml": entry_file(
            "id: days\ntitle: a\nanswer: 签收后{{ facts.return_days }}天内可退。\n"
            "channels:\n  chat: 聊天版：{{ facts.return_days }}天无理由。\n",
            defaults="kind: faq\ncategory: general\nowner: 客服一组\nreviewed: 2026-11-01\n",
        )
    }
    texts, entries = texts_for(make_library(files, CONFIG + CONTEXT))
    assert texts.text(entries["days"]) == ("聊天版：7天无理由。", None)


def test_a_placeholder_wins_over_the_context(make_library) -> None:
    config = (
        CONFIG
        + CONTEXT
        + ("platforms:\n  jd:\n    base: phrases\n    placeholders: {agent.name: '#客服#'}\n")
    )
    files = {
        "a.yaml": entry_file(
            "id: hello\ntitle: a\nanswer: 我是{{ agent.name }}，欢迎光临{{ shop.name }}。\n",
            defaults="kind: faq\ncategory: general\nowner: 客服一组\nreviewed: 2026-11-01\n",
        )
    }
    root = make_library(files, config)
    texts, entries = texts_for(root, "jd")
    assert texts.text(entries["hello"]) == ("我是#客服#，欢迎光临小店。", None)
    texts, entries = texts_for(root, "phrases")
    assert texts.text(entries["hello"]) == ("我是小安，欢迎光临小店。", None)
