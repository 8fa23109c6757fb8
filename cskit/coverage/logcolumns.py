"""Finding a chat log's columns and telling customer from agent.

Columns are found by their header, Chinese or English (``会话ID, 时间, 发送方, 角色, 内容``;
``session_id, time, sender, role, content`` and the like, see :data:`HEADERS`); ``--map
FIELD=COLUMN`` names others. Who spoke is read from the role column, or, without one, from
the sender column when its values say it (``客服01``, ``买家2711``). Role values are matched
by :data:`ROLES`; ``--map customer=VALUE`` / ``--map agent=VALUE`` add a shop's own words.
A header without a session or text column is one :class:`~cskit.errors.InputError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cskit.errors import InputError, UsageError

FIELDS = ("session", "time", "sender", "role", "text")
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
