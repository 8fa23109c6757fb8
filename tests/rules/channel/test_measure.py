"""SMS segment arithmetic and the worst-case rendering the M rules share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from cskit.config.model import Channel
from cskit.library.load import load_library
from cskit.rules.base import Context
from cskit.rules.channel.measure import estimate, rendered_worst_case, segments, upper_bound
from tests.conftest import entry_file

SMS = Channel(name="sms", signature="【示例旗舰店】", max_segments=2)


@pytest.mark.parametrize(
    ("length", "count"),
    [(1, 1), (70, 1), (71, 2), (134, 2), (135, 3), (160, 3), (201, 3), (202, 4)],
)
def test_segments_70_then_67(length: int, count: int) -> None:
    assert segments(length, SMS) == count


def _entry(make_library: Callable[..., Path], extra: str = "") -> object:
    text = entry_file(
        "id: e-1\ntitle: t\ncategory: general\nstage: greet\nowner: 客服一组\n"
        "reviewed: 2026-11-01\nanswer: 您好\n" + extra
    )
    lib = load_library(make_library({"a.yaml": text}), use_cache=False)
    return Context(library=lib, as_of=dt.date(2026, 11, 22)), lib.entries[0]


def test_worst_case_is_the_longest_sample(make_library: Callable[..., Path]) -> None:
    lib, entry = _entry(make_library)
    m = rendered_worst_case(entry, lib, "{{ shipment.carrier }}{{ order.id }}")  # type: ignore[attr-defined]
    # shipped: 中通快递 + 19 digits; unshipped has no carrier (renders empty)
    assert (m.length, m.sample) == (4 + 19, "shipped")


def test_entry_samples_limit_the_contexts(make_library: Callable[..., Path]) -> None:
    lib, entry = _entry(make_library, "samples: [unshipped, {order: {id: '1'}}]\n")
    m = rendered_worst_case(entry, lib, "单号{{ order.id }}")  # type: ignore[attr-defined]
    assert (m.length, m.sample) == (2 + 19, "unshipped")


def test_filters_render_like_the_shop_would(make_library: Callable[..., Path]) -> None:
    lib, entry = _entry(make_library)
    m = rendered_worst_case(entry, lib, "实付{{ order.amount | yuan }}")  # type: ignore[attr-defined]
    assert m.text in ("实付¥128.50", "实付¥59.00") and m.length == len("实付¥128.50")


def test_estimate_and_upper_bound(make_library: Callable[..., Path]) -> None:
    lib, entry = _entry(make_library)
    config = lib.config  # type: ignore[attr-defined]
    ctx = lib
    # no sample and no registry example: a guess of 10; statements vanish
    assert estimate("{{ order.id | x }}{% if a %}好{% endif %}", config, []) == "x" * 10 + "好"
    contexts = [s for s in config.samples.values()]
    assert estimate("单号{{ order.id }}", config, contexts) == "单号3412345678901234567"
    assert estimate("{{ nobody.knows }}", config, contexts) == "x" * 10
    text = "您的订单{{ order.id }}已发货"
    assert upper_bound(text, config, entry) >= rendered_worst_case(entry, ctx, text).length  # type: ignore[arg-type]
