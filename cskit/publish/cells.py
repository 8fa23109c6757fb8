"""One row's cells: what each column of a profile takes from an entry, and the column
limits (characters, items, required) checked on the finished cell."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cskit.config.model import Config
from cskit.dates import as_date
from cskit.excel.layout import ENUM_LABELS
from cskit.library.model import Entry
from cskit.publish.profile import Column, GroupRule, Profile

Problem = tuple[str, str, str]  # (kind, zh, en)


def group_of(entry: Entry, rule: GroupRule, config: Config) -> str:
    """The row's group (分组): the category's, stage's or kind's label, or a field."""
    value = ""
    if rule.source == "category":
        key = entry.category
        value = (config.categories.get(key) or key) if rule.label else key
    elif rule.source in ("stage", "kind"):
        key = entry.data.get("stage", "") if rule.source == "stage" else entry.kind
        key = key if isinstance(key, str) else ""
        value = ENUM_LABELS[rule.source].get(key, key) if rule.label else key
    elif rule.source == "field":
        raw = entry.data.get(rule.field)
        value = "" if raw is None or isinstance(raw, dict | list) else str(raw)
    return value.strip() or rule.default


def date_text(value: Any, fmt: str) -> str:
    if value is None:
        return ""
    day = as_date(value)
    return day.strftime(fmt) if day is not None else str(value)


def conditions_text(entry: Entry) -> str:
    """``order_status=shipped,signed``, one condition a line, as the entry writes them."""
    return "\n".join(f"{key}={','.join(values)}" for key, values in entry.conditions.items())


def raw_value(
    value: str, entry: Entry, profile: Profile, config: Config, extra: dict[str, str]
) -> str | list[str]:
    """What a ``value:`` column holds for an entry; ``extra`` has text, code, group, date."""
    if value in extra:
        return extra[value]
    data = entry.data
    if value == "title":
        return entry.title
    if value == "question":
        return entry.questions[0] if entry.questions else ""
    if value == "similar":
        return entry.questions[1:]
    if value == "questions":
        return entry.questions
    if value == "tags":
        tags = data.get("tags")
        return [str(t) for t in tags] if isinstance(tags, list) else []
    if value == "conditions":
        return conditions_text(entry)
    if value in ("valid_from", "valid_until", "reviewed"):
        return date_text(data.get(value), profile.date_format)
    if value == "category_label":
        return config.categories.get(entry.category) or entry.category
    if value in ("stage_label", "kind_label"):
        field = value.removesuffix("_label")
        key = entry.kind if field == "kind" else data.get("stage")
        key = key if isinstance(key, str) else ""
        return ENUM_LABELS[field].get(key, key)
    if value == "kind":
        return entry.kind
    raw = data.get(value)  # id, category, stage, owner
    return "" if raw is None else str(raw)


def row_cells(
    entry: Entry,
    profile: Profile,
    config: Config,
    extra: dict[str, str],
) -> tuple[list[str], list[Problem]]:
    """The row's cell texts in column order, and every limit it breaks."""
    cells: list[str] = []
    problems: list[Problem] = []
    for column in profile.columns:
        if column.value is None:
            cells.append(column.const)
            continue
        raw = raw_value(column.value, entry, profile, config, extra)
        cell = column.join.join(raw) if isinstance(raw, list) else raw
        cells.append(cell)
        problems.extend(limits(column, raw, cell))
    return cells, problems


def limits(column: Column, raw: str | list[str], cell: str) -> list[Problem]:
    found: list[Problem] = []
    name = column.header
    if column.required and not cell.strip():
        found.append(("required", f"「{name}」为空", f"{name!r} is empty"))
    if column.max_items is not None and isinstance(raw, list) and len(raw) > column.max_items:
        found.append(
            (
                "too-many",
                f"「{name}」有 {len(raw)} 条，超过上限 {column.max_items}",
                f"{name!r} has {len(raw)} items, over the limit of {column.max_items}",
            )
        )
    if column.max_length is not None and len(cell) > column.max_length:
        found.append(
            (
                "too-long",
                f"「{name}」有 {len(cell)} 个字，超过上限 {column.max_length}",
                f"{name!r} has {len(cell)} characters, over the limit of {column.max_length}",
            )
        )
    return found


def today_text(as_of: dt.date, profile: Profile) -> str:
    return as_of.strftime(profile.date_format)
