"""Reading a batch of orders: csv (UTF-8 or the GBK Excel writes), xlsx or jsonl rows.

Each row keeps its number as the file counts it (the spreadsheet row, header = row 1; the
line for jsonl) and its values by column header; jsonl objects may nest
(``{"order": {"id": …}}``). A cell that cannot be used (a formula) is recorded against its
column, so it fails the row only when the template needs that column.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskit.errors import InputError, UsageError

MAX_XLSX_BYTES = 50 * 1024 * 1024  # the file itself
MAX_XLSX_UNPACKED = 500 * 1024 * 1024  # all members uncompressed
MAX_XLSX_RATIO = 200  # uncompressed / compressed, per member
MAX_XLSX_MEMBERS = 10_000
READERS = (".csv", ".jsonl", ".xlsx")


@dataclass
class Row:
    number: int
    values: dict[str, Any]
    problem: tuple[str, str] | None = None  # (zh, en): a row that could not be read at all
    bad: dict[str, tuple[str, str]] = field(default_factory=dict)  # column → (zh, en)


def flat(values: Mapping[str, Any]) -> dict[str, Any]:
    """A row's values by dotted column name (jsonl objects are walked to their leaves)."""
    out: dict[str, Any] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, Mapping) and value:
            for key, child in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), child)
        else:
            out[prefix] = value

    for key, value in values.items():
        walk(str(key), value)
    return out


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
            rows.append(
                Row(number, {}, (f"不是有效的 JSON：{exc.msg}", f"not valid JSON: {exc.msg}"))
            )
            continue
        if not isinstance(data, dict):
            rows.append(
                Row(number, {}, ("这一行不是 JSON 对象 {…}", "this line is not a JSON object {…}"))
            )
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
            bad: dict[str, tuple[str, str]] = {}
            for col, (name, cell) in enumerate(zip(header, cells, strict=False), start=1):
                if not name or cell is None:
                    continue
                if isinstance(cell, str) and cell.startswith("="):
                    at = f"{get_column_letter(col)}{number}"
                    bad[name] = (
                        f"单元格 {at} 是公式，不会被计算；请填写数值",
                        f"cell {at} is a formula, which is not evaluated; type the value",
                    )
                values[name] = cell
            rows.append(Row(number, values, bad=bad))
    finally:
        book.close()
    return rows, [h for h in header if h]
