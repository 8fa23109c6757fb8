"""Checking a profile's settings: turns the merged settings of :mod:`cskit.publish.profiles`
into a :class:`~cskit.publish.profile.Profile`, or the first mistake into one
:class:`~cskit.errors.ConfigError` in Chinese and English at the line that says it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, NoReturn

from cskit.config.model import KINDS, STAGES, Config
from cskit.config.schema import FIELDS
from cskit.errors import ConfigError
from cskit.publish.profile import (
    CODE_SOURCES,
    ENCODING_ALIASES,
    ENCODINGS,
    FORMATS,
    GROUP_SOURCES,
    LIST_VALUES,
    VALUES,
    CodeRule,
    Column,
    GroupRule,
    Profile,
    Selection,
)
from cskit.text.suggest import suggest
from cskit.yamlread import Path as KeyPath

TOP = (
    "title",
    "title_en",
    "docs",
    "base",
    "format",
    "encoding",
    "sheet",
    "channel",
    "date_format",
    "select",
    "group",
    "code",
    "columns",
    "placeholders",
)
COLUMN_KEYS = ("header", "value", "const", "max_length", "max_items", "join", "required")
GROUP_KEYS = ("source", "field", "label", "default")
CODE_KEYS = ("source", "field", "fallback", "fold", "pattern", "digit_edges", "max_length")
SELECT_KEYS = ("kinds", "stages", "tags", "exclude_tags")
# A quantified group that is itself quantified: the shape of catastrophic backtracking.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]")
_SHEET_NAME = re.compile(r"^[^\[\]:*?/\\]{1,31}$")


class Checker:
    """Turns merged settings into a :class:`Profile`, or the first mistake into an error."""

    def __init__(
        self,
        config: Config,
        name: str,
        data: dict[str, Any],
        where: Callable[[KeyPath], str],
        origin: str,
    ) -> None:
        self.config = config
        self.name = name
        self.data = data
        self.where = where
        self.origin = origin

    def fail(self, kp: KeyPath, zh: str, en: str, hint_zh: str = "", hint_en: str = "") -> NoReturn:
        label = self.name + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in kp)
        raise ConfigError(
            f"{label}：{zh}",
            where=self.where(kp),
            hint=hint_zh or None,
            en=f"{label}: {en}",
            hint_en=hint_en or None,
        )

    def keys(self, value: Any, kp: KeyPath, allowed: tuple[str, ...]) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(kp, "应为映射", "must be a mapping")
        for key in value:
            if key not in allowed:
                close = suggest(str(key), list(allowed))
                self.fail(
                    (*kp, key),
                    "未知的设置",
                    "unknown setting",
                    f"是不是 {close}？" if close else "可用：" + "、".join(allowed),
                    f"did you mean {close}?" if close else "allowed: " + ", ".join(allowed),
                )
        return value

    def text(self, value: Any, kp: KeyPath, *, empty: bool = True) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str) or (not empty and not value.strip()):
            self.fail(kp, "应为非空文字" if not empty else "应为文字", "must be text")
        return str(value)

    def flag(self, value: Any, kp: KeyPath, default: bool) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(kp, "应为 true 或 false", "must be true or false")
        return bool(value)

    def count(self, value: Any, kp: KeyPath) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.fail(
                kp, f"应为正整数，不是 {value!r}", f"must be a positive whole number, not {value!r}"
            )
        return int(value)

    def choice(self, value: Any, kp: KeyPath, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            close = suggest(str(value), list(allowed))
            self.fail(
                kp,
                f"{value!r} 不是可选值",
                f"{value!r} is not allowed",
                (f"是不是 {close}？" if close else "") + "可选：" + "、".join(allowed),
                (f"did you mean {close}? " if close else "") + "allowed: " + ", ".join(allowed),
            )
        return str(value)

    def words(self, value: Any, kp: KeyPath, allowed: tuple[str, ...] | None) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(kp, "应为文字列表，如 [a, b]", "must be a list of words, like [a, b]")
        if allowed is not None:
            for i, item in enumerate(value):
                self.choice(item, (*kp, i), allowed)
        return tuple(value)

    # -- the profile --------------------------------------------------------------------
    def profile(self) -> Profile:
        data = self.keys(self.data, (), TOP)
        title = self.text(data.get("title"), ("title",)) or self.name
        fmt = self.choice(data.get("format", "csv"), ("format",), FORMATS)
        encoding = self.encoding(data.get("encoding"))
        sheet = self.text(data.get("sheet"), ("sheet",)) or "Sheet1"
        if not _SHEET_NAME.match(sheet):
            self.fail(
                ("sheet",),
                "工作表名最多 31 个字符，不能含 [ ] : * ? / \\",
                "sheet names have at most 31 characters and none of [ ] : * ? / \\",
            )
        date_format = self.text(data.get("date_format"), ("date_format",)) or "%Y-%m-%d"
        try:
            dt.date(2026, 1, 2).strftime(date_format)
        except ValueError as exc:
            self.fail(("date_format",), f"日期格式无效：{exc}", f"bad date format: {exc}")
        code = self.code(data.get("code"))
        columns = self.columns(data.get("columns"), code)
        return Profile(
            name=self.name,
            title=title,
            title_en=self.text(data.get("title_en"), ("title_en",)),
            format=fmt,
            encoding=encoding,
            sheet=sheet,
            channel=self.text(data.get("channel"), ("channel",)),
            date_format=date_format,
            select=self.select(data.get("select")),
            group=self.group(data.get("group")),
            code=code,
            columns=columns,
            placeholders=self.placeholders(data.get("placeholders")),
            origin=self.origin,
            docs=self.text(data.get("docs"), ("docs",)),
        )

    def encoding(self, value: Any) -> str:
        if value is None:
            return "utf-8-bom"
        key = ENCODING_ALIASES.get(str(value).lower(), str(value).lower())
        if key not in ENCODINGS:
            self.choice(value, ("encoding",), tuple(ENCODINGS))
        return key

    def select(self, value: Any) -> Selection:
        spec = self.keys(value, ("select",), SELECT_KEYS)
        return Selection(
            kinds=self.words(spec.get("kinds"), ("select", "kinds"), KINDS),
            stages=self.words(spec.get("stages"), ("select", "stages"), STAGES),
            tags=self.words(spec.get("tags"), ("select", "tags"), None),
            exclude_tags=self.words(spec.get("exclude_tags"), ("select", "exclude_tags"), None),
        )

    def group(self, value: Any) -> GroupRule:
        spec = self.keys(value, ("group",), GROUP_KEYS)
        source = self.choice(spec.get("source", "category"), ("group", "source"), GROUP_SOURCES)
        field = self.text(spec.get("field"), ("group", "field"))
        if source == "field":
            self.entry_field(field, ("group", "field"))
        return GroupRule(
            source=source,
            field=field,
            label=self.flag(spec.get("label"), ("group", "label"), True),
            default=self.text(spec.get("default"), ("group", "default")),
        )

    def code(self, value: Any) -> CodeRule:
        spec = self.keys(value, ("code",), CODE_KEYS)
        source = self.choice(spec.get("source", "id"), ("code", "source"), CODE_SOURCES)
        field = self.text(spec.get("field"), ("code", "field"))
        if source == "field":
            self.entry_field(field, ("code", "field"))
        fallback = spec.get("fallback")
        if fallback is not None:
            self.choice(fallback, ("code", "fallback"), ("id",))
        pattern = None
        if spec.get("pattern") is not None:
            text = self.text(spec["pattern"], ("code", "pattern"), empty=False)
            if _NESTED_QUANTIFIER.search(text):
                self.fail(
                    ("code", "pattern"),
                    "正则里有嵌套的重复（如 (a+)+），可能让检查卡住",
                    "the pattern repeats a repeated group (like (a+)+), which can hang the check",
                    "去掉外层的 + 或 *",
                    "drop the outer + or *",
                )
            try:
                pattern = re.compile(text)
            except re.error as exc:
                self.fail(("code", "pattern"), f"正则无效：{exc}", f"bad regular expression: {exc}")
        return CodeRule(
            source=source,
            field=field,
            fallback_to_id=fallback == "id",
            fold=self.flag(spec.get("fold"), ("code", "fold"), True),
            pattern=pattern,
            digit_edges=self.flag(spec.get("digit_edges"), ("code", "digit_edges"), True),
            max_length=self.count(spec.get("max_length"), ("code", "max_length")),
        )

    def entry_field(self, field: str, kp: KeyPath) -> None:
        known = [*FIELDS, *self.config.extra_fields]
        if not field:
            self.fail(kp, "source 为 field 时要写明字段名", "source field needs a field name")
        if field not in known:
            self.fail(
                kp,
                f"{field} 不是条目字段",
                f"{field} is not an entry field",
                f"自定义字段先加到 cskit.yaml 的 extra_fields：[{field}]",
                f"add a field of your own to extra_fields in cskit.yaml: [{field}]",
            )

    def columns(self, value: Any, code: CodeRule) -> tuple[Column, ...]:
        if not isinstance(value, list) or not value:
            self.fail(
                ("columns",),
                "至少要有一列，如 - {header: 快捷短语, value: text}",
                "needs at least one column, like - {header: Phrase, value: text}",
            )
        columns: list[Column] = []
        seen: set[str] = set()
        for i, spec in enumerate(value):
            kp: KeyPath = ("columns", i)
            spec = self.keys(spec, kp, COLUMN_KEYS)
            header = self.text(spec.get("header"), (*kp, "header"), empty=False)
            if header in seen:
                self.fail((*kp, "header"), f"表头 {header} 重复", f"header {header} appears twice")
            seen.add(header)
            has_value, has_const = "value" in spec, "const" in spec
            if has_value == has_const:
                self.fail(
                    kp,
                    "每列写 value（取条目的什么）或 const（固定文字）之一",
                    "each column has either value (what it takes) or const (a fixed text)",
                    "value 可选：" + "、".join(VALUES),
                    "value is one of: " + ", ".join(VALUES),
                )
            col_value = self.choice(spec["value"], (*kp, "value"), VALUES) if has_value else None
            if col_value == "code" and code.source == "none":
                self.fail(
                    (*kp, "value"),
                    "code.source 为 none 时不能有快捷编码列",
                    "a code column needs a code source (code.source is none)",
                )
            max_items = self.count(spec.get("max_items"), (*kp, "max_items"))
            if max_items is not None and col_value not in LIST_VALUES:
                self.fail(
                    (*kp, "max_items"),
                    "max_items 只用于列表列（similar、questions、tags）",
                    "max_items is for list columns (similar, questions, tags)",
                )
            const = spec.get("const")
            if has_const and (isinstance(const, bool) or not isinstance(const, str | int | float)):
                self.fail((*kp, "const"), "应为文字", "must be text")
            columns.append(
                Column(
                    header=header,
                    value=col_value,
                    const=str(const) if has_const else "",
                    max_length=self.count(spec.get("max_length"), (*kp, "max_length")),
                    max_items=max_items,
                    join=self.join(spec.get("join", "\n"), (*kp, "join")),
                    required=self.flag(spec.get("required"), (*kp, "required"), False),
                )
            )
        return tuple(columns)

    def join(self, value: Any, kp: KeyPath) -> str:
        if not isinstance(value, str) or not value:
            self.fail(kp, '分隔符应为非空文字，如 "\\n" 或 "|"', "the separator must be text")
        return str(value)

    def placeholders(self, value: Any) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(("placeholders",), "应为映射（变量: 平台占位符）", "must be a mapping")
        out: dict[str, str] = {}
        variables = list(self.config.variables)
        for name, text in value.items():
            kp: KeyPath = ("placeholders", name)
            if name not in self.config.variables:
                close = suggest(str(name), variables)
                self.fail(
                    kp,
                    f"{name} 不是 variables 里登记的变量",
                    f"{name} is not a declared variable",
                    f"是不是 {close}？" if close else "",
                    f"did you mean {close}?" if close else "",
                )
            text = self.text(text, kp, empty=False)
            if "{{" in text or "{%" in text or "{#" in text:
                self.fail(
                    kp,
                    "平台占位符里不能有 {{、{% 或 {#（会被当成模板）",
                    "a platform placeholder cannot hold {{, {% or {# (template syntax)",
                )
            if text in out.values():
                self.fail(
                    kp,
                    f"占位符 {text} 已用于另一个变量",
                    f"placeholder {text} is already used for another variable",
                )
            out[str(name)] = text
        return out
