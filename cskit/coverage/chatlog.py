"""Reading chat-log exports (csv, xlsx, jsonl) into turns, one at a time.

How columns and roles are found is in :mod:`cskit.coverage.logcolumns`, how each format is read
in :mod:`cskit.coverage.logformats`. System rows and empty messages are skipped (and counted).

``index`` is the 1-based row number of the turn inside its session, every row of the session
counted (agent rows too), in file order. A file that cannot be read, is empty, is not csv,
xlsx or jsonl, or lacks a needed column is one :class:`~cskit.errors.InputError` naming the
file (and line or cell).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from cskit.coverage.logcolumns import AGENT, CUSTOMER, FIELDS, Columns, Mapping_, RoleReader
from cskit.coverage.logformats import Segment, csv_rows, jsonl_rows, xlsx_rows
from cskit.errors import InputError

KINDS = (".csv", ".jsonl", ".xlsx")


class Turn(NamedTuple):
    session: str
    index: int  # type: ignore[assignment]  # 1-based row in the session, agent rows counted
    time: str
    role: str  # customer or agent
    text: str
    where: str  # file:line or file!row, for messages


@dataclass
class ReadStats:
    rows: int = 0
    skipped: int = 0  # system rows, empty messages, rows whose speaker is unknown
    unknown_roles: dict[str, int] = field(default_factory=dict)


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
        rows = xlsx_rows(path, mapping)
    else:
        rows = (csv_rows if kind == ".csv" else jsonl_rows)(path, mapping, segment or Segment())
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
