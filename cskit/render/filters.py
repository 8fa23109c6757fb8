"""The filters answers and templates may use, one typed function each (docs/templates.md).

:data:`TABLE` is every filter a template may use, cskit's own and the few Jinja built-ins kept
(``default`` and simple text helpers), with what the template rules need to know about each:
whether it masks personal data (T005), guards a missing value (T004) and which variable types
it formats without fail (T006). ``FILTERS``, ``BUILTIN``, ``MASKING``, ``GUARDS`` and
``SAFE_FOR`` are views of it. Everything else is an unknown filter (T003).

Formats follow what buyers read in Chinese messages: ``¥128.00``, ``11月24日``,
``11月19日 14:32`` (Asia/Shanghai), ``138****5678``, ``张**``, ``浙江省杭州市余杭区****``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
DATE_FORMAT = "%-m月%-d日"
DATETIME_FORMAT = "%-m月%-d日 %H:%M"
CENT = Decimal("0.01")


class FilterError(ValueError):
    """A filter got a value it cannot format; the message names the filter and the value."""


def _require(value: Any) -> Any:
    """Fail with the variable's name when a filter receives a missing value."""
    from jinja2 import Undefined  # already loaded: filters only run inside a render

    if isinstance(value, Undefined):
        value._fail_with_undefined_error()
    return value


def to_decimal(value: Any) -> Decimal:
    """A money amount as Decimal: ints, Decimals, floats (by their shortest repr), text like
    ``128.5``, ``¥128.50``, ``1,280元``."""
    if isinstance(value, bool):
        raise FilterError(f"{value!r} is not an amount")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int | float):
        result = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        text = text.lstrip("¥￥").removesuffix("元").strip()
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise FilterError(f"{value!r} is not an amount") from None
    else:
        raise FilterError(f"{value!r} is not an amount")
    if not result.is_finite():
        raise FilterError(f"{value!r} is not an amount")
    return result


def yuan(value: Any, unit: str = "¥") -> str:
    """Money with two decimals: ``¥128.00``; ``yuan('元')`` gives ``128.00元`` (SMS templates
    may not carry ``¥``)."""
    amount = to_decimal(_require(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    number = f"{abs(amount):,.2f}"
    if unit == "元":
        return f"{sign}{number}元"
    return f"{sign}{unit}{number}"


def _strftime(moment: dt.date, fmt: str) -> str:
    # %-m / %-d / %-H (no zero padding) are glibc-only; expand them everywhere.
    fmt = fmt.replace("%-m", str(moment.month)).replace("%-d", str(moment.day))
    if isinstance(moment, dt.datetime):
        fmt = fmt.replace("%-H", str(moment.hour)).replace("%-M", str(moment.minute))
    return moment.strftime(fmt)


def to_datetime(value: Any) -> dt.datetime:
    """An aware datetime in Asia/Shanghai from a datetime, a date or ISO text."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = value.strip().replace("/", "-")
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise FilterError(
                f"{value!r} is not a date and time (write 2026-11-19 14:32)"
            ) from None
    else:
        raise FilterError(f"{value!r} is not a date and time")
    if moment.tzinfo is None:
        return moment.replace(tzinfo=SHANGHAI)
    return moment.astimezone(SHANGHAI)


def to_date(value: Any) -> dt.date:
    """A calendar date; datetimes are taken in Asia/Shanghai first."""
    if isinstance(value, dt.datetime):
        return to_datetime(value).date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip().replace("/", "-")
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            try:
                return to_datetime(text).date()
            except FilterError:
                raise FilterError(f"{value!r} is not a date (write 2026-11-24)") from None
    raise FilterError(f"{value!r} is not a date")


def date(value: Any, fmt: str = DATE_FORMAT) -> str:
    """A date as ``11月24日``; any strftime format, e.g. ``date('%Y-%m-%d')``."""
    return _strftime(to_date(_require(value)), fmt)


def datetime(value: Any, fmt: str = DATETIME_FORMAT) -> str:
    """A date and time in Asia/Shanghai as ``11月19日 14:32``."""
    return _strftime(to_datetime(_require(value)), fmt)


def mask_phone(value: Any) -> str:
    """``13812345678`` → ``138****5678``; already masked values are kept as they are."""
    text = str(_require(value)).strip()
    if "*" in text or not text:
        return text
    digits = re.sub(r"[\s-]", "", text)
    if len(digits) >= 7:
        return digits[:3] + "****" + digits[-4:]
    return "*" * len(digits)


def mask_name(value: Any) -> str:
    """``张三丰`` → ``张**``: the first character stays, every other becomes ``*``."""
    text = str(_require(value)).strip()
    if "*" in text or len(text) <= 1:
        return text
    return text[0] + "*" * (len(text) - 1)


_ADDRESS_HEAD = re.compile(
    r"^(?:[^省市]{2,8}?(?:省|自治区|特别行政区))?"
    r"(?:[^市盟]{1,10}?(?:市|自治州|地区|盟))?"
    r"(?:[^区县旗]{1,10}?(?:区|县|旗|市))?"
)


def mask_address(value: Any) -> str:
    """Keep the address down to the district (``浙江省杭州市余杭区****``); the street, building
    and room are hidden, as the e-waybill standard asks."""
    text = str(_require(value)).strip()
    if "****" in text or not text:
        return text
    head = _ADDRESS_HEAD.match(text)
    kept = head.group(0) if head and head.group(0) else text[:6]
    if len(kept) >= len(text):
        kept = text[: max(1, len(text) // 2)]
    return kept + "****"


@dataclass(frozen=True)
class FilterSpec:
    """One filter templates may use, with the facts the template rules need about it."""

    name: str
    func: Callable[..., str] | None  # None: a Jinja built-in, kept as Jinja has it
    masking: bool = False  # masks personal data: a ``pii`` variable through it passes T005
    guard: bool = False  # gives a missing value a fallback: the use is guarded (T004)
    # variable types it formats without fail and without arguments (T006 skips a sample
    # render that certainly succeeds)
    safe_for: frozenset[str] = frozenset()


_STR = frozenset({"str"})

# Every filter an answer or template may use; anything else is T003. docs/templates.md lists
# the same (a test compares). No attr/map/format among the built-ins: they reach into objects.
TABLE: tuple[FilterSpec, ...] = (
    FilterSpec("yuan", yuan, safe_for=frozenset({"money", "int", "number"})),
    FilterSpec("date", date, safe_for=frozenset({"date", "datetime"})),
    FilterSpec("datetime", datetime, safe_for=frozenset({"datetime"})),
    FilterSpec("mask_phone", mask_phone, masking=True, safe_for=_STR),
    FilterSpec("mask_name", mask_name, masking=True, safe_for=_STR),
    FilterSpec("mask_address", mask_address, masking=True, safe_for=_STR),
    FilterSpec("default", None, guard=True),
    FilterSpec("d", None, guard=True),
    FilterSpec("upper", None, safe_for=_STR),
    FilterSpec("lower", None, safe_for=_STR),
    FilterSpec("trim", None, safe_for=_STR),
    *(
        FilterSpec(name, None)
        for name in (
            "replace",
            "join",
            "length",
            "count",
            "first",
            "last",
            "round",
            "int",
            "float",
            "string",
            "truncate",
            "abs",
            "sum",
            "min",
            "max",
            "unique",
            "sort",
            "reverse",
            "list",
        )
    ),
)
FILTERS: dict[str, Callable[..., str]] = {f.name: f.func for f in TABLE if f.func is not None}
BUILTIN = tuple(f.name for f in TABLE if f.func is None)
MASKING = frozenset(f.name for f in TABLE if f.masking)
GUARDS = frozenset(f.name for f in TABLE if f.guard)
SAFE_FOR = {f.name: f.safe_for for f in TABLE if f.safe_for}
