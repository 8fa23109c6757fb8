"""The import report: text (Chinese by default), JSON (versioned like the lint JSON), an annotated workbook."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cskit import __version__
from cskit.excel.layout import BY_KEY
from cskit.excel.plan import EntryReport, ImportResult
from cskit.excel.read import Problem

_ACTION_ZH = {
    "created": "新增",
    "updated": "更新",
    "unchanged": "未变",
    "conflict": "冲突",
    "missing": "缺失",
    "invalid": "无效",
}
_SEVERITY_ZH = {"error": "错误", "conflict": "冲突", "warning": "警告", "note": "说明"}
_ORDER = {"invalid": 0, "conflict": 1, "created": 2, "updated": 3, "missing": 4, "unchanged": 5}


def _short(text: str | None, limit: int = 60) -> str:
    if text is None:
        return "—"
    flat = text.replace("\n", "⏎")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _field_name(key: str, en: bool) -> str:
    return key if en or key not in BY_KEY else BY_KEY[key].header


def render_text(result: ImportResult, *, lang: str, dry_run: bool, verbose: bool = False) -> str:
    en = lang == "en"
    lines: list[str] = []
    for p in result.sheet_problems:
        lines.append(_problem_line(p, en, indent=""))
    shown = [e for e in result.entries if verbose or e.action != "unchanged" or _worth(e)]
    for e in sorted(shown, key=lambda e: (_ORDER[e.action], e.row)):
        lines.append(_entry_line(e, en))
        lines += [_problem_line(p, en) for p in e.problems]
    lines.append(_summary_line(result, en, dry_run))
    return "\n".join(lines) + "\n"


def _worth(e: EntryReport) -> bool:
    return bool(e.note(False)) or any(p.severity != "note" for p in e.problems)


def _entry_line(e: EntryReport, en: bool) -> str:
    action = e.action if en else _ACTION_ZH[e.action]
    named = bool(e.id) and (e.action == "created" or not e.new)
    if named:
        rid = e.id
    elif e.new:  # the editor's new row, refused: named by its row, not a would-be id
        rid = f"new row {e.row}" if en else f"新增 第 {e.row} 行"
    else:
        rid = f"row {e.row}" if en else f"第 {e.row} 行"
    parts = [f"{action} {rid}"]
    if e.fields and e.action in ("created", "updated"):
        names = ", ".join(_field_name(k, en) for k in e.fields)
        parts.append(f"[{names}]" if en else f"［{names}］")
    if named and e.row:
        parts.append(f"(row {e.row})" if en else f"（第 {e.row} 行）")
    if e.action == "created" and e.file:
        parts.append(f"→ {e.file}")
    note = e.note(en)
    if note:
        parts.append(f"— {note}")
    return " ".join(parts)


def _problem_line(p: Problem, en: bool, indent: str = "  ") -> str:
    sev = p.severity if en else _SEVERITY_ZH[p.severity]
    where = f"{p.cell} " if p.cell else ""
    field = f"{_field_name(p.field, en)}: " if p.field and p.field != "id" else ""
    out = f"{indent}{where}{sev}: {field}{p.en if en else p.zh}"
    if p.base is not None or p.library is not None or p.sheet is not None:
        if en:
            out += (
                f"\n{indent}    base: {_short(p.base)} | library: {_short(p.library)}"
                f" | sheet: {_short(p.sheet)}"
            )
        else:
            out += (
                f"\n{indent}    导出时：{_short(p.base)}｜话术库现在：{_short(p.library)}"
                f"｜表格：{_short(p.sheet)}"
            )
    hint = p.hint_en if en else p.hint_zh or p.hint_en
    if hint:
        out += f"\n{indent}    {'hint' if en else '建议'}: {hint}"
    return out


def _summary_line(result: ImportResult, en: bool, dry_run: bool) -> str:
    c = result.summary()
    if en:
        head = ", ".join(f"{k} {v}" for k, v in c.items())
        if result.refused:
            tail = "Nothing was written (fix the errors and conflicts above, then import again)."
        elif result.written:
            tail = f"Written: {len(result.files)} file(s)."
        elif dry_run and result.files:
            tail = f"Dry run: {len(result.files)} file(s) would change; nothing written."
        else:
            tail = "Nothing to write."
        return f"Summary: {head}. {tail}"
    head = "，".join(f"{_ACTION_ZH[k]} {v}" for k, v in c.items())
    if result.refused:
        tail = "未写入任何文件（请先处理上面的错误和冲突，再重新导入）。"
    elif result.written:
        tail = f"已写入 {len(result.files)} 个文件。"
    elif dry_run and result.files:
        tail = f"试运行：将修改 {len(result.files)} 个文件，本次未写入。"
    else:
        tail = "没有需要写入的内容。"
    return f"汇总：{head}。{tail}"


def render_json(result: ImportResult, *, lang: str) -> str:
    en = lang == "en"
    entries = []
    for e in result.entries:
        note = e.note(en)
        msgs = [p.en if en else p.zh for p in e.problems if p.severity != "note"]
        entries.append(
            {
                "id": e.id,
                "action": e.action,
                "fields": e.fields,
                "cells": e.cells,
                "message": "; ".join([*([note] if note else []), *msgs]),
                "row": e.row,
                "file": e.file,
                "problems": [_problem_json(p, en) for p in e.problems],
            }
        )
    doc: dict[str, Any] = {
        "version": 1,
        "cskit": __version__,
        "entries": entries,
        "problems": [_problem_json(p, en) for p in result.sheet_problems],
        "summary": result.summary(),
        "written": result.written,
        "files": result.files,
        "base": result.base_source,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _problem_json(p: Problem, en: bool) -> dict[str, Any]:
    return {
        "severity": p.severity,
        "cell": p.cell,
        "field": p.field,
        "message": p.en if en else p.zh,
        "hint": p.hint_en if en else (p.hint_zh or p.hint_en),
        "base": p.base,
        "library": p.library,
        "sheet": p.sheet,
    }


def annotate(source: Path, out: Path, result: ImportResult, *, lang: str) -> None:
    """A copy of the workbook with each reported cell filled and commented, plus a report sheet."""
    import io

    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    from cskit.errors import UsageError
    from cskit.excel.safety import load
    from cskit.fileio import check_output, write_output

    check_output(out)
    if out.resolve() == source.resolve():
        raise UsageError("--annotate must name a new file, not the workbook being imported")
    en = lang == "en"
    fills = {
        "error": PatternFill("solid", fgColor="FFC7CE"),
        "conflict": PatternFill("solid", fgColor="FFEB9C"),
        "warning": PatternFill("solid", fgColor="FFF2CC"),
    }
    wb = load(source, rich_text=False)  # already through check_workbook in read_sheet
    notes: dict[str, list[Problem]] = {}
    for p in [*result.sheet_problems, *(p for e in result.entries for p in e.problems)]:
        if p.cell and p.severity in fills and "!" in p.cell:
            notes.setdefault(p.cell, []).append(p)
    for ref, problems in notes.items():
        sheet, coord = ref.split("!", 1)
        if sheet not in wb.sheetnames or ":" in coord or not coord[0].isalpha():
            continue
        cell = wb[sheet][coord]
        worst = min(problems, key=lambda p: list(fills).index(p.severity))
        cell.fill = fills[worst.severity]
        body = "\n".join(_problem_line(p, en, indent="").strip() for p in problems)
        cell.comment = Comment(body[:30000], "cskit")
    ws = wb.create_sheet("导入报告" if not en else "import report", 0)
    text = render_text(result, lang=lang, dry_run=True)
    for r, line in enumerate(text.splitlines(), 1):
        c = ws.cell(r, 1)
        c.value = line
        c.data_type = "s"
    ws.column_dimensions["A"].width = 120
    buf = io.BytesIO()
    wb.save(buf)
    write_output(out, buf.getvalue())
