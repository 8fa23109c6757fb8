"""One editable cell of an imported row as a typed value, and how its problems are worded.

The cell's text is put into the machine form (:mod:`cskit.excel.typed`: ``投诉纠纷`` →
``complaint``, ``12月7日`` → a date), parsed (:func:`cskit.excel.layout.parse_cell`) and
checked by ``schema.check_value`` — the same check the E rules use — and every problem is
located at its cell (``话术库!H17``) with a reason and a hint an editor who never sees the
YAML can act on; a hint for a choice pairs the key with its label (``是不是 complaint（投诉纠纷）？``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cskit.config.schema import FIELDS, check_value
from cskit.excel.layout import BY_KEY, CellError, parse_cell, render
from cskit.excel.plan import EntryReport
from cskit.excel.read import Problem, SheetRow
from cskit.excel.typed import SYNONYMS, canonical, closest, named, options
from cskit.library.model import Library


def sheet_value(
    lib: Library, row: SheetRow, key: str, report: EntryReport, as_of: dt.date
) -> tuple[bool, Any, str]:
    """(ok, parsed value, canonical text) of a cell; problems go to ``report``.

    What the editor typed is first put into the machine form (:mod:`cskit.excel.typed`):
    ``投诉纠纷`` → ``complaint``, ``12月7日`` → a date, ``3个月`` → ``3m``."""
    text = row.texts.get(key, "")
    typed = canonical(
        key, text, categories=lib.config.categories, as_of=as_of, field_type=FIELDS[key].type
    )
    try:
        value = parse_cell(key, typed.text)
    except CellError as exc:
        problem(report, row, key, "error", f"无法识别：{exc.zh}", f"cannot read: {exc.en}")
        return False, None, text
    why = check_value(key, value, categories=lib.config.categories, owners=lib.config.owners)
    if why is not None:
        zh, hint = _zh_reason(key, value, why, lib)
        problem(report, row, key, "error", zh, why, hint_zh=hint, hint_en=_en_hint(key, value, lib))
        return False, None, text
    if typed.note_zh:
        problem(report, row, key, "note", typed.note_zh, typed.note_en)
    return True, value, render(key, value)


def leading_quote(report: EntryReport, row: SheetRow, key: str, s: str, b: str | None) -> None:
    if s.startswith("'") and not (b or "").startswith("'"):
        problem(
            report,
            row,
            key,
            "warning",
            "开头多了一个英文单引号 '，它会成为内容的一部分",
            "a leading apostrophe is now part of the text",
            hint_zh="单元格已是文本格式，不需要加 '；如是误加请删掉",
            hint_en="the cell is already Text; delete the ' unless you mean it",
        )


def problem(
    report: EntryReport,
    row: SheetRow,
    key: str,
    severity: str,
    zh: str,
    en: str,
    *,
    hint_zh: str = "",
    hint_en: str = "",
    base: str | None = None,
    library: str | None = None,
    sheet: str | None = None,
) -> None:
    report.problems.append(
        Problem(severity, zh, en, row.cell(key), key, hint_zh, hint_en, base, library, sheet)
    )


def _zh_reason(key: str, value: Any, why: str, lib: Library) -> tuple[str, str]:
    spec = FIELDS[key]
    label = BY_KEY[key].header
    choices = options(key, lib.config.categories, lib.config.owners)
    if choices and isinstance(value, str):
        what = {"category": "分类", "owner": "负责人"}.get(key, label)
        where = {"category": "不在配置的分类里", "owner": "不在配置的负责人名单里"}
        head = f"{what}“{value}”{where.get(key, '不是可选值')}"
        guess = closest(value, choices, SYNONYMS.get(key))
        listed = "可选：" + "、".join(named(k, v) for k, v in choices.items())
        if guess is not None:
            return head, f"是不是 {named(guess, choices[guess])}？{listed}"
        return head, listed
    if spec.type == "date":
        return (
            f"{label}“{value}”不是日期",
            "写成 2026-12-07、2026/12/7、2026年12月7日，或不写年份的 12月7日",
        )
    if spec.type == "duration":
        return (
            f"{label}“{value}”不是审核周期",
            "写成 90天、6周、3个月、半年、1年（或 90d、6w、3m、1y）",
        )
    return f"{label}格式不对：{why}", ""


def _en_hint(key: str, value: Any, lib: Library) -> str:
    choices = options(key, lib.config.categories, lib.config.owners)
    if choices and isinstance(value, str):
        guess = closest(value, choices, SYNONYMS.get(key))
        listed = "one of: " + ", ".join(named(k, v) for k, v in choices.items())
        return f"did you mean {named(guess, choices[guess])}? {listed}" if guess else listed
    if FIELDS[key].type == "date":
        return "write 2026-12-07, 2026/12/7, 2026年12月7日, or 12月7日 without the year"
    if FIELDS[key].type == "duration":
        return "write 90天, 6周, 3个月, 半年, 1年 (or 90d, 6w, 3m, 1y)"
    return ""
