"""YAML 1.2 scalars as ruamel reads them: which type a plain scalar is, and its value.

:func:`scalar_value` gives a plain scalar the tag ruamel's implicit resolvers for YAML 1.2
give it, in ruamel's order of precedence (``no`` stays a string, ``017`` is 17, ``1_000``
is 1000), and turns the text into the value of its tag (bool, null, int, float, date or
datetime), refusing numbers longer than :data:`MAX_DIGITS`. :mod:`cskit.yamlread` calls
it for every scalar that is not plainly a string while it builds a document.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

MAX_DIGITS = 1000  # digits of a number: past this it is a mistake, not a value

STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MERGE = "tag:yaml.org,2002:merge"

# ruamel.yaml's implicit resolvers for YAML 1.2, in ruamel's order of precedence.
_RESOLVERS: list[tuple[str, re.Pattern[str], str]] = [
    (BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (
        FLOAT,
        re.compile(
            r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
            |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
            |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
            |[-+]?\.(?:inf|Inf|INF)
            |\.(?:nan|NaN|NAN))$""",
            re.X,
        ),
        "-+0123456789.",
    ),
    (
        INT,
        re.compile(
            r"""^(?:[-+]?0b[0-1_]+
            |[-+]?0o?[0-7_]+
            |[-+]?[0-9_]+
            |[-+]?0x[0-9a-fA-F_]+)$""",
            re.X,
        ),
        "-+0123456789",
    ),
    (MERGE, re.compile(r"^(?:<<)$"), "<"),
    (NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
    (
        TIMESTAMP,
        re.compile(
            r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
            |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
            (?:[Tt]|[ \t]+)[0-9][0-9]?
            :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
            (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
            re.X,
        ),
        "0123456789",
    ),
]
BY_FIRST: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _tag, _rx, _firsts in _RESOLVERS:
    for _ch in _firsts:
        BY_FIRST.setdefault(_ch, []).append((_tag, _rx))

_TS = re.compile(
    r"""^(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})
    (?:(?:[Tt]|[ \t]+)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})
    (?:\.(?P<fraction>[0-9]*))?
    (?:[ \t]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9]{1,2})(?::(?P<tz_minute>[0-9]{2}))?))?)?$""",
    re.X,
)


class ScalarError(ValueError):
    """A scalar's text is not a value of its tag (``tag``: the resolved or written one)."""

    def __init__(self, tag: str) -> None:
        super().__init__(tag)
        self.tag = tag


def scalar_value(value: str, tag: str) -> Any:
    """The value of a scalar: ``tag`` is its written tag, or ``?`` for a plain scalar,
    whose tag ruamel's YAML 1.2 resolvers decide (a string when none matches). Raises
    :class:`ScalarError` when the text is not a value of its tag; a plain timestamp that
    is no date (2026-13-01) stays text. Other tags (!!binary, custom) keep the text."""
    plain = tag == "?"
    if plain:
        if not value:
            return None
        if value[0] not in BY_FIRST:
            return value
        tag = STR
        for candidate, rx in BY_FIRST.get(value[:1], ()):
            if rx.match(value):
                tag = candidate
                break
    if tag == STR or tag == "!":
        return value
    try:
        if tag == BOOL:
            return value.lower() == "true"
        if tag == NULL:
            return None
        if tag == INT:
            return _int(value)
        if tag == FLOAT:
            return _float(value)
        if tag == TIMESTAMP:
            try:
                return _timestamp(value)
            except ValueError:
                if plain:
                    # ruamel crashes on 2026-13-01; keeping the text lets E005 say why.
                    return value
                raise
    except ValueError:
        raise ScalarError(tag) from None
    return value


def _int(value: str) -> int:
    text = value.replace("_", "")
    if len(text) > MAX_DIGITS:
        raise ValueError(f"more than {MAX_DIGITS} digits")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if text.startswith("0o"):
        return sign * int(text[2:], 8)
    return sign * int(text)


def _float(value: str) -> float:
    text = value.replace("_", "").lower()
    if len(text) > MAX_DIGITS:
        raise ValueError(f"more than {MAX_DIGITS} digits")
    if text.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    if text.endswith(".nan"):
        return math.nan
    return float(text)


def _timestamp(value: str) -> dt.date | dt.datetime:
    m = _TS.match(value)
    if not m:
        raise ValueError(value)
    year, month, day = int(m["year"]), int(m["month"]), int(m["day"])
    if not m["hour"]:
        return dt.date(year, month, day)
    fraction = int((m["fraction"] or "0")[:6].ljust(6, "0"))
    tz: dt.tzinfo | None = None
    if m["tz"] == "Z":
        tz = dt.timezone(dt.timedelta(0), "Z")
    elif m["tz"]:
        delta = dt.timedelta(hours=int(m["tz_hour"]), minutes=int(m["tz_minute"] or 0))
        tz = dt.timezone(-delta if m["tz_sign"] == "-" else delta, m["tz"])
    return dt.datetime(
        year, month, day, int(m["hour"]), int(m["minute"]), int(m["second"]), fraction, tz
    )
