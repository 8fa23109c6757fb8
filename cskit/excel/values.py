"""One editable cell of an imported row as a typed value, and how its problems are worded.

The cell's text is parsed (``excel_layout.parse_cell``) and checked by ``schema.check_value``
— the same check the E rules use — and every problem is located at its cell (``话术库!G17``)
with a reason and a hint an editor who never sees the YAML can act on.
"""

from __future__ import annotations

from typing import Any

from cskit.config.schema import FIELDS, check_value
from cskit.excel.layout import BY_KEY, CellError, parse_cell, render
from cskit.excel.plan import EntryReport
from cskit.excel.read import Problem, SheetRow
from cskit.library.model import Library


def sheet_value(
    lib: Library, row: SheetRow, key: str, report: EntryReport
) -> tuple[bool, Any, str]:
    """(ok, parsed value, canonical text) of a cell; problems go to ``report``."""
    text = row.texts.get(key, "")
    try:
        value = parse_cell(key, text)
    except CellError as exc:
        problem(report, row, key, "error", f"无法识别：{exc.zh}", f"cannot read: {exc.en}")
        return False, None, text
    why = check_value(key, value, categories=lib.config.categories, owners=lib.config.owners)
    if why is not None:
        zh, hint = _zh_reason(key, value, why, lib)
        problem(report, row, key, "error", zh, why, hint_zh=hint)
        return False, None, text
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
    if spec.type == "enum":
        return f"{label}“{value}”不是可选值", "可选：" + "、".join(spec.choices)
    if spec.type == "category":
        return f"分类“{value}”不在配置里", "可选：" + "、".join(lib.config.categories)
    if spec.type == "owner":
        return f"负责人“{value}”不在配置的负责人名单里", "可选：" + "、".join(
            lib.config.owners or []
        )
    if spec.type == "date":
        return f"{label}“{value}”不是日期", "写成 YYYY-MM-DD，例如 2026-11-22"
    if spec.type == "duration":
        return f"{label}“{value}”不是审核周期", "写成 30d、6w、3m 或 1y"
    return f"{label}格式不对：{why}", ""
