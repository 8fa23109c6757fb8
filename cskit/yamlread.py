"""Fast YAML reading with ruamel's YAML 1.2 semantics and a position for every key.

ruamel's round-trip loader costs about 7 ms per entry (measured), so reading goes through
libyaml's C composer (PyYAML's ``CParser``) and a small Python constructor that resolves
plain scalars exactly as ruamel does for YAML 1.2 (``no`` stays a string, ``017`` is 17;
:mod:`cskit.yamlscalars`).
``tests/test_yamlread.py`` proves the values equal ruamel's on every fixture. ruamel stays
the writer (``cskit.library.yamlwrite``), where comments and styles must survive.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml._yaml import CParser

from cskit.yamlscalars import BY_FIRST, STR, ScalarError, scalar_value

# (key line, key column, value line, value column, scalar style); 1-based.
Mark = tuple[int, int, int, int, str]
Path = tuple[str | int, ...]

MAX_ALIAS_NODES = 200_000  # nodes reached through aliases: a "billion laughs" file stops here
MAX_DEPTH = 200  # nesting of lists and mappings: far past any entry file, far below the stack


class YamlError(Exception):
    """The file is not valid YAML (or expands too far); carries the parser's position."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[type, tuple[str, int, int]]:  # cached parse results
        return type(self), (self.message, self.line, self.column)


@dataclass
class Document:
    """One parsed file: plain Python values plus where each key and item stands."""

    data: Any
    marks: dict[Path, Mark] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path, Any, int, int]] = field(default_factory=list)


class _Composer(CParser):
    """libyaml composes the node tree in C; we only tag plain scalars for later resolution."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return "?"  # plain scalar: resolved in _scalar
        if kind is yaml.ScalarNode:
            return STR
        if kind is yaml.SequenceNode:
            return "tag:yaml.org,2002:seq"
        return "tag:yaml.org,2002:map"

    def descend_resolver(self, *args: Any) -> None:
        pass

    def ascend_resolver(self, *args: Any) -> None:
        pass


def _clue(text: str | bytes, mark: Any) -> str:
    """What libyaml's message leaves out, from the text at the error: a tab used for
    indentation, or a value that starts with ``{`` (``answer: {{ order.id }}…``)."""
    if mark is None:
        return ""
    source = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    lines = source.splitlines()
    if mark.line >= len(lines):
        return ""
    line = lines[mark.line]
    if line[mark.column : mark.column + 1] == "\t" or line[: mark.column + 1].lstrip(
        " "
    ).startswith("\t"):
        return " (a tab character: YAML indents with spaces)"
    for row in lines[max(0, mark.line - 1) : mark.line + 1]:
        if re.search(r"(:|^\s*-)\s+\{", row):
            return " (a plain value that starts with '{' is read as a mapping)"
    return ""


def parse(text: str | bytes) -> Document:
    """Parse one YAML document (an empty file is ``None``). Raises :class:`YamlError`."""
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or str(exc)
        problem += _clue(text, mark)
        if exc.context:
            where = exc.context_mark
            started = (
                f" at line {where.line + 1}" if where and mark and where.line != mark.line else ""
            )
            problem = f"{problem} ({exc.context}{started})"
        raise YamlError(problem, line, col) from None
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        raise YamlError(str(exc).splitlines()[0], 1, 1) from None
    finally:
        composer.dispose()
    doc = Document(None)
    if node is not None:
        builder = _Builder(doc)
        doc.data = builder.build(node, ())
    return doc


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.budget = MAX_ALIAS_NODES
        self.seen: set[int] = set()
        self.in_alias = 0
        self.open: set[int] = set()  # the nodes being built: one again is a recursive alias

    def _spend(self, node: yaml.Node, count: int = 1) -> None:
        if not self.in_alias:
            return
        self.budget -= count
        if self.budget < 0:
            m = node.start_mark
            raise YamlError(
                "aliases expand to too many nodes (a YAML bomb?)",
                m.line + 1,
                m.column + 1,
            )

    def build(self, node: yaml.Node, path: Path) -> Any:
        if isinstance(node, yaml.ScalarNode):
            self._spend(node)
            return _scalar(node)
        key = id(node)
        m = node.start_mark
        if key in self.open:
            raise YamlError("a YAML alias refers to itself (&a [*a])", m.line + 1, m.column + 1)
        if len(self.open) >= MAX_DEPTH:
            raise YamlError(f"nested more than {MAX_DEPTH} levels deep", m.line + 1, m.column + 1)
        alias = key in self.seen  # the same node again: reached through an alias
        self.seen.add(key)
        self.open.add(key)
        self.in_alias += alias
        try:
            if isinstance(node, yaml.SequenceNode):
                return self._sequence(node, path)
            assert isinstance(node, yaml.MappingNode)
            return self._mapping(node, path)
        finally:
            self.in_alias -= alias
            self.open.discard(key)

    def _sequence(self, node: yaml.SequenceNode, path: Path) -> list[Any]:
        self._spend(node, 1 + len(node.value))
        marks = self.doc.marks
        out: list[Any] = []
        for i, item in enumerate(node.value):
            sm = item.start_mark
            line, col = sm.line + 1, sm.column + 1
            child = (*path, i)
            if type(item) is _ScalarNode:
                marks[child] = (line, col, line, col, item.style or "")
                text, tag = item.value, item.tag
                if tag == STR or (tag == "?" and text and text[0] not in BY_FIRST):
                    out.append(text)
                else:
                    out.append(_scalar(item))
            else:
                marks[child] = (line, col, line, col, _style(item))
                out.append(self.build(item, child))
        return out

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        self._spend(node, 1 + 2 * len(node.value))
        marks = self.doc.marks
        out: dict[Any, Any] = {}
        merged: list[dict[Any, Any]] = []
        for key_node, value_node in node.value:
            if type(key_node) is _ScalarNode:
                if key_node.tag == "?" and key_node.value == "<<":
                    value = self.build(value_node, path)
                    merged.extend(value if isinstance(value, list) else [value])
                    continue
                key = _scalar(key_node)
            else:
                key = self.build(key_node, path)
            if type(key) is not str and key is not None and not isinstance(key, _KEY_TYPES):
                key = str(key)
            km, vm = key_node.start_mark, value_node.start_mark
            if key in out:
                self.doc.duplicate_keys.append((path, key, km.line + 1, km.column + 1))
                continue
            child = (*path, key)
            if type(value_node) is _ScalarNode:
                marks[child] = (
                    km.line + 1,
                    km.column + 1,
                    vm.line + 1,
                    vm.column + 1,
                    value_node.style or "",
                )
                text, tag = value_node.value, value_node.tag
                if tag == STR or (tag == "?" and text and text[0] not in BY_FIRST):
                    out[key] = text  # a string either way: the common case, inline
                else:
                    out[key] = _scalar(value_node)
            else:
                marks[child] = (
                    km.line + 1,
                    km.column + 1,
                    vm.line + 1,
                    vm.column + 1,
                    _style(value_node),
                )
                out[key] = self.build(value_node, child)
        for extra in merged:  # explicit keys win over merged ones, as in ruamel
            if isinstance(extra, dict):
                for k, v in extra.items():
                    out.setdefault(k, v)
        return out


_ScalarNode = yaml.ScalarNode
_KEY_TYPES = (str, int, float, bool, dt.date)


def _style(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return node.style or ""
    return "[" if isinstance(node, yaml.SequenceNode) else "{"


def _scalar(node: yaml.ScalarNode) -> Any:
    try:
        return scalar_value(node.value, node.tag)
    except ScalarError as exc:
        value: str = node.value
        m = node.start_mark
        shown = value if len(value) <= 40 else value[:37] + "…"
        raise YamlError(
            f"cannot read {shown!r} as {exc.tag.rsplit(':', 1)[-1]}", m.line + 1, m.column + 1
        ) from None


# libyaml's wording → what it usually means, and what to do (the parser's text stays in --lang en)
_MEANINGS = (
    ("while scanning a quoted scalar", "引号没有闭合{start}；请补上结尾的引号"),
    (
        "a tab character",
        "用了 Tab 缩进：YAML 只能用空格缩进；请把 Tab 换成空格（编辑器里设置“用空格代替 Tab”）",
    ),
    (
        "starts with '{'",
        "以 {{ 或 { 开头的值会被当成 YAML 映射；请给整段文本加引号，或改用 |- 块写法",
    ),
    (
        "that cannot start any token",
        "这里有 YAML 不允许的字符（常见是 Tab 缩进，或文本以 @、` 开头）；请用空格缩进，或给文本加引号",
    ),
    (
        "mapping values are not allowed",
        "这里不能出现“键: 值”；常见原因是缩进不对，或文本里有“冒号+空格”（请给这段文本加引号，或改用 |- 块写法）",
    ),
    ("could not find expected ':'", "缺少冒号（键后要写“: ”），或上一行的引号、括号没有闭合"),
    ("did not find expected ',' or ']'", "方括号 [ ] 列表没有闭合，或列表项之间少了逗号"),
    ("did not find expected ',' or '}'", "花括号 { } 没有闭合；回复以 {{ 开头时请改用 |- 块写法"),
    ("did not find expected key", "缩进不对：这一行没有和同级的键对齐，或列表项少了“- ”"),
    ("did not find expected '-' indicator", "列表项缩进不一致，或少了“- ”"),
    ("block sequence entries are not allowed", "这里不能开始列表（“- ”）；请检查缩进"),
    ("expected <block end>", "缩进不对：这一行比同级内容缩进多了或少了"),
    ("found undefined alias", "引用了没有定义的锚点（*名称）"),
    ("not UTF-8", "文件不是 UTF-8 编码；请用 UTF-8 另存"),
    ("cannot read", "带显式标签（如 !!int、!!timestamp）的值无法按该类型读取；请去掉标签或改正值"),
    ("YAML bomb", "锚点和别名展开得太多（疑似 YAML 炸弹），已停止读取"),
)


_CANNOT_READ = "cannot read file: "  # what the library loader says (cskit.fileio.reason)
_READ_REASONS = {
    "a symbolic link loop": "符号链接循环",
    "a folder": "这是一个文件夹",
    "not a regular file": "不是普通文件（管道、设备或套接字），cskit 只读取普通文件",
    "Permission denied": "没有读取权限；请检查它的权限",
}


def _read_reason_zh(why: str) -> str:
    if why.startswith("larger than "):
        return f"文件太大（超过 {why.removeprefix('larger than ')}）"
    return _READ_REASONS.get(why, why)


def explain_zh(message: str) -> str:
    """The parser's English message as a Chinese explanation with a hint."""
    import re

    if message.startswith(_CANNOT_READ):  # the file itself, before any YAML
        return f"无法读取这个文件：{_read_reason_zh(message[len(_CANNOT_READ) :])}"
    for needle, meaning in _MEANINGS:
        if needle in message:
            started = re.search(r"at line (\d+)", message)
            start = f"（从第 {started[1]} 行开始）" if started else ""
            return f"YAML 语法错误：{meaning.replace('{start}', start)}"
    return f"YAML 语法错误：{message}"
