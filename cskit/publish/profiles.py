"""Loading and checking publishing profiles: the shipped ones (YAML in this package) and the
``platforms:`` section of cskit.yaml, which overrides a shipped profile key by key or adds a
new one (``base: NAME`` starts from another profile).

Merging: the mappings ``select``, ``group``, ``code`` and ``placeholders`` are merged key by
key; every other key, ``columns`` included, replaces the base's value. Every mistake is one
:class:`~cskit.errors.ConfigError` in Chinese and English at the line that says it
(``cskit.yaml:41``, or the shipped file's line).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

from cskit.config.model import KINDS, STAGES, Config
from cskit.config.schema import FIELDS
from cskit.errors import ConfigError, UsageError
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
from cskit.yamlread import parse

SHIPPED = Path(__file__).resolve().parent / "profiles"
MERGED = ("select", "group", "code", "placeholders")
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


@dataclass
class _Layer:
    """One source of settings for a profile: its data and where each key was written."""

    data: dict[str, Any]
    where: Callable[[KeyPath], str]
    origin: str


@cache
def _shipped_layer(name: str) -> _Layer:
    path = SHIPPED / f"{name}.yaml"
    doc = parse(path.read_bytes())
    marks = doc.marks
    shown = f"cskit/publish/profiles/{path.name}"

    def where(kp: KeyPath) -> str:
        while kp:
            if kp in marks:
                return f"{shown}:{marks[kp][0]}"
            kp = kp[:-1]
        return shown

    return _Layer(dict(doc.data or {}), where, "shipped")


def _has(node: Any, part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def shipped_names() -> list[str]:
    return sorted(p.stem for p in SHIPPED.glob("*.yaml"))


def profile_names(config: Config) -> list[str]:
    return sorted({*shipped_names(), *config.platforms})


def load_profile(config: Config, name: str) -> Profile:
    """The profile ``name`` as cskit.yaml makes it, checked; UsageError if there is none."""
    names = profile_names(config)
    if name not in names:
        close = suggest(name, names)
        raise UsageError(
            f"没有名为 {name!r} 的发布配置",
            hint=(f"是不是 {close}？" if close else "") + "可用：" + "、".join(names),
            en=f"no publishing profile named {name!r}",
            hint_en=(f"did you mean {close}? " if close else "") + "available: " + ", ".join(names),
        )
    layers = _layers(config, name, ())
    merged: dict[str, Any] = {}
    owner: dict[str, _Layer] = {}  # top-level key → the layer that last set it
    for layer in layers:
        for key, value in layer.data.items():
            if key in MERGED and isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
            owner[key] = layer
    origins = {layer.origin for layer in layers}
    origin = "shipped + cskit.yaml" if len(origins) > 1 else layers[-1].origin

    def where(kp: KeyPath) -> str:
        # the last layer that wrote this path says where it is
        for layer in reversed(layers):
            node: Any = layer.data
            for part in kp:
                if not _has(node, part):
                    break
                node = node[part]
            else:
                return layer.where(kp)
        top = owner.get(str(kp[0])) if kp else None
        return (top or layers[-1]).where(kp[:1])

    return _Checker(config, name, merged, where, origin).profile()


def _layers(config: Config, name: str, seen: tuple[str, ...]) -> list[_Layer]:
    """The settings that make ``name``, base first."""
    if name in seen:
        chain = " → ".join((*seen, name))
        raise ConfigError(
            f"发布配置的 base 循环引用：{chain}",
            where=config.where("platforms", name, "base"),
            en=f"profiles name each other as base in a cycle: {chain}",
        )
    own: list[_Layer] = []
    if name in shipped_names():
        own.append(_shipped_layer(name))
    if name in config.platforms:
        spec = config.platforms[name]
        own.append(_Layer(spec, lambda kp: config.where("platforms", name, *kp), "cskit.yaml"))
    base = next((layer.data["base"] for layer in reversed(own) if "base" in layer.data), None)
    if base is None:
        return own
    at = next(layer for layer in reversed(own) if "base" in layer.data)
    if not isinstance(base, str) or base not in profile_names(config):
        names = profile_names(config)
        close = suggest(str(base), names) if isinstance(base, str) else None
        raise ConfigError(
            f"base：没有名为 {base!r} 的发布配置",
            where=at.where(("base",)),
            hint=f"是不是 {close}？" if close else "可用：" + "、".join(names),
            en=f"base: no profile named {base!r}",
            hint_en=f"did you mean {close}?" if close else "available: " + ", ".join(names),
        )
    if base == name:  # a cskit.yaml override of a shipped profile names itself: no chain
        return own
    return [*_layers(config, base, (*seen, name)), *own]


class _Checker:
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
