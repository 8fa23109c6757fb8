"""Dates and review intervals: ``--as-of``, ``30d``/``6w``/``3m``/``1y`` durations."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from cskit.errors import UsageError

_DURATION = re.compile(r"^\s*(\d{1,9})\s*([dwmy])\s*$")
_UNIT_NAMES = {"d": "day", "w": "week", "m": "month", "y": "year"}
# The longest review interval or window: 100 years. Past it a duration is a typo, and past
# the calendar's end it would not even compute.
MAX_COUNT = {"d": 36_525, "w": 5_218, "m": 1_200, "y": 100}


@dataclass(frozen=True)
class Duration:
    """A review interval such as ``90d`` or ``3m``; months and years follow the calendar."""

    count: int
    unit: str  # d, w, m or y

    def after(self, start: dt.date) -> dt.date:
        """The date this long after ``start`` (31 Jan + 1m = 28/29 Feb); the calendar's
        last day when that is past year 9999."""
        try:
            if self.unit == "d":
                return start + dt.timedelta(days=self.count)
            if self.unit == "w":
                return start + dt.timedelta(weeks=self.count)
            months = self.count * (12 if self.unit == "y" else 1)
            year, month0 = divmod(start.month - 1 + months, 12)
            year += start.year
            day = min(start.day, calendar.monthrange(year, month0 + 1)[1])
            return dt.date(year, month0 + 1, day)
        except (OverflowError, ValueError):
            return dt.date.max

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"


def parse_duration(value: object) -> Duration | None:
    """``30d`` → Duration(30, 'd'); ``None`` when the text is not a duration."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    m = _DURATION.match(str(value)) if isinstance(value, str) else None
    if not m or int(m[1]) == 0 or int(m[1]) > MAX_COUNT[m[2]]:
        return None  # zero, or longer than 100 years
    return Duration(int(m[1]), m[2])


def as_date(value: object) -> dt.date | None:
    """A YAML date, a datetime's date, or an ISO ``YYYY-MM-DD`` string; else ``None``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def parse_as_of(text: str | None) -> dt.date:
    """The ``--as-of`` option: an ISO date, ``today`` or nothing (today)."""
    if text is None or text == "today":
        return dt.date.today()
    day = as_date(text)
    if day is None:
        raise UsageError(f"--as-of {text!r} is not a date", hint="write it as YYYY-MM-DD")
    if not 1900 <= day.year <= 2999:
        raise UsageError(f"--as-of {text!r} is out of range", hint="use a year from 1900 to 2999")
    return day


def parse_within(text: str) -> dt.timedelta:
    """``--within 14d`` → 14 days (weeks, months ≈ 30 days and years ≈ 365 days allowed)."""
    duration = parse_duration(text)
    if duration is None:
        raise UsageError(f"{text!r} is not a duration", hint="write it as 14d, 2w, 1m or 1y")
    days = {"d": 1, "w": 7, "m": 30, "y": 365}[duration.unit] * duration.count
    return dt.timedelta(days=days)
