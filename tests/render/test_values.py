from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from cskit.config.model import Config, Variable
from cskit.render.values import ValueProblem, coerce, flatten


def var(kind: str, **kw) -> Variable:
    return Variable("x.y", type=kind, label="标签", **kw)


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("str", 3412345678901234567, "3412345678901234567"),
        ("str", 1234.0, "1234"),
        ("int", "2", 2),
        ("int", 2.0, 2),
        ("number", "2.4", 2.4),
        ("money", 128.5, Decimal("128.5")),
        ("money", "¥59.90", Decimal("59.90")),
        ("bool", "是", True),
        ("bool", "false", False),
        ("date", "2026/11/24", dt.date(2026, 11, 24)),
        ("list", "陶瓷杯、清洁刷", ["陶瓷杯", "清洁刷"]),
    ],
)
def test_values_are_converted_to_the_registry_type(kind, value, expected):
    assert coerce("x.y", value, var(kind)) == expected


def test_datetime_without_offset_is_shanghai():
    moment = coerce("x.y", "2026-11-19 14:32", var("datetime"))
    assert moment.utcoffset() == dt.timedelta(hours=8)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("str", 4.128603357190265e18),  # a long order number Excel already rounded
        ("str", "4.128603357190265e18"),  # the same, as text in a csv cell
        ("str", "4.12860335719027E+18"),  # as Excel displays it
        ("int", "两件"),
        ("money", "很多"),
        ("bool", "也许"),
        ("date", "下周"),
        ("number", True),
    ],
)
def test_wrong_values_are_refused_with_the_name_and_label(kind, value):
    with pytest.raises(ValueProblem) as info:
        coerce("x.y", value, var(kind))
    assert "x.y（标签）" in info.value.message()


def test_enum_is_checked():
    with pytest.raises(ValueProblem) as info:
        coerce("x.y", "lost", var("str", enum=("paid", "shipped")))
    assert "paid, shipped" in info.value.message()


def test_flatten_accepts_nested_and_dotted_and_lists_unknown():
    config = Config(path=None, library_dir=Path("."))
    config.variables = {n: Variable(n) for n in ("order.id", "order.gifts", "agent.name")}
    flat, unknown = flatten(
        {"order": {"id": "1", "gifts": ["a"], "extra": 1}, "agent.name": "小安", "x": 2}, config
    )
    assert flat == {"order.id": "1", "order.gifts": ["a"], "agent.name": "小安"}
    assert sorted(unknown) == ["order.extra", "x"]


@pytest.mark.parametrize("text", ["1e3", "2.5E2", "SF1234E+19", "3412345678901234567"])
def test_ordinary_text_is_not_mistaken_for_a_rounded_number(text):
    assert coerce("x.y", text, var("str")) == text
