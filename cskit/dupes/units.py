"""Numbers with their units, read from canonical text: the values replies promise.

A number is digits (``24``, ``1.5``, ``18:00``, a range ``1-7`` or a coupon ``1000-150``,
kept apart by the canon's marks, see :mod:`cskit.dupes.canon`) or a Chinese numeral followed
by a unit (``七天``, ``两个工作日``, ``半小时``); a bare ``一`` (``一下``, ``一起``) is not a
number. Each carries its unit (``天``, ``小时``, ``工作日``, ``ml``…) and its value as a tuple
(a range has two parts, a time of day its hours and minutes), so ``七天`` and ``7天`` are
the same quantity and ``1-7个工作日`` is not ``1-15个工作日``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from cskit.dupes.canon import DECIMAL, RANGE, TIME
from cskit.text.normalise import PLACEHOLDER
from cskit.text.numerals import CLASS as CN_CLASS
from cskit.text.numerals import parse_cn_number

# Longest first; the value is the unit a number is compared in.
_UNIT_WORDS: tuple[tuple[str, str], ...] = (
    ("个工作日", "工作日"), ("工作日", "工作日"), ("个自然日", "天"), ("自然日", "天"),
    ("个小时", "小时"), ("小时", "小时"), ("分钟", "分钟"), ("个月", "个月"), ("星期", "周"),
    ("公斤", "kg"), ("千克", "kg"), ("毫升", "ml"), ("厘米", "cm"), ("毫米", "mm"),
    ("京豆", "京豆"), ("积分", "积分"), ("mah", "mah"), ("ml", "ml"), ("kg", "kg"),
    ("mg", "mg"), ("cm", "cm"), ("mm", "mm"),
    ("天", "天"), ("日", "日"), ("周", "周"), ("月", "月"), ("年", "年"), ("号", "号"),
    ("点", "点"), ("时", "时"), ("分", "分"), ("秒", "秒"), ("元", "元"), ("块", "元"),
    ("毛", "角"), ("角", "角"), ("件", "件"), ("个", "个"), ("次", "次"), ("单", "单"),
    ("笔", "笔"), ("张", "张"), ("份", "份"), ("箱", "箱"), ("瓶", "瓶"), ("盒", "盒"),
    ("包", "包"), ("双", "双"), ("条", "条"), ("台", "台"), ("只", "只"), ("斤", "斤"),
    ("克", "g"), ("升", "l"), ("米", "m"), ("寸", "寸"), ("码", "码"), ("折", "折"),
    ("倍", "倍"), ("人", "人"), ("颗", "颗"), ("粒", "粒"), ("片", "片"),
    ("袋", "袋"), ("罐", "罐"), ("套", "套"), ("%", "%"), ("w", "w"), ("v", "v"),
    ("g", "g"), ("l", "l"), ("h", "小时"),
)  # fmt: skip
_UNIT = re.compile("|".join(re.escape(w) for w, _u in _UNIT_WORDS))
_UNIT_OF = dict(_UNIT_WORDS)
# Durations that convert into one another: a value in hours
_HOURS = {"小时": 1.0, "分钟": 1 / 60, "天": 24.0, "周": 168.0}
_CN_UNIT_START = "个天日周月年号点时分秒元块毛角件次单笔张份箱瓶盒包双条台只斤克升米寸码折倍人颗粒片袋罐套小工星公千毫京积"
_NUMBER = re.compile(
    rf"[0-9]+(?:[{DECIMAL}{TIME}{RANGE}][0-9]+)*%?"
    rf"|(?:{CN_CLASS}+|半)(?=[{_CN_UNIT_START}])"
)


@dataclass(frozen=True)
class Number:
    """One number in a text: ``text[start:end]`` is the number itself, ``unit_end`` ends its
    unit (``unit_end == end`` when it has none)."""

    start: int
    end: int
    unit_end: int
    token: str  # as written (marks shown as . : -)
    word: str  # the unit as written (个工作日)
    unit: str  # the unit it is compared in (工作日; "" when none)
    value: tuple[float, ...]

    @property
    def shown(self) -> str:
        """``7天``, ``1-7个工作日``, ``18:00``: the number with its unit, for messages."""
        return self.token + self.word

    def same_value(self, other: Number) -> bool:
        if self.value == other.value:
            return True
        if self.unit in _HOURS and other.unit in _HOURS and len(self.value) == len(other.value):
            mine = tuple(v * _HOURS[self.unit] for v in self.value)
            theirs = tuple(v * _HOURS[other.unit] for v in other.value)
            return all(abs(x - y) < 1e-9 for x, y in zip(mine, theirs, strict=True))
        return False

    def comparable(self, other: Number) -> bool:
        """Whether the two can be the same quantity: the same unit (durations convert)."""
        if self.unit == other.unit:
            return True
        return self.unit in _HOURS and other.unit in _HOURS


def _value(token: str) -> tuple[float, ...] | None:
    if token == "半":
        return (0.5,)
    if token[0].isdigit():
        body = token.rstrip("%")
        parts = re.split(f"[{TIME}{RANGE}]", body)
        try:
            return tuple(float(p.replace(DECIMAL, ".")) for p in parts)
        except ValueError:
            return None
    value = parse_cn_number(token)
    return None if value is None else (float(value),)


@functools.lru_cache(maxsize=1 << 16)
def numbers(text: str) -> tuple[Number, ...]:
    """Every number of canonical ``text``, in order."""
    out: list[Number] = []
    for m in _NUMBER.finditer(text):
        token = m.group()
        value = _value(token)
        if value is None:
            continue
        end = m.end()
        unit = _UNIT.match(text, end)
        word = unit.group() if unit else ""
        if not token[0].isdigit() and not word:
            continue  # a Chinese numeral counts only with a unit
        shown = token.replace(DECIMAL, ".").replace(TIME, ":").replace(RANGE, "-")
        kind = _UNIT_OF.get(word, "") or ("时刻" if TIME in token else "")
        out.append(
            Number(
                m.start(),
                end,
                end + len(word),
                shown,
                word,
                kind,
                value,
            )
        )
    return tuple(out)


def show(text: str) -> str:
    """Canonical text for people: marks as punctuation, placeholders as ▢."""
    return (
        text.replace(PLACEHOLDER, "▢")
        .replace(DECIMAL, ".")
        .replace(TIME, ":")
        .replace(RANGE, "-")
        .replace("\ue004", "、")
    )
