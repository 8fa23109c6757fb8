"""Reading chat-log exports (csv, xlsx, jsonl) into turns, one at a time.

Columns are found by their header, Chinese or English (``会话ID, 时间, 发送方, 角色, 内容``;
``session_id, time, sender, role, content`` and the like, see :data:`HEADERS`); ``--map
FIELD=COLUMN`` names others. Who spoke is read from the role column, or, without one, from
the sender column when its values say it (``客服01``, ``买家2711``). Role values are matched
by :data:`ROLES`; ``--map customer=VALUE`` / ``--map agent=VALUE`` add a shop's own words.
System rows and empty messages are skipped (and counted).

``index`` is the 1-based row number of the turn inside its session, every row of the session
counted (agent rows too), in file order. A file that cannot be read, is empty, is not csv,
xlsx or jsonl, or lacks a needed column is one :class:`~cskit.errors.InputError` naming the
file (and line or cell).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from cskit.errors import InputError, UsageError

FIELDS = ("session", "time", "sender", "role", "text")
KINDS = (".csv", ".jsonl", ".xlsx")
CUSTOMER, AGENT, SYSTEM = "customer", "agent", "system"

# Header names per field, compared after lower-casing and dropping spaces, "_" and "-".
HEADERS: dict[str, tuple[str, ...]] = {
    "session": (
        "会话id",
        "会话",
        "会话编号",
        "会话号",
        "对话id",
        "对话编号",
        "咨询id",
        "接待id",
        "session",
        "sessionid",
        "conversation",
        "conversationid",
        "chatid",
        "dialogid",
        "dialogueid",
        "thread",
        "threadid",
        "ticketid",
    ),
    "time": (
        "时间",
        "发送时间",
        "消息时间",
        "日期",
        "时间戳",
        "创建时间",
        "time",
        "timestamp",
        "datetime",
        "date",
        "sentat",
        "createdat",
        "sendtime",
        "msgtime",
    ),
    "sender": (
        "发送方",
        "发送人",
        "发送者",
        "昵称",
        "发言人",
        "用户名",
        "账号",
        "sender",
        "from",
        "nick",
        "nickname",
        "author",
        "name",
        "user",
        "username",
    ),
    "role": (
        "角色",
        "身份",
        "发送方类型",
        "发送方角色",
        "用户类型",
        "消息方向",
        "role",
        "speaker",
        "sendertype",
        "fromtype",
        "usertype",
        "speakerrole",
        "direction",
        "side",
    ),
    "text": (
        "内容",
        "消息内容",
        "消息",
        "文本",
        "聊天内容",
        "对话内容",
        "发言内容",
        "content",
        "text",
        "message",
        "msg",
        "body",
        "utterance",
        "messagetext",
    ),
}
ROLES: dict[str, tuple[str, ...]] = {
    CUSTOMER: (
        "买家",
        "顾客",
        "客户",
        "用户",
        "消费者",
        "访客",
        "会员",
        "customer",
        "buyer",
        "user",
        "client",
        "visitor",
        "guest",
        "q",
    ),
    AGENT: (
        "客服",
        "卖家",
        "商家",
        "店铺",
        "坐席",
        "人工",
        "店小二",
        "小二",
        "售后",
        "机器人",
        "agent",
        "seller",
        "staff",
        "service",
        "support",
        "shop",
        "bot",
        "a",
        "assistant",
    ),
    SYSTEM: ("系统", "系统消息", "system", "notice", "通知"),
}
REQUIRED = ("session", "text")


def _key(name: str) -> str:
    return "".join(ch for ch in str(name).strip().lower() if ch not in " _-\u3000")


class Turn(NamedTuple):
    session: str
    index: int  # type: ignore[assignment]  # 1-based row in the session, agent rows counted
    time: str
    role: str  # customer or agent
    text: str
    where: str  # file:line or file!row, for messages


@dataclass
class Mapping_:
    """What ``--map`` said: field → column name, and extra role words."""

    columns: dict[str, str] = field(default_factory=dict)
    roles: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def parse(cls, items: Sequence[str]) -> Mapping_:
        out = cls()
        for item in items:
            for part in item.split(","):
                if not part.strip():
                    continue
                name, sep, value = part.partition("=")
                name, value = name.strip().lower(), value.strip()
                if not sep or not value:
                    raise UsageError(
                        f"--map {part!r} 应写成 字段=列名",
                        hint="例如 --map session=对话编号 --map text=消息 --map customer=访客",
                        en=f"--map {part!r} is not FIELD=NAME",
                        hint_en="e.g. --map session=ticket --map text=msg --map customer=visitor",
                    )
                if name in FIELDS:
                    out.columns[name] = value
                elif name in (CUSTOMER, AGENT):
                    role = CUSTOMER if name == CUSTOMER else AGENT
                    out.roles.setdefault(role, []).append(value)
                else:
                    known = ", ".join((*FIELDS, CUSTOMER, AGENT))
                    raise UsageError(
                        f"--map {name!r} 不是可映射的字段（可用：{known}）",
                        hint="字段名用英文，列名用文件里的表头",
                        en=f"--map {name!r} is not a field (known: {known})",
                        hint_en="the field name is English, the column name is the file's header",
                    )
        return out


@dataclass
class Columns:
    """Where each field is in a file's rows."""

    index: dict[str, int]
    header: list[str]

    def get(self, cells: Sequence[Any], name: str) -> Any:
        i = self.index.get(name)
        return cells[i] if i is not None and i < len(cells) else None


def find_columns(header: Sequence[Any], mapping: Mapping_, where: str) -> Columns:
    """Match the header to the fields; a missing session or text column is an error."""
    names = [str(h).strip() if h is not None else "" for h in header]
    if not any(names):
        raise InputError(
            "第一行应是表头（会话ID、时间、发送方、角色、内容）",
            where,
            "在第一行写上列名",
            en="the first row must name the columns (session, time, sender, role, text)",
            hint_en="add a header row",
        )
    keys = [_key(n) for n in names]
    index: dict[str, int] = {}
    for name, column in mapping.columns.items():
        if _key(column) not in keys:
            raise InputError(
                f"--map {name}={column}：文件里没有这一列（表头：{'、'.join(n for n in names if n)}）",
                where,
                "列名要和表头一字不差",
                en=f"--map {name}={column}: no such column (header: {', '.join(n for n in names if n)})",
                hint_en="the name must match the header",
            )
        index[name] = keys.index(_key(column))
    for name in FIELDS:
        if name in index:
            continue
        for i, key in enumerate(keys):
            if key in HEADERS[name] and i not in index.values():
                index[name] = i
                break
    for name in REQUIRED:
        if name not in index:
            label = {"session": "会话", "text": "内容"}[name]
            raise InputError(
                f"找不到{label}列（表头：{'、'.join(n for n in names if n)}）",
                where,
                f"用 --map {name}=列名 指定",
                en=f"no {name} column found (header: {', '.join(n for n in names if n)})",
                hint_en=f"name it with --map {name}=COLUMN",
            )
    return Columns(index, names)


class RoleReader:
    """customer / agent / system from a role cell, or from the sender's name."""

    def __init__(self, mapping: Mapping_) -> None:
        self.words: dict[str, str] = {}
        for role, vocabulary in ROLES.items():
            for w in vocabulary:
                self.words[_key(w)] = role
        for role, words in mapping.roles.items():
            for w in words:
                self.words[_key(w)] = role
        self.prefixes = sorted(
            ((k, r) for k, r in self.words.items() if len(k) > 1 and not k.isascii()),
            key=lambda kr: -len(kr[0]),
        )
        self.memo: dict[str, str | None] = {}

    def role(self, value: Any) -> str | None:
        raw = value if value.__class__ is str else str(value)
        if raw in self.memo:
            return self.memo[raw]
        text = _key(value) if value is not None else ""
        found = self.words.get(text)
        if found is None:  # "客服13", "买家271142": a role word the sender's name starts with
            found = next((r for k, r in self.prefixes if text.startswith(k)), None)
        if len(self.memo) < 100_000:
            self.memo[raw] = found
        return found


@dataclass
class ReadStats:
    rows: int = 0
    skipped: int = 0  # system rows, empty messages, rows whose speaker is unknown
    unknown_roles: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Segment:
    """A byte range of a csv or jsonl log, starting at a row of a new session (the rows of
    one session are never split), and the line number it starts at."""

    start: int = 0
    end: int | None = None
    line: int = 1


def read_turns(
    path: Path,
    mapping: Mapping_ | None = None,
    stats: ReadStats | None = None,
    segment: Segment | None = None,
) -> Iterator[Turn]:
    """The turns of one chat log (or of one :class:`Segment` of it), in file order."""
    mapping = mapping or Mapping_()
    stats = stats if stats is not None else ReadStats()
    kind = path.suffix.lower()
    if kind not in KINDS:
        raise InputError(
            "聊天记录应是 .csv、.xlsx 或 .jsonl 文件",
            str(path),
            "从客服系统导出为 csv 或 xlsx",
            en="a chat log must be a .csv, .xlsx or .jsonl file",
            hint_en="export it as csv or xlsx",
        )
    if not path.is_file():
        raise InputError(
            "找不到聊天记录文件",
            str(path),
            "检查路径",
            en="chat log not found",
            hint_en="check the path",
        )
    if kind == ".xlsx":
        rows = _xlsx_rows(path, mapping)
    else:
        rows = (_csv_rows if kind == ".csv" else _jsonl_rows)(path, mapping, segment or Segment())
    roles = RoleReader(mapping)
    counters: dict[str, int] = {}
    columns: Columns | None = None
    at = (-1, -1, -1, -1, -1)
    intern = sys.intern
    for where, cols, cells in rows:
        if columns is not cols:
            columns = cols
            if "role" not in cols.index and "sender" not in cols.index:
                raise _no_role(cols, where)
            at = tuple(cols.index.get(f, -1) for f in FIELDS)  # type: ignore[assignment]
        stats.rows += 1
        width = len(cells)
        session = _text(cells[at[0]]) if at[0] < width else ""
        if not session:
            raise InputError(
                "这一行没有会话ID",
                where,
                "每一行都要写会话ID",
                en="this row has no session id",
                hint_en="every row needs its session id",
            )
        index = counters[session] = counters.get(session, 0) + 1
        text = _text(cells[at[4]]) if at[4] < width else ""
        role_at = at[3] if at[3] >= 0 else at[2]
        raw_role = cells[role_at] if role_at < width else None
        role = roles.role(raw_role)
        if role is None and at[3] >= 0 and 0 <= at[2] < width:
            role = roles.role(cells[at[2]])
        if (role != CUSTOMER and role != AGENT) or not text:
            stats.skipped += 1
            if role is None:
                label = _text(raw_role)[:20]
                stats.unknown_roles[label] = stats.unknown_roles.get(label, 0) + 1
                if stats.rows >= 50 and stats.skipped == stats.rows:
                    raise _no_role(columns, where, sample=label)
            continue
        time = _text(cells[at[1]]) if 0 <= at[1] < width else ""
        yield Turn(intern(session), index, time, role, text, where)
    if stats.rows == 0 and (segment is None or segment.start == 0):
        raise InputError(
            "聊天记录是空的（只有表头或什么都没有）",
            str(path),
            "导出时选上要分析的时间段",
            en="the chat log is empty (a header at most)",
            hint_en="export the period you want to analyse",
        )
    if stats.rows and stats.skipped == stats.rows:
        raise _no_role(columns, str(path), sample=next(iter(stats.unknown_roles), ""))


def _no_role(columns: Columns | None, where: str, sample: str = "") -> InputError:
    header = "、".join(n for n in (columns.header if columns else []) if n)
    seen = f"，例如 {sample!r}" if sample else ""
    seen_en = f", e.g. {sample!r}" if sample else ""
    return InputError(
        f"分不清哪些是买家、哪些是客服：没有角色列，或角色的值认不出{seen}（表头：{header}）",
        where,
        "用 --map role=列名 指定角色列，用 --map customer=值 / --map agent=值 说明取值",
        en=f"cannot tell customer from agent: no role column, or its values are unknown{seen_en} "
        f"(header: {header.replace('、', ', ')})",
        hint_en="name the column with --map role=COLUMN and its values with --map customer=VALUE "
        "/ --map agent=VALUE",
    )


def _text(value: Any) -> str:
    if value.__class__ is str:
        return str(value).strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# -- formats ---------------------------------------------------------------------------------
RowStream = Iterator[tuple[str, Columns, Sequence[Any]]]


def _encoding(path: Path) -> str:
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
    encoding = _encoding(path)
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


def split(path: Path, mapping: Mapping_ | None, parts: int) -> list[Segment]:
    """Up to ``parts`` segments of about equal size, each starting where a new session does
    (outside any quoted field: an even number of quotes before it). One segment when the file
    is an xlsx or cannot be cut."""
    quoted = path.suffix.lower() == ".csv"
    if (not quoted and path.suffix.lower() != ".jsonl") or parts < 2:
        return [Segment()]
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.readline()
            encoding = _encoding(path)
            first = header.decode(encoding)
            names = next(csv.reader([first])) if quoted else list(json.loads(first))
            at = find_columns(names, mapping or Mapping_(), str(path)).index["session"]
            cuts, lines, quotes, pos, breaks = [0], [1], 0, 0, 0
            fh.seek(0)
            for n in range(1, parts):
                near = size * n // parts
                while pos < near:  # count line breaks and quotes up to ``near``, 4 MB at a time
                    chunk = fh.read(min(1 << 22, near - pos))
                    if not chunk:
                        break
                    quotes += chunk.count(b'"')
                    breaks += chunk.count(b"\n")
                    pos += len(chunk)
                window = fh.read(1 << 20)
                fh.seek(pos)
                found = _cut(window, quotes, at, names, encoding, quoted)
                if found is None:
                    return [Segment()]
                offset, extra_lines = found
                cuts.append(pos + offset)
                lines.append(breaks + extra_lines + 1)
    except (OSError, InputError, ValueError, StopIteration, csv.Error, UnicodeDecodeError):
        return [Segment()]
    cuts.append(size)
    return [
        Segment(a, b if b < size else None, line)
        for a, b, line in zip(cuts, cuts[1:], lines, strict=False)
    ]


def _cut(
    window: bytes, quotes: int, at: int, names: list[str], encoding: str, quoted: bool
) -> tuple[int, int] | None:
    """(offset in ``window``, line breaks before it) of the first line start where the
    session changes, outside quotes (``quotes``: how many came before the window)."""
    pos = window.find(b"\n")
    while pos >= 0 and quoted and (quotes + window.count(b'"', 0, pos)) % 2:
        pos = window.find(b"\n", pos + 1)  # inside a quoted field: the next line break
    previous = None
    while pos >= 0:
        start = pos + 1
        nxt = window.find(b"\n", start)
        if nxt < 0:
            return None
        line = window[start : nxt + 1].decode(encoding, "replace")
        if quoted and line.count('"') % 2:
            return None  # a quoted line break here: read the file in one piece
        try:
            if quoted:
                cells = next(csv.reader([line]))
                session = cells[at] if at < len(cells) else ""
            else:
                row = json.loads(line)
                session = str(row.get(names[at])) if isinstance(row, dict) else ""
        except (csv.Error, StopIteration, ValueError):
            return None
        if previous is not None and session != previous:
            return start, window.count(b"\n", 0, start)
        previous = session
        pos = nxt
    return None


def _csv_rows(path: Path, mapping: Mapping_, segment: Segment) -> RowStream:
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


def _jsonl_rows(path: Path, mapping: Mapping_, segment: Segment) -> RowStream:
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


def _xlsx_rows(path: Path, mapping: Mapping_) -> RowStream:
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
