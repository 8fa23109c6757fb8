"""Input values checked and converted against the variable registry (docs/templates.md).

Data reaches templates from samples, ``--data`` files, ``--set a.b=c`` and batch rows. All of
it goes through :func:`flatten` (nested mappings or dotted keys → ``{'order.id': value}``)
and :func:`coerce` (one registry type per variable). An empty value (``None``, ``""``, an
empty cell) means *no value*: the variable is missing, and a template that needs it fails.

Types: ``str`` (whole numbers accepted as text; a float that lost digits is refused), ``int``,
``number``, ``money`` (Decimal; ``128.5``, ``¥128.50``, ``1,280元``), ``bool`` (true/false,
是/否, yes/no, 1/0), ``date``, ``datetime`` (Asia/Shanghai when no offset is given), ``list``
(a list, or text split on ``、`` ``,`` ``，`` ``;``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cskit.config.model import Config, Variable
from cskit.render.filters import FilterError, to_date, to_datetime, to_decimal

_TRUE = {"true", "yes", "y", "1", "是", "真", "对"}
_FALSE = {"false", "no", "n", "0", "否", "假", "不是"}
_LIST_SPLIT = re.compile(r"\s*[、,，;；]\s*")
_TYPE_ZH = {
    "str": "文本",
    "int": "整数",
    "number": "数字",
    "money": "金额",
    "bool": "是/否",
    "date": "日期",
    "datetime": "日期时间",
    "list": "列表",
}


@dataclass(frozen=True)
class ValueProblem(Exception):
    """A value that does not fit its variable's type or enum."""

    name: str
    label: str
    value: Any
    reason_zh: str
    reason_en: str

    def message(self, lang: str = "zh-Hans") -> str:
        shown = repr(self.value) if not isinstance(self.value, str) else f"“{self.value}”"
        if lang == "en":
            return f"{self.name}: {shown} {self.reason_en}"
        label = f"（{self.label}）" if self.label else ""
        return f"{self.name}{label} 的值 {shown} {self.reason_zh}"


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def flatten(data: Mapping[str, Any], config: Config) -> tuple[dict[str, Any], list[str]]:
    """Nested or dotted input → ``({registered name: raw value}, [unknown names])``.

    A mapping is walked until a registered variable is reached (so a ``list`` or a value that
    happens to be a mapping is taken whole). Names no variable starts with are returned as
    unknown; the caller decides whether that is an error (``--set``) or noise (a data export).
    """
    registry = config.variables
    out: dict[str, Any] = {}
    unknown: list[str] = []

    def walk(prefix: str, value: Any) -> None:
        if prefix in registry:
            out[prefix] = value
            return
        if isinstance(value, Mapping):
            for key, child in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), child)
            return
        unknown.append(prefix)

    walk("", dict(data))
    return out, unknown


def coerce(name: str, value: Any, var: Variable) -> Any:
    """The value as the registry's type says, or :class:`ValueProblem`."""

    def bad(zh: str, en: str) -> ValueProblem:
        return ValueProblem(name, var.label, value, zh, en)

    kind = var.type
    try:
        result = _convert(kind, value)
    except (FilterError, ValueError, TypeError):
        zh_type = _TYPE_ZH.get(kind, kind)
        raise bad(f"不是{zh_type}（{kind}）", f"is not a {kind}") from None
    if var.enum is not None and result not in var.enum and str(result) not in map(str, var.enum):
        allowed = ", ".join(map(str, var.enum))
        raise bad(f"不在允许的取值里：{allowed}", f"is not one of: {allowed}")
    return result


_ROUNDED = re.compile(r"^[-+]?\d(\.\d+)?[eE]\+?(1\d|[2-9]\d)$")  # exponent ≥ 10


def _convert(kind: str, value: Any) -> Any:
    if kind == "str":
        if isinstance(value, bool | list | dict):
            raise TypeError
        if isinstance(value, float):
            # Excel and JSON turn long order numbers into floats; digits are already lost.
            if not value.is_integer() or abs(value) >= 2**53:
                raise ValueError
            return str(int(value))
        if isinstance(value, dt.datetime | dt.date):
            return value.isoformat()
        if isinstance(value, str) and _ROUNDED.match(value.strip()):
            # "4.12860335719027E+18": a spreadsheet showed a long number this way and the
            # digits are gone; the same as the float case above.
            raise ValueError
        return str(value).strip() if isinstance(value, str) else str(value)
    if kind == "int":
        if isinstance(value, bool):
            raise TypeError
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError
            return int(value)
        return int(str(value).strip())
    if kind == "number":
        if isinstance(value, bool):
            raise TypeError
        if isinstance(value, int | float):
            return value
        number = Decimal(str(value).strip())
        if not number.is_finite():
            raise ValueError
        return int(number) if number == number.to_integral_value() else float(number)
    if kind == "money":
        return to_decimal(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError
    if kind == "date":
        if isinstance(value, int | float):
            raise TypeError
        return to_date(value)
    if kind == "datetime":
        if isinstance(value, int | float):
            raise TypeError
        return to_datetime(value)
    if kind == "list":
        if isinstance(value, list | tuple):
            return list(value)
        if isinstance(value, str):
            return [p for p in _LIST_SPLIT.split(value.strip()) if p]
        raise TypeError
    raise AssertionError(kind)


def coerce_all(flat: Mapping[str, Any], config: Config) -> dict[str, Any]:
    """Coerce every non-empty value; the first problem is raised."""
    out: dict[str, Any] = {}
    for name, value in flat.items():
        if is_empty(value):
            continue
        out[name] = coerce(name, value, config.variables[name])
    return out


def parse_assignment(text: str) -> tuple[str, str]:
    """``order.id=123`` → ``('order.id', '123')``; raises ValueError without ``=``."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ValueError(text)
    return name.strip(), value
