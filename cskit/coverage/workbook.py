"""``cskit coverage --format xlsx``: the report as a workbook for people who live in Excel.

Sheets: 概览 (the summary), 未覆盖问题 (clusters with representative questions and the YAML
draft), 待补充条目 (the drafts as rows with the ``cskit export`` columns: copy them under the
rows of an exported 话术库 sheet, fill in 回复, and ``cskit import`` creates the entries),
条目命中 (hits and last date per entry), 明细 (every customer turn; at most 1,048,575 rows,
Excel's limit). Every cell is text with the Text number format, never a formula.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from cskit.coverage.report import TURN_HEADERS, clusters, entries, summary, turns
from cskit.coverage.run import CoverageResult
from cskit.errors import OutputError, UsageError
from cskit.excel.base import encode_cell
from cskit.excel.layout import COLUMNS, DATA_SHEET
from cskit.fileio import atomic_write_stream, check_output

MAX_ROWS = 1_048_575  # Excel's rows per sheet, less the header

_SUMMARY = {
    "files": ("文件", "files"),
    "rows": ("读入行数", "rows read"),
    "skipped_rows": ("跳过的行（系统消息、空消息、角色不明）", "rows skipped"),
    "sessions": ("会话数", "sessions"),
    "customer_turns": ("买家发言", "customer turns"),
    "chitchat": ("寒暄（不计入）", "chitchat (left out)"),
    "questions": ("提问", "questions"),
    "answered": ("有条目回答", "answered"),
    "unanswered": ("未覆盖", "unanswered"),
    "coverage": ("覆盖率", "coverage"),
    "answered_from_context": ("借上文判断的追问", "answered from context"),
    "entries": ("条目（启用中）", "active entries"),
    "entries_hit": ("命中过的条目", "entries hit"),
    "entries_never_hit": ("从未命中的条目", "entries never hit"),
    "unanswered_distinct": ("不同的未覆盖问法", "distinct unanswered wordings"),
    "period": ("时间范围", "period"),
}


def write_workbook(result: CoverageResult, out: Path, lang: str) -> None:
    if out.suffix.lower() != ".xlsx":
        raise UsageError(
            "--format xlsx 需要 --output 指定一个 .xlsx 文件",
            hint="例如 --format xlsx -o 覆盖率.xlsx",
            en="--format xlsx needs --output FILE.xlsx",
            hint_en="e.g. --format xlsx -o coverage.xlsx",
        )
    check_output(out)
    try:
        atomic_write_stream(out, lambda fh: _write(result, fh, lang))
    except OSError as exc:
        raise OutputError(
            f"无法写入 {out}：{exc.strerror}",
            en=f"cannot write {out}: {exc.strerror}",
        ) from None


def _write(result: CoverageResult, fh: BinaryIO, lang: str) -> None:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    en = lang == "en"
    book = openpyxl.Workbook(write_only=True)

    def sheet(title: str, header: list[str], rows: Any, widths: list[int]) -> None:
        ws = book.create_sheet(title)
        for n, width in enumerate(widths):
            ws.column_dimensions[_letter(n + 1)].width = width
        ws.freeze_panes = "A2"
        ws.append([_cell(ws, h, WriteOnlyCell) for h in header])
        for count, row in enumerate(rows):
            if count >= MAX_ROWS:
                break
            ws.append([_cell(ws, v, WriteOnlyCell) for v in row])

    s = summary(result)
    sheet(
        "Summary" if en else "概览",
        ["item", "value"] if en else ["项目", "数值"],
        ((_SUMMARY[k][1 if en else 0], _fmt(k, v)) for k, v in s.items() if k in _SUMMARY),
        [36, 60],
    )
    sheet(
        "Unanswered" if en else "未覆盖问题",
        ["id", "turns", "sessions", "topic", "suggested category", "questions", "draft (YAML)"]
        if en
        else ["编号", "次数", "会话数", "主题", "建议分类", "代表问题", "草稿（YAML）"],
        (
            (
                c["id"],
                c["size"],
                c["sessions"],
                c["label"],
                c["category"],
                "\n".join(f"{q['text']} (×{q['count']})" for q in c["questions"]),
                c["stub"],
            )
            for c in clusters(result)
        ),
        [8, 8, 8, 28, 14, 50, 60],
    )
    columns = [c for c in COLUMNS if c.key != "file"]
    sheet(
        "Drafts" if en else "待补充条目",
        [c.header for c in columns],
        ([c.row.get(col.key, "") for col in columns] for c in result.clusters),
        [col.width for col in columns],
    )
    sheet(
        "Entries" if en else "条目命中",
        ["id", "title", "category", "hits", "last seen", "file", "line"]
        if en
        else ["条目ID", "标题", "分类", "命中次数", "最近命中", "文件", "行号"],
        (
            (
                e["id"],
                e["title"],
                e["category"],
                e["hits"],
                e["last_seen"] or "",
                e["file"],
                e["line"],
            )
            for e in entries(result)
        ),
        [30, 30, 14, 10, 12, 40, 8],
    )
    titles = {e.id: e.title for e in result.entries}
    yes, no = ("yes", "no") if en else ("是", "否")
    sheet(
        "Turns" if en else "明细",
        TURN_HEADERS["en" if en else "zh-Hans"],
        (
            (
                t["session"],
                t["index"],
                t["time"] or "",
                t["text"],
                t["entry_id"] or "",
                titles.get(t["entry_id"] or "", ""),
                yes if t["chitchat"] else no,
                t["score"],
            )
            for t in turns(result)
        ),
        [24, 6, 20, 60, 26, 24, 6, 8],
    )
    note = DATA_SHEET  # the sheet the draft rows are pasted into
    book.properties.subject = f"cskit coverage; drafts go under {note}"
    book.save(fh)


def _fmt(key: str, value: Any) -> str:
    if key == "files":
        return "\n".join(value)
    if key == "period":
        return f"{value['from'] or '—'} ~ {value['to'] or '—'}"
    if key == "coverage" and value is not None:
        return f"{value * 100:.1f}%"
    return "" if value is None else str(value)


def _cell(ws: Any, value: Any, factory: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return factory(ws, value=value)
    cell = factory(ws, value=encode_cell("" if value is None else str(value)))
    cell.data_type = "s"  # text stays text: never a formula
    cell.number_format = "@"
    return cell


def _letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(n))
