"""Batch rendering: one message per row of a csv, xlsx or jsonl file (DESIGN §5).

Columns are named by dotted variable paths (``order.id``, ``customer.nick``); jsonl rows may
also be nested objects. An empty cell means *no value*. Each row is checked against the
registry and rendered on its own: a bad row is reported by its row number (the spreadsheet
row, header = row 1; the line for jsonl) and skipped, the others are written. The output
(by ``--out`` extension: csv, jsonl or xlsx) has one row per input row: ``row``, ``ok``,
``text``, ``error`` (and ``chars``/``segments`` for ``--channel sms``).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskit.errors import InputError, UsageError
from cskit.fileio import atomic_write_bytes
from cskit.progress import progress
from cskit.render.renderer import Renderer, RenderFailure, sms
from cskit.render.values import flatten

MAX_XLSX_BYTES = 50 * 1024 * 1024  # the file itself
MAX_XLSX_UNPACKED = 500 * 1024 * 1024  # all members uncompressed
MAX_XLSX_RATIO = 200  # uncompressed / compressed, per member
MAX_XLSX_MEMBERS = 10_000
READERS = (".csv", ".jsonl", ".xlsx")


@dataclass
class Row:
    number: int
    values: dict[str, Any]
    problem: str | None = None  # a row that could not be read (bad JSON, a formula)


@dataclass
class BatchResult:
    total: int = 0
    rendered: int = 0
    failures: list[tuple[int, RenderFailure]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def summary(self, lang: str, out: Path) -> str:
        ignored = ", ".join(self.ignored_columns)
        if lang == "en":
            text = f"rendered {self.rendered} of {self.total} rows, {len(self.failures)} failed"
            text += f" → {out}"
            return text + (f" (ignored columns not in the registry: {ignored})" if ignored else "")
        text = (
            f"共 {self.total} 行，渲染成功 {self.rendered} 行，失败 {len(self.failures)} 行 → {out}"
        )
        return text + (f"（忽略了未登记的列：{ignored}）" if ignored else "")


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
    result = BatchResult(total=len(rows))
    result.ignored_columns = flatten({c: "" for c in columns}, renderer.config)[1]
    renderer.compile(source, name)  # a syntax error stops before any row
    top = dict(overrides or {})
    records: list[dict[str, Any]] = []
    for row in progress(rows, "渲染", enabled=show_progress, total=len(rows)):
        record: dict[str, Any] = {"row": row.number, "ok": False, "text": "", "error": ""}
        try:
            if row.problem is not None:
                raise RenderFailure("value", row.problem, row.problem)
            values = renderer.values(*layers, row.values, top)
            text = renderer.render(source, values, name)
            if channel == "sms":
                message = sms(renderer.config, text)
                text = message.text
                record.update(chars=message.chars, segments=message.segments)
            record.update(ok=True, text=text)
            result.rendered += 1
        except RenderFailure as failure:
            result.failures.append((row.number, failure))
            record["error"] = failure.message()
        records.append(record)
    write_records(out, records, sms_columns=channel == "sms")
    return result


# -- reading --------------------------------------------------------------------------------


def read_rows(path: Path) -> tuple[list[Row], list[str]]:
    """Rows and column names of a csv, jsonl or xlsx file."""
    kind = path.suffix.lower()
    if kind not in READERS:
        raise UsageError(
            f"--batch {path}：请用 .csv、.jsonl 或 .xlsx 文件",
            en=f"--batch {path}: use a .csv, .jsonl or .xlsx file",
        )
    if not path.is_file():
        raise InputError("找不到批量数据文件", where=str(path), en="batch file not found")
    if kind == ".csv":
        return _read_csv(path)
    if kind == ".jsonl":
        return _read_jsonl(path)
    return _read_xlsx(path)


def _decode(path: Path) -> str:
    try:
        blob = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"无法读取：{exc.strerror}", where=str(path), en=f"cannot read: {exc.strerror}"
        ) from None
    try:
        return blob.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:  # Excel on Chinese Windows saves "CSV" as GBK
        return blob.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(
            "不是 UTF-8 或 GBK 文本",
            where=str(path),
            hint="请另存为 UTF-8 的 CSV",
            en="not UTF-8 or GBK text",
            hint_en="save it as UTF-8 CSV",
        ) from None


def _header(names: list[Any], where: str) -> list[str]:
    header = [str(n).strip() if n is not None else "" for n in names]
    seen: set[str] = set()
    for i, name in enumerate(header):
        if name and name in seen:
            raise InputError(
                f"列 {name!r} 出现了两次",
                where=f"{where}, column {i + 1}",
                en=f"column {name!r} appears twice",
            )
        seen.add(name)
    if not any(header):
        raise InputError(
            "第一行应为列名（order.id 等）",
            where=where,
            en="the first row must name the columns (order.id, …)",
        )
    return header


def _read_csv(path: Path) -> tuple[list[Row], list[str]]:
    reader = csv.reader(io.StringIO(_decode(path), newline=""))
    try:
        header = _header(next(reader), f"{path}:1")
    except StopIteration:
        raise InputError("文件是空的", where=str(path), en="the file is empty") from None
    except csv.Error as exc:
        raise InputError(
            f"不是有效的 CSV：{exc}", where=str(path), en=f"not valid CSV: {exc}"
        ) from None
    rows: list[Row] = []
    number = 1
    try:
        for cells in reader:
            number += 1
            if not any(c.strip() for c in cells):
                continue
            values = {h: c for h, c in zip(header, cells, strict=False) if h and c.strip()}
            rows.append(Row(number, values))
    except csv.Error as exc:
        raise InputError(
            f"不是有效的 CSV：{exc}", where=f"{path}:{number}", en=f"not valid CSV: {exc}"
        ) from None
    return rows, [h for h in header if h]


def _read_jsonl(path: Path) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    columns: dict[str, None] = {}
    for number, line in enumerate(_decode(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            rows.append(Row(number, {}, f"不是有效的 JSON：{exc.msg}"))
            continue
        if not isinstance(data, dict):
            rows.append(Row(number, {}, "这一行不是 JSON 对象 {…}"))
            continue
        columns.update(dict.fromkeys(_paths(data)))
        rows.append(Row(number, data))
    return rows, list(columns)


def _paths(data: Mapping[str, Any], prefix: str = "") -> Iterator[str]:
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            yield from _paths(value, name)
        else:
            yield name


def _check_zip(path: Path) -> None:
    """Refuse zip bombs before openpyxl inflates anything."""
    if path.stat().st_size > MAX_XLSX_BYTES:
        raise InputError("工作簿大于 50 MB", where=str(path), en="workbook is larger than 50 MB")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise InputError(
            "不是 xlsx 工作簿（不是 zip 文件）",
            where=str(path),
            en="not an xlsx workbook (not a zip file)",
        ) from None
    total = sum(m.file_size for m in members)
    worst = max((m.file_size / max(m.compress_size, 1) for m in members), default=0)
    if len(members) > MAX_XLSX_MEMBERS or total > MAX_XLSX_UNPACKED or worst > MAX_XLSX_RATIO:
        raise InputError(
            "工作簿解压后数据过大，已拒绝",
            where=str(path),
            en="workbook unpacks to too much data; refused",
        )


def _read_xlsx(path: Path) -> tuple[list[Row], list[str]]:
    _check_zip(path)
    import openpyxl
    from openpyxl.utils import get_column_letter

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise InputError(
            f"无法打开工作簿：{exc}", where=str(path), en=f"cannot open workbook: {exc}"
        ) from None
    try:
        sheet = book.worksheets[0]
        it = sheet.iter_rows(values_only=True)
        try:
            header = _header(list(next(it)), f"{path}!1")
        except StopIteration:
            raise InputError(
                "第一个工作表是空的", where=str(path), en="the first sheet is empty"
            ) from None
        rows: list[Row] = []
        for number, cells in enumerate(it, start=2):
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            values: dict[str, Any] = {}
            problem = None
            for col, (name, cell) in enumerate(zip(header, cells, strict=False), start=1):
                if not name or cell is None:
                    continue
                if isinstance(cell, str) and cell.startswith("="):
                    problem = (
                        f"单元格 {get_column_letter(col)}{number} 是公式，不会被计算；请填写数值"
                    )
                values[name] = cell
            rows.append(Row(number, values, problem))
    finally:
        book.close()
    return rows, [h for h in header if h]


# -- writing --------------------------------------------------------------------------------


def write_records(out: Path, records: list[dict[str, Any]], *, sms_columns: bool) -> None:
    columns = ["row", "ok", "text", "error"] + (["chars", "segments"] if sms_columns else [])
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
    try:
        atomic_write_bytes(out, data)
    except OSError as exc:
        raise UsageError(
            f"无法写入 {out}：{exc.strerror}", en=f"cannot write {out}: {exc.strerror}"
        ) from None


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
