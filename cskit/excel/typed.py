"""What an editor may type into a cell besides the machine value, read as the value YAML holds.

The sheet and its ``说明`` page show Chinese names; an editor types what they see. Before a
cell is parsed (:func:`cskit.excel.layout.parse_cell`) its text is put into the machine form:

- enumerations and categories by key or label, any case or width (``投诉纠纷`` → ``complaint``,
  ``停用`` → ``archived``, ``问题处理`` → ``resolve``), plus a few synonyms editors use;
- dates as ``2026-12-07``, ``2026/12/7``, ``2026.12.7``, ``2026年12月7日`` or, without a year,
  ``12月7日`` — the year is then the one that puts the day nearest to the import day
  (``--as-of``), so ``1月5日`` typed in late December is next January;
- review intervals as ``30d`` or in words: ``90天``, ``6周``, ``3个月``, ``三个月``, ``半年``,
  ``1年``, ``每季度``.

The YAML itself stays strict (E005 takes only the machine form); the sheet is lenient.
:func:`closest` gives the did-you-mean that pairs a key with its label
(``是不是 complaint（投诉纠纷）？``), for cells and for ``cskit export`` filters alike.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from cskit.config.model import KINDS, STAGES, STATUSES
from cskit.config.schema import FIELDS
from cskit.text.numerals import parse_cn_number

# Key → the label the sheet shows (the 说明 page lists these): the fields' own labels.
ENUM_LABELS: dict[str, dict[str, str]] = {
    name: dict(zip(spec.choices, spec.choice_labels, strict=True))
    for name, spec in FIELDS.items()
    if spec.choice_labels
}
# Other words editors use for the same values (the report itself says 已归档（停用）).
SYNONYMS: dict[str, dict[str, str]] = {
    "kind": {
        "问答": "faq",
        "平台规则": "policy",
        "店铺规则": "policy",
        "政策": "policy",
        "商品知识": "product",
        "流程": "process",
        "最佳实践案例": "case",
    },
    "stage": {"跟进": "follow_up", "结束": "follow_up"},
    "status": {
        "停用": "archived",
        "已停用": "archived",
        "已归档": "archived",
        "下线": "archived",
        "已下线": "archived",
        "已启用": "active",
        "生效": "active",
        "上线": "active",
        "已上线": "active",
        "待审核": "draft",
        "未发布": "draft",
    },
}
ENUMS = {"kind": KINDS, "stage": STAGES, "status": STATUSES}


@dataclass(frozen=True)
class Typed:
    """A cell's text in the machine form, and a note when something was inferred."""

    text: str
    note_zh: str = ""
    note_en: str = ""


def fold(text: str) -> str:
    """Full-width ASCII to half-width (``ａｃｔｉｖｅ`` → ``active``), U+3000 to a space."""
    return "".join(
        chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else (" " if c == "\u3000" else c)
        for c in text
    )


def options(key: str, categories: dict[str, str], owners: list[str] | None) -> dict[str, str]:
    """The values a column takes, each with its label (``""`` when it has none)."""
    if key in ENUMS:
        return {k: ENUM_LABELS[key].get(k, "") for k in ENUMS[key]}
    if key == "category":
        return dict(categories)
    if key == "owner":
        return dict.fromkeys(owners or [], "")
    return {}


def named(value: str, label: str) -> str:
    """``complaint（投诉纠纷）``, or the value alone when it has no label."""
    return f"{value}（{label}）" if label else value


def resolve_choice(text: str, choices: dict[str, str], synonyms: dict[str, str]) -> str | None:
    """The key ``text`` names (key or label, any case/width, or a synonym), else ``None``."""
    value = fold(text).strip()
    low = value.lower()
    for key, label in choices.items():
        if low == key.lower() or (label and value == fold(label).strip()):
            return key
    return synonyms.get(value)


def closest(
    text: str, choices: dict[str, str], synonyms: dict[str, str] | None = None
) -> str | None:
    """The key an unknown value most likely meant: by key, label or synonym; containment
    counts (``售后`` → ``售后组``), so short Chinese words find their longer names."""
    value = fold(text).strip().lower()
    if not value:
        return None
    names: list[tuple[str, str]] = []
    for key, label in choices.items():
        names.append((key.lower(), key))
        if label:
            names.append((label, key))
    names += [(word, key) for word, key in (synonyms or {}).items() if key in choices]
    best: tuple[float, str] | None = None
    for name, key in names:
        score = difflib.SequenceMatcher(None, value, name).ratio()
        if len(value) >= 2 and (value in name or name in value):
            score = max(score, 0.75)
        if best is None or score > best[0]:
            best = (score, key)
    return best[1] if best and best[0] >= 0.5 else None


def canonical(
    key: str, text: str, *, categories: dict[str, str], as_of: dt.date, field_type: str
) -> Typed:
    """``text`` in the machine form for column ``key`` (unchanged when it is not a form this
    module knows: :func:`cskit.config.schema.check_value` then says what is wrong)."""
    if key in ENUMS:
        found = resolve_choice(text, options(key, categories, None), SYNONYMS.get(key, {}))
        return Typed(found or text)
    if key == "category":
        return Typed(resolve_choice(text, categories, {}) or text)
    if field_type == "date":
        return _date(text, as_of)
    if field_type == "duration":
        return Typed(duration(text) or text)
    return Typed(text)


# --- dates ---------------------------------------------------------------------------------

_NUM = r"(\d{1,4}|[零〇一二两三四五六七八九十]{1,4})"
_FULL = re.compile(rf"^{_NUM}\s*[-/.年]\s*{_NUM}\s*[-/.月]\s*{_NUM}\s*[日号]?$")
_NO_YEAR = re.compile(rf"^{_NUM}\s*月\s*{_NUM}\s*[日号]?$")


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else parse_cn_number(text)


def _date(text: str, as_of: dt.date) -> Typed:
    value = fold(text).strip()
    m = _FULL.match(value)
    if m:
        year, month, day = (_number(g) for g in m.groups())
        if year is None or month is None or day is None or year < 1000:
            return Typed(text)
        try:
            return Typed(dt.date(year, month, day).isoformat())
        except ValueError:
            return Typed(text)
    m = _NO_YEAR.match(value)
    if not m:
        return Typed(text)
    month, day = _number(m[1]), _number(m[2])
    if month is None or day is None:
        return Typed(text)
    candidates = []
    for year in (as_of.year - 1, as_of.year, as_of.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return Typed(text)
    nearest = min(candidates, key=lambda d: (abs((d - as_of).days), d))
    day_text = nearest.isoformat()
    return Typed(
        day_text,
        f"“{value}”没写年份，按离今天（{as_of}）最近的 {day_text} 导入",
        f"{value!r} has no year; read as {day_text}, the nearest to {as_of}",
    )


# --- review intervals ------------------------------------------------------------------------

_UNITS = {
    "天": "d",
    "日": "d",
    "周": "w",
    "星期": "w",
    "个星期": "w",
    "礼拜": "w",
    "个礼拜": "w",
    "月": "m",
    "个月": "m",
    "年": "y",
}
_WORDS = {"半年": "6m", "半个月": "15d", "季度": "3m", "一季度": "3m", "一个季度": "3m"}
_DURATION = re.compile(
    r"^(\d+|[零〇一二两三四五六七八九十百]+)\s*("
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + r")$"
)
_MACHINE = re.compile(r"^(\d+)\s*([dwmy])$")


def duration(text: str) -> str | None:
    """``3个月`` → ``3m``, ``90天`` → ``90d``, ``半年`` → ``6m``, ``30D`` → ``30d``; else None."""
    value = fold(text).strip().lower().removeprefix("每").strip()
    m = _MACHINE.match(value)
    if m:
        return f"{int(m[1])}{m[2]}"
    if value in _WORDS:
        return _WORDS[value]
    m = _DURATION.match(value)
    if not m:
        return None
    count = _number(m[1])
    if not count:
        return None
    return f"{count}{_UNITS[m[2]]}"


# --- the 已复核 mark --------------------------------------------------------------------------

_YES = {
    "是",
    "已复核",
    "复核",
    "已审核",
    "y",
    "yes",
    "true",
    "1",
    "ok",
    "对",
    "好",
    "x",
    "√",
    "✓",
    "✔",
    "☑",
}
_NO = {"否", "不是", "未复核", "n", "no", "false", "0"}


def review_mark(text: str) -> bool | None:
    """The 已复核 cell: True for 是/√/y…, False for empty or 否, None for anything else."""
    value = fold(text).strip().lower()
    if not value or value in _NO:
        return False
    return True if value in _YES else None
