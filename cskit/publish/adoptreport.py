"""The adopt report, in Chinese (default) or English: what was read, how groups map, the
duplicates and conflicts found before writing, each row that needs attention (by its cell),
and what was (or would be) written. JSON (``--format json``) carries the same, version 1."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from cskit import __version__
from cskit.publish.adoptmodel import AdoptResult, RowReport
from cskit.publish.profile import ENCODING_LABELS

ACTIONS = ("created", "skipped", "invalid", "conflict")
_ACTION_ZH = {"created": "新建", "skipped": "跳过", "invalid": "无效", "conflict": "冲突"}
_SEVERITY_ZH = {"error": "错误", "conflict": "冲突", "warning": "警告", "note": "说明"}


def _read_line(result: AdoptResult, en: bool) -> str:
    intake = result.intake
    columns = ", ".join(f"{h}→{f}" for f, h in intake.columns.items())
    if intake.kind == "csv":
        enc = ENCODING_LABELS.get(intake.encoding, (intake.encoding, intake.encoding))
        how = f"CSV, {enc[1]}" if en else f"CSV，{enc[0]}"
    else:
        how = f"sheet {intake.sheet}" if en else f"工作表 {intake.sheet}"
    rows = len(intake.phrases)
    if en:
        return f"{intake.path} ({how}): {rows} rows; columns {columns}"
    return f"{intake.path}（{how}）：{rows} 行；列 {columns}"


def _row_lines(report: RowReport, en: bool, verbose: bool) -> list[str]:
    shown = [p for p in report.problems if verbose or p[0] in ("error", "conflict")]
    if not shown:
        return []
    phrase = report.draft.phrase
    head = f"row {phrase.row}" if en else f"第 {phrase.row} 行"
    name = f" [{report.id}]" if report.id else ""
    lines = []
    for severity, zh, en_text in shown:
        label = severity if en else _SEVERITY_ZH[severity]
        lines.append(f"  {head}{name}: {label}: {en_text if en else zh}")
    return lines


def render_text(result: AdoptResult, lang: str, *, verbose: bool = False) -> str:
    en = lang == "en"
    lines = [_read_line(result, en)]
    if result.prompt is not None and not result.prompt_written:
        lines.append(
            f"Groups need mapping to categories: without --dry-run cskit writes {result.prompt} "
            "for you to fill in. Nothing was adopted."
            if en
            else f"有分组还不能对应到分类：不加 --dry-run 运行时会写出 {result.prompt} 供填写。"
            "这次什么也没有采用。"
        )
        return "\n".join(lines) + "\n"
    if result.prompt is not None:
        if en:
            lines.append(
                f"Groups need mapping to categories: wrote {result.prompt}; fill it in, then "
                f"run again with --groups {result.prompt}. Nothing was adopted."
            )
        else:
            lines.append(
                f"有分组还不能对应到分类：已写出 {result.prompt}，填好后加 --groups "
                f"{result.prompt} 重新运行。这次什么也没有采用。"
            )
        return "\n".join(lines) + "\n"
    counts = Counter(r.draft.group for r in result.rows)
    mapped = []
    for name, plan in result.groups.items():
        target = "skip" if plan.skip else plan.category
        mapped.append(f"{name} → {target} ({counts.get(name, 0)})")
    if mapped:
        lines.append(("Groups: " if en else "分组：") + ", ".join(mapped))
    for zh, en_text in result.problems:
        lines.append(f"  {en_text if en else zh}")
    for report in result.rows:
        lines.extend(_row_lines(report, en, verbose))
    summary = Counter(r.action for r in result.rows)
    parts = [
        f"{a} {summary.get(a, 0)}" if en else f"{_ACTION_ZH[a]} {summary.get(a, 0)}"
        for a in ACTIONS
    ]
    warnings = sum(1 for r in result.rows for p in r.problems if p[0] == "warning")
    if warnings and not verbose:
        parts.append(
            f"{warnings} warning(s), --verbose lists them"
            if en
            else f"警告 {warnings} 条（--verbose 列出）"
        )
    lines.append(("Summary: " if en else "合计：") + ", ".join(parts))
    if result.refused:
        lines.append(
            "Refused: nothing was written (fix the rows above and run again)."
            if en
            else "未采用：什么也没有写入（处理上面列出的行后重新运行）。"
        )
    elif result.written:
        files = ", ".join(result.files)
        lines.append(f"Written: {files}" if en else f"已写入：{files}")
    elif summary.get("created"):
        files = ", ".join(result.files)
        lines.append(f"Dry run: would write {files}" if en else f"试运行：将写入 {files}")
    else:
        lines.append("Nothing to write." if en else "没有需要写入的内容。")
    return "\n".join(lines) + "\n"


def render_json(result: AdoptResult, lang: str) -> str:
    en = lang == "en"

    def row(report: RowReport) -> dict[str, Any]:
        return {
            "row": report.draft.phrase.row,
            "id": report.id,
            "action": report.action,
            "file": report.file if report.action == "created" else "",
            "group": report.draft.group,
            "problems": [{"severity": s, "message": e if en else z} for s, z, e in report.problems],
        }

    summary = Counter(r.action for r in result.rows)
    payload = {
        "version": 1,
        "cskit": __version__,
        "file": str(result.intake.path),
        "columns": result.intake.columns,
        "groups": {
            name: ("" if plan.skip else plan.category) for name, plan in result.groups.items()
        },
        "mapping_file": str(result.prompt) if result.prompt else None,
        "rows": [row(r) for r in result.rows],
        "pairs": [
            {
                "code": p.code,
                "label": p.label,
                "row": p.new.draft.phrase.row,
                "other": p.other.id,
                "other_row": p.other_row.draft.phrase.row if p.other_row else None,
                "score": p.score,
            }
            for p in result.pairs
        ],
        "summary": {a: summary.get(a, 0) for a in ACTIONS},
        "files": result.files,
        "written": result.written,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
