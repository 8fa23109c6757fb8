"""Batch rendering: one message per row of an order export (csv, xlsx or jsonl; docs/templates.md).

Columns feed variables by dotted name, by the registry's Chinese label (``订单号`` →
``order.id``) or by ``--map 订单编号=order.id`` (:mod:`cskit.render.columns`). An empty cell
means *no value*. Each row is checked against the registry and rendered on its own: only the
variables the template uses are read, so a bad value in a column it does not use does not
fail the row; a bad row is reported as 数据第 N 行 (the spreadsheet row, header = row 1; the
line for jsonl) and skipped, the others are written. A place in the template is 模板第 N 行,
so the two cannot be confused. A long number a spreadsheet rounded (``4.12860335719027E+18``)
is explained as ``cskit import`` explains it.

The output (by ``--out`` extension: csv, jsonl or xlsx) has one row per input row: ``row``,
the ``--keep`` columns as they were (order id, phone…), ``ok``, ``text``, ``error`` (and
``chars``/``segments`` for ``--channel sms``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskit.errors import UsageError
from cskit.fileio import write_output
from cskit.progress import progress
from cskit.render.columns import check_keep, match_columns, used_variables
from cskit.render.renderer import Renderer, RenderFailure, label_of, sms
from cskit.render.tables import READERS, Row, flat, read_rows
from cskit.render.values import is_empty
from cskit.text.lostdigits import lost_digits

__all__ = ["BatchResult", "Row", "read_rows", "render_batch", "write_records"]


@dataclass
class BatchResult:
    total: int = 0
    rendered: int = 0
    failures: list[tuple[int, RenderFailure]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    matched: dict[str, str] = field(default_factory=dict)  # header → variable

    def failure_lines(self, lang: str) -> list[str]:
        """One line per failed row: ``数据第 3 行：…（模板第 2 行）``."""
        if lang == "en":
            return [f"data row {n}: {describe(f, lang)}" for n, f in self.failures]
        return [f"数据第 {n} 行：{describe(f, lang)}" for n, f in self.failures]

    def summary(self, lang: str, out: Path) -> str:
        ignored = ", ".join(self.ignored_columns)
        if lang == "en":
            text = f"rendered {self.rendered} of {self.total} data rows, "
            text += f"{len(self.failures)} failed → {out}"
            return text + (f" (ignored columns, no variable: {ignored})" if ignored else "")
        text = f"共 {self.total} 行数据，渲染成功 {self.rendered} 行，失败 {len(self.failures)} 行"
        text += f" → {out}"
        return text + (f"（忽略了没有对应变量的列：{ignored}）" if ignored else "")


def describe(failure: RenderFailure, lang: str = "zh-Hans") -> str:
    """A failure's text with its template line worded as such (never a bare 第 N 行)."""
    text = failure.en if lang == "en" else failure.zh
    if failure.line is not None:
        text += (
            f" (template line {failure.line})" if lang == "en" else f"（模板第 {failure.line} 行）"
        )
    return text


def render_batch(
    renderer: Renderer,
    source: str,
    name: str,
    batch: Path,
    out: Path,
    layers: Sequence[Mapping[str, Any]],
    overrides: Mapping[str, Any] | None = None,
    *,
    channel: str | None = None,
    show_progress: bool = True,
    maps: Mapping[str, str] | None = None,
    keep: Sequence[str] = (),
    lang: str = "zh-Hans",
) -> BatchResult:
    """Render ``source`` for every row of ``batch`` and write ``out`` atomically.

    Values: ``layers`` (sample, data file) < the row < ``overrides`` (``--set``)."""
    out_kind = out.suffix.lower()
    if out_kind not in READERS:
        raise UsageError(
            f"--output {out}：请用 .csv、.jsonl 或 .xlsx 文件",
            en=f"--output {out}: use a .csv, .jsonl or .xlsx file",
        )
    if batch.resolve() == out.resolve():
        raise UsageError(
            "--output 不能就是 --batch 文件本身",
            en="--output must not be the --batch file itself",
        )
    rows, columns = read_rows(batch)
    config = renderer.config
    matched, unknown = match_columns(columns, config, maps or {})
    check_keep(list(keep), columns)
    result = BatchResult(total=len(rows), matched=matched)
    result.ignored_columns = [c for c in unknown if c not in keep]
    renderer.compile(source, name)  # a syntax error stops before any row
    used = used_variables(source, config, renderer.library)
    top = dict(overrides or {})
    records: list[dict[str, Any]] = []
    for row in progress(rows, "渲染", enabled=show_progress, total=len(rows)):
        record: dict[str, Any] = {"row": row.number}
        cells = flat(row.values)
        record.update({column: as_text(cells.get(column)) for column in keep})
        record.update(ok=False, text="", error="")
        try:
            values = renderer.values(*layers, _row_values(row, cells, matched, used, config), top)
            text = renderer.render(source, values, name)
            if channel == "sms":
                message = sms(config, text)
                text = message.text
                record.update(chars=message.chars, segments=message.segments)
            record.update(ok=True, text=text)
            result.rendered += 1
        except RenderFailure as failure:
            result.failures.append((row.number, failure))
            record["error"] = describe(failure, lang)
        records.append(record)
    write_records(out, records, sms_columns=channel == "sms", keep=list(keep))
    return result


def _row_values(
    row: Row,
    cells: dict[str, Any],
    matched: Mapping[str, str],
    used: set[str] | None,
    config: Any,
) -> dict[str, Any]:
    """The row's values by variable, only those the template uses; a value that cannot be
    used (a formula, a rounded long number) fails the row only when it is used."""
    if row.problem is not None:
        raise RenderFailure("value", *row.problem)
    out: dict[str, Any] = {}
    for header, value in cells.items():
        name = matched.get(header)
        if name is None or (used is not None and name not in used):
            continue
        if header in row.bad:
            raise RenderFailure("value", *row.bad[header], variable=name)
        var = config.variables[name]
        lost = lost_digits(value) if var.type in ("str", "int") and not is_empty(value) else None
        if lost is not None:
            label = label_of(name, config)
            raise RenderFailure(
                "value",
                f"{name}{label}的值：{lost.zh}；{lost.hint_zh}",
                f"{name}: {lost.en}; {lost.hint_en}",
                variable=name,
            )
        out[name] = value
    return out


def as_text(value: Any) -> str:
    """A kept column's value as the file showed it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# -- writing --------------------------------------------------------------------------------


def write_records(
    out: Path, records: list[dict[str, Any]], *, sms_columns: bool, keep: Sequence[str] = ()
) -> None:
    columns = ["row", *keep, "ok", "text", "error"] + (["chars", "segments"] if sms_columns else [])
    kind = out.suffix.lower()
    if kind == ".jsonl":
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        data = body.encode("utf-8")
    elif kind == ".csv":
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({**r, "ok": "true" if r["ok"] else "false"} for r in records)
        data = buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8
    else:
        data = _xlsx_bytes(records, columns)
    write_output(out, data)  # a regular file, never the input or a library file


def _xlsx_bytes(records: list[dict[str, Any]], columns: list[str]) -> bytes:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("结果")
    sheet.append(columns)
    for record in records:
        cells = []
        for column in columns:
            value = record.get(column, "")
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: never a formula
                cell.number_format = "@"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
