"""The workbook layout shared by ``cskit export`` and ``cskit import`` (docs/excel.md).

``COLUMNS`` maps every entry field of :data:`cskit.config.schema.FIELDS` to a sheet column: the
Chinese header editors see, the machine key that never changes, width/wrap/lock, the
dropdown it gets, and how a value becomes cell text (``render``) and back (``parse``). Two
columns are not fields: 问题 (the row's findings, written by the export, never read) and
已复核 (a mark that records a review on import). What an editor may type besides the machine
form (labels, Chinese dates and intervals) is :mod:`cskit.excel.typed`.
Three-way comparison works on the *rendered* text, so a value and its cell always agree.
Types are judged by :func:`cskit.config.schema.check_value`, never here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cskit.config.schema import FIELDS
from cskit.excel.typed import ENUM_LABELS, fold
from cskit.yamlread import YamlError, parse

DATA_SHEET = "话术库"
HELP_SHEET = "说明"
META_SHEET = "_cskit"
LISTS_SHEET = "_lists"
FORMAT_VERSION = 1
MAX_CELL = 32_767  # Excel's limit per cell; openpyxl would silently truncate
MAX_LINE_FEEDS = 253  # Excel shows at most this many line feeds per cell

# Export prefixes a text that starts with one of these with MARK so no spreadsheet program
# takes it for a formula; import removes exactly one leading MARK. U+2060 WORD JOINER is
# invisible, survives Excel/LibreOffice/WPS re-saves (xlsx and ods) and is never typed by
# editors; a text that already starts with MARK gets a second one, so the mapping is exact.
MARK = "\u2060"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


class CellError(ValueError):
    """A cell's text cannot be turned into a value; ``hint`` says how to write it."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh


@dataclass(frozen=True)
class Column:
    key: str  # machine key (an entry field, or ``file``)
    header: str  # Chinese header
    width: int
    wrap: bool = False
    locked: bool = False  # metadata: editors cannot change it
    dropdown: str = ""  # kinds, stages, statuses, categories, owners
    default: str = ""  # rendered value when the field is absent (schema default)


def _col(key: str, width: int, **kw: Any) -> Column:
    """A field's column: header and default come from the field (``FIELDS``)."""
    if key in FIELDS:
        return Column(key, FIELDS[key].label_zh, width, default=FIELDS[key].default, **kw)
    return Column(key, kw.pop("header"), width, **kw)


# Two columns are not entry fields: 问题 (the row's current lint findings, written by the
# export and never read back) and 已复核 (a mark an editor sets to record a review today).
PROBLEMS = "problems"
REVIEWED_MARK = "reviewed_mark"

COLUMNS: tuple[Column, ...] = (
    _col("id", 30, locked=True),
    _col(PROBLEMS, 36, wrap=True, locked=True, header="问题"),
    _col("kind", 10, dropdown="kinds"),
    _col("title", 24, wrap=True),
    _col("category", 14, dropdown="categories"),
    _col("stage", 11, dropdown="stages"),
    _col("questions", 34, wrap=True),
    _col("answer", 60, wrap=True),
    _col("channels", 30, wrap=True),
    _col("conditions", 24, wrap=True),
    _col("tags", 16, wrap=True),
    _col("owner", 12, dropdown="owners"),
    _col("status", 10, dropdown="statuses"),
    _col(REVIEWED_MARK, 8, header="已复核"),
    _col("reviewed", 12),
    _col("review_every", 10),
    _col("valid_from", 12),
    _col("valid_until", 12),
    _col("replaced_by", 24),
    _col("samples", 20, wrap=True),
    _col("suppress", 30, wrap=True),
    _col("notes", 30, wrap=True),
    _col("file", 28, locked=True, header="所在文件"),
)
BY_KEY = {c.key: c for c in COLUMNS}
FIELD_COLUMNS = tuple(c for c in COLUMNS if c.key in FIELDS)
EDITABLE = tuple(c.key for c in FIELD_COLUMNS if not c.locked)


def match_header(text: str) -> Column | None:
    """The column a header cell names: its Chinese header or machine key, any case/width."""
    norm = fold(text).strip().lower()
    for col in COLUMNS:
        if norm in (col.header.lower(), col.key, f"{col.header}({col.key})".lower()):
            return col
    return None


# --- value → cell text ---------------------------------------------------------------------


def render(key: str, value: Any) -> str:
    """The cell text for a field value (effective value, defaults applied)."""
    col = BY_KEY[key]
    if value is None or value == "" or value == [] or value == {}:
        return col.default
    t = FIELDS[key].type if key in FIELDS else "str"
    if t in ("list",) and isinstance(value, list):
        return "\n".join(_line_item(str(v)) if isinstance(v, str) else _flow(v) for v in value)
    if t == "samples" and isinstance(value, list):
        return "\n".join(_flow(v) for v in value)
    if t in ("map", "conditions") and isinstance(value, dict):
        return _block_map(value)
    if t == "suppress" and isinstance(value, list):
        return "\n".join(_suppress_line(v) for v in value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        return value
    return _flow(value)  # a wrong type (E005 territory) still shows what the YAML says


def _line_item(item: str) -> str:
    """One list item per line; items a line cannot carry are JSON-quoted."""
    if _needs_json(item):
        return json.dumps(item, ensure_ascii=False)
    return item


def _needs_json(item: str) -> bool:
    return (
        not item
        or "\n" in item
        or "\r" in item
        or item != item.strip()
        or (item.startswith('"') and item.endswith('"') and len(item) > 1)
    )


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or "\n" in text or text[0] in "\"'{[&*!|>%@`#,":
        return False
    try:
        back = parse(f"k: {text}\n").data
    except YamlError:
        return False
    return isinstance(back, dict) and back.get("k") == text and " #" not in text


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _plain_ok(text) and not any(c in text for c in ",[]{}:"):
        return text
    return json.dumps(text, ensure_ascii=False)


def _block_map(value: dict[Any, Any]) -> str:
    lines = []
    for k, v in value.items():
        key = _flow(str(k))
        if isinstance(v, str) and "\n" in v and _literal_ok(v):
            chomp = "" if v.endswith("\n") and not v.endswith("\n\n") else "-"
            body = v[:-1] if chomp == "" else v
            lines.append(f"{key}: |{chomp}")
            lines.extend(f"  {ln}" if ln else "" for ln in body.split("\n"))
        elif isinstance(v, str) and _plain_ok(v):
            lines.append(f"{key}: {v}")
        else:
            lines.append(f"{key}: {_flow(v)}")
    return "\n".join(lines)


def _literal_ok(text: str) -> bool:
    lines = text.rstrip("\n").split("\n")
    return (
        bool(lines[0].strip())
        and not lines[0].startswith((" ", "\t"))
        and not any(ln != ln.rstrip() for ln in lines)
        and not re.search(r"[\x00-\x08\x0b-\x1f\u2028\u2029\u0085]", text)
    )


def _suppress_line(item: Any) -> str:
    if not isinstance(item, dict) or set(item) - {"rule", "reason", "until"}:
        return _flow(item)
    head = str(item.get("rule", ""))
    if item.get("until") is not None:
        until = item["until"]
        head += f" (until {until.isoformat() if isinstance(until, dt.date) else until})"
    reason = item.get("reason")
    if reason is None:
        return head + ":"
    reason = str(reason)
    return f"{head}: {json.dumps(reason, ensure_ascii=False) if _needs_json(reason) else reason}"


# --- cell text → value ---------------------------------------------------------------------


def parse_cell(key: str, text: str) -> Any:
    """The field value a cell's text stands for; ``None`` when the cell is empty.

    Raises :class:`CellError` when the text has no meaning for this column.
    """
    if text.strip() == "":
        return None
    spec = FIELDS[key]
    t = spec.type
    parser = _PARSERS.get(t)
    return parser(key, text) if parser else text


def _parse_lines(_key: str, text: str) -> list[str]:
    out = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if line.startswith('"') and line.endswith('"') and len(line) > 1:
            try:
                item = json.loads(line)
            except ValueError:
                item = None
            if isinstance(item, str) and _needs_json(item):
                out.append(item)
                continue
        out.append(line)
    return out


def _parse_map(key: str, text: str) -> dict[str, Any]:
    try:
        data = parse(text + "\n").data
    except YamlError as exc:
        raise CellError(
            f"line {exc.line}: write one 'key: value' per line",
            f"第 {exc.line} 行无法识别：每行写一个“键: 值”（英文冒号加空格）",
        ) from None
    if not isinstance(data, dict):
        raise CellError(
            "write one 'key: value' per line (a half-width colon and a space)",
            "每行写一个“键: 值”，冒号用半角“:”并在后面加一个空格",
        )
    return {str(k): v for k, v in data.items()}


def _parse_samples(_key: str, text: str) -> list[Any]:
    out: list[Any] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            out.append(parse(f"k: {line.strip()}\n").data["k"])
        except (YamlError, TypeError, KeyError):
            raise CellError(
                f"line {n}: write a sample name, or {{order: {{status: paid}}}}",
                f"第 {n} 行无法识别：写样例名，或 {{order: {{status: paid}}}} 这样的内联上下文",
            ) from None
    return out


_SUPPRESS = re.compile(
    r"^\s*([^\s:(（]+)\s*(?:[(（]\s*until\s+([^)）]*?)\s*[)）])?\s*[:：]\s?(.*)$"
)


def _parse_suppress(_key: str, text: str) -> list[Any]:
    out: list[Any] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        if line.lstrip().startswith("{"):
            out.extend(_parse_samples(_key, line))
            continue
        m = _SUPPRESS.match(line)
        if not m:
            raise CellError(
                f"line {n}: write 'RULE: reason' or 'RULE (until YYYY-MM-DD): reason'",
                f"第 {n} 行无法识别：写“规则代码: 原因”或“规则代码 (until YYYY-MM-DD): 原因”",
            )
        item: dict[str, Any] = {"rule": m.group(1)}
        reason = m.group(3)
        if reason.startswith('"') and reason.endswith('"') and len(reason) > 1:
            try:
                decoded = json.loads(reason)
            except ValueError:
                decoded = None
            if isinstance(decoded, str) and _needs_json(decoded):
                reason = decoded
        if reason.strip():
            item["reason"] = reason
        if m.group(2) is not None:
            item["until"] = _parse_date("until", m.group(2))
        out.append(item)
    return out


def _parse_date(_key: str, text: str) -> Any:
    value = text.strip()
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else value
    except ValueError:
        return value  # check_value explains what a date must look like


def _parse_enum(key: str, text: str) -> str:
    value = fold(text).strip()
    low = value.lower()
    labels = ENUM_LABELS.get(key, {})
    for name, label in labels.items():
        if low == name or value == label:
            return name
    return low if low in FIELDS[key].choices else value


_PARSERS: dict[str, Callable[[str, str], Any]] = {
    "list": _parse_lines,
    "map": _parse_map,
    "conditions": _parse_map,
    "samples": _parse_samples,
    "suppress": _parse_suppress,
    "date": _parse_date,
    "enum": _parse_enum,
}


# --- formula neutralisation ------------------------------------------------------------------


def neutralise(text: str) -> str:
    """Cell text that no spreadsheet program reads as a formula (reversed by ``restore``)."""
    if text.startswith(TRIGGERS) or text.startswith(MARK):
        return MARK + text
    return text


def restore(text: str) -> tuple[str, bool]:
    """(text without the export's marker, whether a marker was there)."""
    if text.startswith(MARK):
        return text[1:], True
    return text, False
