"""Reading the rows of a chat log, csv, jsonl or xlsx, with the place each came from.

A csv or jsonl log is read as utf-8 or, failing that, gb18030 (what Excel on Chinese Windows
saves), streamed line by line, whole or one :class:`Segment` of it. An xlsx log is its first
sheet. Bad bytes, bad csv quoting, a line that is not a JSON object or a workbook that will not
open are each one :class:`~cskit.errors.InputError` naming the file and line (or cell).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cskit.coverage.logcolumns import Columns, Mapping_, find_columns
from cskit.errors import InputError

# (file:line or file!sheet:row, the file's columns, the row's cells)
RowStream = Iterator[tuple[str, Columns, Sequence[Any]]]


@dataclass(frozen=True)
class Segment:
    """A byte range of a csv or jsonl log, starting at a row of a new session (the rows of
    one session are never split), and the line number it starts at."""

    start: int = 0
    end: int | None = None
    line: int = 1


def detect_encoding(path: Path) -> str:
    """utf-8-sig, or gb18030 (Excel on Chinese Windows saves CSV as GBK), from the first MB."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1 << 20)
    except OSError as exc:
        raise InputError(
            f"无法读取：{exc.strerror}",
            str(path),
            "检查文件权限",
            en=f"cannot read: {exc.strerror}",
            hint_en="check the file's permissions",
        ) from None
    if b"\x00" in head[:4096]:
        raise InputError(
            "不是文本文件（含二进制内容）",
            str(path),
            "xlsx 文件请保留 .xlsx 扩展名",
            en="not a text file (binary content)",
            hint_en="keep the .xlsx extension for workbooks",
        )
    try:
        head.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a character cut by the 1 MB boundary
            return "utf-8-sig"
    try:
        head.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        raise _not_text(path, None) from None


def _not_text(path: Path, line: int | None) -> InputError:
    return InputError(
        "不是 UTF-8 或 GBK 编码的文本",
        f"{path}:{line}" if line else str(path),
        "另存为 UTF-8 编码的 csv",
        en="not UTF-8 or GBK text",
        hint_en="save it as UTF-8 csv",
    )


def _lines(path: Path, segment: Segment = Segment()) -> Iterator[tuple[int, str]]:
    """(line number, line) of a text file or a segment of it, streamed; a bad byte is one
    located error. A segment after the first gets the file's first line (the header) first."""
    encoding = detect_encoding(path)
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    with path.open("rb") as fh:
        if segment.start:
            head = fh.readline()
            yield 1, head.decode(encoding, "replace")
            fh.seek(segment.start)
        pos, number, end = segment.start, segment.line - 1, segment.end
        for raw in fh:
            number += 1
            try:
                line = raw.decode(encoding if number == 1 else codec)
            except UnicodeDecodeError:
                raise _not_text(path, number) from None
            yield number, line
            pos += len(raw)
            if end is not None and pos >= end:
                break


def csv_rows(path: Path, mapping: Mapping_, segment: Segment) -> RowStream:
    numbered = _lines(path, segment)
    where = [0]

    def lines() -> Iterator[str]:
        for number, line in numbered:
            where[0] = number
            yield line

    reader = csv.reader(lines(), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(
                "聊天记录是空的",
                str(path),
                "导出时选上要分析的时间段",
                en="the chat log is empty",
                hint_en="export the period you want to analyse",
            )
        columns = find_columns(header, mapping, f"{path}:1")
        for cells in reader:
            if cells and any(cells):
                yield f"{path}:{where[0]}", columns, cells
    except csv.Error as exc:
        raise InputError(
            f"不是有效的 csv：{exc}",
            f"{path}:{where[0]}",
            "检查引号是否成对",
            en=f"not valid csv: {exc}",
            hint_en="check that quotes are paired",
        ) from None


def jsonl_rows(path: Path, mapping: Mapping_, segment: Segment) -> RowStream:
    columns: Columns | None = None
    for number, line in _lines(path, segment):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"不是有效的 JSON：{exc.msg}",
                f"{path}:{number}",
                "每行一个 JSON 对象",
                en=f"not valid JSON: {exc.msg}",
                hint_en="one JSON object per line",
            ) from None
        if not isinstance(data, dict):
            raise InputError(
                "这一行不是 JSON 对象 {…}",
                f"{path}:{number}",
                "每行一个 JSON 对象",
                en="this line is not a JSON object {…}",
                hint_en="one JSON object per line",
            )
        if columns is None:  # the first object's keys are the header
            columns = find_columns(list(data), mapping, f"{path}:{number}")
        yield f"{path}:{number}", columns, [data.get(name) for name in columns.header]


def xlsx_rows(path: Path, mapping: Mapping_) -> RowStream:
    import zipfile

    from cskit.excel.safety import check_workbook

    check_workbook(path)
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(
            f"无法打开工作簿：{exc}",
            str(path),
            "用 Excel 或 WPS 另存为 xlsx",
            en=f"cannot open the workbook: {exc}",
            hint_en="save it again as xlsx",
        ) from None
    try:
        sheet = book.worksheets[0]
        columns: Columns | None = None
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            if columns is None:
                columns = find_columns(list(cells), mapping, f"{path}!{sheet.title}:{number}")
                continue
            yield f"{path}!{sheet.title}:{number}", columns, [_cell(c) for c in cells]
        if columns is None:
            raise InputError(
                "第一个工作表是空的",
                str(path),
                "把聊天记录放在第一个工作表",
                en="the first sheet is empty",
                hint_en="put the chat log on the first sheet",
            )
    finally:
        book.close()


def _cell(value: Any) -> Any:
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return value
