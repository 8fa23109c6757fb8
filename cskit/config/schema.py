"""The entry fields (docs/fields.md) and how each one is checked.

``check_value`` is the one place a field's type is judged; the E rules, the Excel import and
``cskit init`` all call it, so a value valid in YAML is valid in a sheet and the other way round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cskit.config.model import KINDS, STAGES, STATUSES
from cskit.dates import as_date, parse_duration

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
REVIEW_YEARS = (1970, 2999)  # a review date outside these years is a typo, not a review


@dataclass(frozen=True)
class FieldSpec:
    """One entry field: the facts docs/fields.md, the E rules and the workbook all read."""

    name: str
    type: str  # id str text enum list map date duration samples suppress (see TYPES)
    doc: str  # what the field does, one line (docs/fields.md)
    required: bool = False  # always (E004); cskit.yaml ``required`` adds more
    required_for: tuple[str, ...] = ()  # kinds for which it is required as well
    choices: tuple[str, ...] = ()
    choice_labels: tuple[str, ...] = ()  # Chinese word per choice (the workbook accepts both)
    default: str = ""  # the value an entry has when neither it nor ``defaults:`` sets one
    label_zh: str = ""  # the Chinese name: workbook header, messages


# What a value of each field type must be (docs/fields.md; check_value judges it).
TYPES: dict[str, str] = {
    "id": "text matching `^[a-z0-9][a-z0-9._-]{1,63}$` (E006), unique in the library (E007)",
    "str": "one line of text",
    "text": "text, several lines allowed; a Jinja template where customers see it",
    "category": "a key of `categories` in cskit.yaml (any text when none are configured)",
    "enum": "one of the listed values",
    "list": "a list of text",
    "map": "a mapping of channel name to text",
    "conditions": "a mapping of condition key to a value or a list of values",
    "owner": "text; one of `owners` in cskit.yaml when that list is configured",
    "date": "a date written `YYYY-MM-DD`",
    "duration": "a number and a unit: `30d`, `6w`, `3m`, `1y`",
    "ref": "the id of another entry (E008 when none has it)",
    "samples": "a list of sample names from cskit.yaml or inline contexts (mappings)",
    "suppress": "a list of `{rule, reason, until}` mappings",
}

FIELDS: dict[str, FieldSpec] = {
    f.name: f
    for f in (
        FieldSpec(
            "id",
            "id",
            "the entry's stable name: references, baselines, the workbook row",
            required=True,
            label_zh="编号",
        ),
        FieldSpec(
            "kind",
            "enum",
            "what sort of content it is; sets the default review interval",
            choices=KINDS,
            choice_labels=("话术", "常见问题", "规则", "产品知识", "服务流程", "案例"),
            default="script",
            label_zh="类型",
        ),
        FieldSpec("title", "str", "a short name for people", required=True, label_zh="标题"),
        FieldSpec(
            "category",
            "category",
            "the topic it belongs to (groups, import files)",
            required=True,
            label_zh="分类",
        ),
        FieldSpec(
            "stage",
            "enum",
            "the step of the conversation it is used in",
            required_for=("script",),
            choices=STAGES,
            choice_labels=("接待", "需求识别", "问题处理", "方案确认", "结束与跟进"),
            label_zh="阶段",
        ),
        FieldSpec(
            "questions",
            "list",
            "how customers ask; compared for shared questions (D003, D004)",
            label_zh="客户问法",
        ),
        FieldSpec(
            "answer", "text", "the reply customers get, a template", required=True, label_zh="回复"
        ),
        FieldSpec(
            "channels", "map", "replacement texts per channel (`sms`, `chat`…)", label_zh="渠道文案"
        ),
        FieldSpec(
            "conditions",
            "conditions",
            "when the answer applies (`order_status: shipped`)",
            label_zh="适用条件",
        ),
        FieldSpec("tags", "list", "free labels for searching and exports", label_zh="标签"),
        FieldSpec(
            "owner", "owner", "who keeps it current; groups the review queue", label_zh="负责人"
        ),
        FieldSpec(
            "status",
            "enum",
            "whether customers see it: only active entries are served",
            choices=STATUSES,
            choice_labels=("草稿", "启用", "归档"),
            default="active",
            label_zh="状态",
        ),
        FieldSpec(
            "reviewed",
            "date",
            "the day someone last confirmed it (S002, S003, S005)",
            label_zh="审核日期",
        ),
        FieldSpec(
            "review_every",
            "duration",
            "this entry's review interval instead of its kind's",
            label_zh="审核周期",
        ),
        FieldSpec("valid_from", "date", "the first day it is valid (S001)", label_zh="生效日期"),
        FieldSpec("valid_until", "date", "the last day it is valid (S001)", label_zh="失效日期"),
        FieldSpec(
            "replaced_by",
            "ref",
            "the entry that replaces an archived one (S006, E008)",
            label_zh="替代条目",
        ),
        FieldSpec(
            "samples",
            "samples",
            "the contexts its templates must render with (T006, M001)",
            label_zh="样例",
        ),
        FieldSpec(
            "suppress",
            "suppress",
            "findings silenced on purpose, with a reason",
            label_zh="忽略规则",
        ),
        FieldSpec(
            "notes", "text", "notes for maintainers; never shown to customers", label_zh="备注"
        ),
    )
}
FILE_KEYS = ("defaults", "entries")
SUPPRESS_KEYS = ("rule", "reason", "until")


def is_empty(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, str | list | dict) and not value)
        or (isinstance(value, str) and not value.strip())
    )


def check_value(
    name: str,
    value: Any,
    *,
    categories: dict[str, str] | None = None,
    owners: list[str] | None = None,
) -> str | None:
    """Why ``value`` is not acceptable for field ``name`` (English), or ``None`` if it is.

    Emptiness is judged by the caller (E004); ``None`` values pass here.
    """
    spec = FIELDS[name]
    if value is None:
        return None
    t = spec.type
    if t == "id":
        if not isinstance(value, str):
            return f"must be text, not {_kind(value)}"
        return None  # the pattern is E006's job
    if t in ("str", "text", "ref"):
        if not isinstance(value, str):
            return f"must be text, not {_kind(value)}"
        if t == "str" and "\n" in value.strip():
            return "must be a single line"
        return None
    if t == "enum":
        if value not in spec.choices:
            return f"{value!r} is not one of {', '.join(spec.choices)}"
        return None
    if t == "category":
        if not isinstance(value, str):
            return f"must be text, not {_kind(value)}"
        if categories and value not in categories:
            return f"{value!r} is not a category in cskit.yaml ({', '.join(categories)})"
        return None
    if t == "owner":
        if not isinstance(value, str):
            return f"must be text, not {_kind(value)}"
        if owners is not None and value not in owners:
            return f"{value!r} is not in owners of cskit.yaml ({', '.join(owners)})"
        return None
    if t == "list":
        if not isinstance(value, list):
            return f"must be a list of text, not {_kind(value)}"
        for item in value:
            if not isinstance(item, str):
                return f"every item must be text; {item!r} is {_kind(item)}"
        return None
    if t == "map":
        if not isinstance(value, dict):
            return f"must be a mapping of channel to text, not {_kind(value)}"
        for k, v in value.items():
            if not isinstance(v, str):
                return f"{k}: must be text, not {_kind(v)}"
        return None
    if t == "conditions":
        if not isinstance(value, dict):
            return f"must be a mapping like order_status: shipped, not {_kind(value)}"
        for k, v in value.items():
            items = v if isinstance(v, list) else [v]
            if not all(isinstance(i, str | int | float) and not isinstance(i, bool) for i in items):
                return f"{k}: must be a value or a list of values"
        return None
    if t == "date":
        day = as_date(value)
        if day is None or (isinstance(value, str) and len(value.strip()) != 10):
            return f"{value!r} is not a date (write YYYY-MM-DD)"
        if name == "reviewed" and not REVIEW_YEARS[0] <= day.year <= REVIEW_YEARS[1]:
            # 9999-12-31 would switch reviews off for good (valid_until may say "forever")
            return f"{day.isoformat()} is not a plausible review date (years 1970-2999)"
        return None
    if t == "duration":
        if parse_duration(value) is None:
            return f"{value!r} is not a duration (write 30d, 6w, 3m or 1y)"
        return None
    if t == "samples":
        if not isinstance(value, list):
            return f"must be a list of sample names or contexts, not {_kind(value)}"
        for item in value:
            if not isinstance(item, str | dict):
                return f"every sample must be a name or a mapping; {item!r} is {_kind(item)}"
        return None
    if t == "suppress":
        if not isinstance(value, list):
            return "must be a list of {rule, reason, until}"
        for item in value:
            if not isinstance(item, dict) or not isinstance(item.get("rule"), str):
                return "every item needs rule: CODE (and reason:, optional until:)"
            for key in item:
                if key not in SUPPRESS_KEYS:
                    return f"unknown key {key!r} in a suppression (rule, reason, until)"
            if item.get("until") is not None and as_date(item["until"]) is None:
                return f"until {item['until']!r} is not a date"
        return None
    raise AssertionError(t)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    names: dict[type, str] = {list: "a list", dict: "a mapping", str: "text"}
    return names.get(type(value), type(value).__name__)
