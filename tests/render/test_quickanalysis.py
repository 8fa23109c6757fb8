"""The regex analysis of simple templates must equal Jinja's, or step aside."""

from __future__ import annotations

from pathlib import Path

import pytest

from cskit.library.load import load_library
from cskit.render.analysis import analyse
from cskit.render.quickanalysis import quick_analyse
from tests.dupes.test_nearpairs import _genlib

ROOT = Path(__file__).resolve().parents[2]

HANDLED = [
    "亲，订单 {{ order.id }} 已发货",
    "{{order.id}}",
    "{{- shop.name -}}欢迎",
    "实付 {{ order.amount | yuan }}，券 {{ coupon.amount|yuan }}",
    "{{ customer.nick | default('亲') }}您好",
    "{{ customer.nick | mask_name | default('亲') }}",
    '{{ customer.phone | default("") | mask_phone }}',
    "{{ shipment.eta | date('%m月%d日') }}",
    "{{ order.note | truncate(10, '…') }}",
    "{{ x | d }}{{ x }}",
    "第一行\n{{ order.id }}\n\n第四行 {{ shop.name | upper }}",
    "{% if coupon.amount %}可用券 {{ coupon.amount | yuan }}{% endif %}，{{ coupon.amount }}",
    "{% if order.status == 'paid' %}已付款 {{ order.status }}{% endif %}",
    "{%- if shipment %}单号 {{ shipment.tracking_no }}{% endif -%}",
    "{% if a.b %}{{ a.b.c }}{{ a.bc }}{% endif %}\n{% if x == 3 %}{{ x }}{% endif %}",
    "{{ else }}",
    "{{ loop }}",
    "价格{99}元，大括号 } 和 }} 都是文字",
    "纯文本",
    "",
]

FALLBACK = [
    "{% if a %}{% if b %}{{ b }}{% endif %}{% endif %}",
    "{% if a %}x{% else %}{{ a }}{% endif %}",
    "{% if a %}不闭合",
    "{% endif %}",
    "{{ reply('greet') }}",
    "{{ a . b }}",
    "{{ true }}",
    "{{ none | default('x') }}",
    "{{ a | default(b) }}",
    "{{ a.0 }}",
    "{{ a['b'] }}",
    "{{ order.id\n}}",
    "{# 注释 #}{{ a }}",
    "{{ a }}{{",
    "{{ }}",
    "{{ a | truncate(length=3) }}",
    "{% for g in gifts %}{{ g }}{% endfor %}",
    "{% if not a %}{{ a }}{% endif %}",
    "{% if a is defined %}{{ a }}{% endif %}",
    "{{ 'a\\'b' }}",
    "a\r{{ b }}",
    "{{ a - 1 }}",
]


@pytest.mark.parametrize("text", HANDLED)
def test_simple_shapes_are_read_exactly_like_jinja(text: str) -> None:
    quick = quick_analyse(text)
    assert quick is not None, f"{text!r} should take the quick path"
    assert quick == analyse(text)


@pytest.mark.parametrize("text", FALLBACK)
def test_other_shapes_go_to_jinja(text: str) -> None:
    assert quick_analyse(text) is None


def _texts(folder: Path) -> list[str]:
    lib = load_library(folder, use_cache=False)
    return [text for entry in lib.entries for _key, text in entry.texts()]


def _compare(texts: list[str]) -> int:
    handled = 0
    for text in texts:
        quick = quick_analyse(text)
        if quick is not None:
            handled += 1
            assert quick == analyse(text), text
    return handled


def test_the_sample_library_agrees_with_jinja() -> None:
    texts = _texts(ROOT / "library")
    templated = [t for t in texts if "{{" in t or "{%" in t]
    handled = _compare(texts)
    assert handled > len(texts) - len(templated)  # some templates took the quick path


def test_a_generated_library_agrees_with_jinja(tmp_path: Path) -> None:
    _genlib().generate(tmp_path, 1500, files=6, seed=11)
    texts = _texts(tmp_path)
    handled = _compare(texts)
    assert handled >= 0.9 * len(texts)
