"""Fast YAML reading with ruamel's YAML 1.2 semantics and a position for every key.

ruamel's round-trip loader costs about 7 ms per entry (measured), so reading goes through
libyaml's C composer (PyYAML's ``CParser``) and a small Python constructor that resolves
plain scalars exactly as ruamel does for YAML 1.2 (``no`` stays a string, ``017`` is 17).
``tests/test_yamlread.py`` proves the values equal ruamel's on every fixture. ruamel stays
the writer (``cskit.library.yamlwrite``), where comments and styles must survive.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml._yaml import CParser

# (key line, key column, value line, value column, scalar style); 1-based.
Mark = tuple[int, int, int, int, str]
Path = tuple[str | int, ...]

MAX_ALIAS_NODES = 200_000  # nodes reached through aliases: a "billion laughs" file stops here
MAX_DEPTH = 200  # nesting of lists and mappings: far past any entry file, far below the stack
MAX_DIGITS = 1000  # digits of a number: past this it is a mistake, not a value

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"

# ruamel.yaml's implicit resolvers for YAML 1.2, in ruamel's order of precedence.
_RESOLVERS: list[tuple[str, re.Pattern[str], str]] = [
    (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (
        _FLOAT,
        re.compile(
            r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
            |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
            |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
            |[-+]?\.(?:inf|Inf|INF)
            |\.(?:nan|NaN|NAN))$""",
            re.X,
        ),
        "-+0123456789.",
    ),
    (
        _INT,
        re.compile(
            r"""^(?:[-+]?0b[0-1_]+
            |[-+]?0o?[0-7_]+
            |[-+]?[0-9_]+
            |[-+]?0x[0-9a-fA-F_]+)$""",
            re.X,
        ),
        "-+0123456789",
    ),
    (_MERGE, re.compile(r"^(?:<<)$"), "<"),
    (_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
    (
        _TIMESTAMP,
        re.compile(
            r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
            |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
            (?:[Tt]|[ \t]+)[0-9][0-9]?
            :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
            (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
            re.X,
        ),
        "0123456789",
    ),
]
_BY_FIRST: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _tag, _rx, _firsts in _RESOLVERS:
    for _ch in _firsts:
        _BY_FIRST.setdefault(_ch, []).append((_tag, _rx))

_TS = re.compile(
    r"""^(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})
    (?:(?:[Tt]|[ \t]+)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})
    (?:\.(?P<fraction>[0-9]*))?
    (?:[ \t]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9]{1,2})(?::(?P<tz_minute>[0-9]{2}))?))?)?$""",
    re.X,
)


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
            return _STR
        if kind is yaml.SequenceNode:
            return "tag:yaml.org,2002:seq"
        return "tag:yaml.org,2002:map"

    def descend_resolver(self, *args: Any) -> None:
        pass

    def ascend_resolver(self, *args: Any) -> None:
        pass


def parse(text: str | bytes) -> Document:
    """Parse one YAML document (an empty file is ``None``). Raises :class:`YamlError`."""
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or str(exc)
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
                if tag == _STR or (tag == "?" and text and text[0] not in _BY_FIRST):
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
                if tag == _STR or (tag == "?" and text and text[0] not in _BY_FIRST):
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
    value: str = node.value
    tag = node.tag
    if tag == "?":
        if not value:
            return None
        if value[0] not in _BY_FIRST:
            return value
        tag = _STR
        for candidate, rx in _BY_FIRST.get(value[:1], ()):
            if rx.match(value):
                tag = candidate
                break
        if value == "":
            return None
    if tag == _STR or tag == "!":
        return value
    try:
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _NULL:
            return None
        if tag == _INT:
            return _int(value)
        if tag == _FLOAT:
            return _float(value)
        if tag == _TIMESTAMP:
            try:
                return _timestamp(value)
            except ValueError:
                if node.tag == "?":
                    # ruamel crashes on 2026-13-01; keeping the text lets E005 say why.
                    return value
                raise
    except ValueError:
        m = node.start_mark
        shown = value if len(value) <= 40 else value[:37] + "…"
        raise YamlError(
            f"cannot read {shown!r} as {tag.rsplit(':', 1)[-1]}", m.line + 1, m.column + 1
        ) from None
    return value  # other explicit tags (!!binary, custom): keep the text


def _int(value: str) -> int:
    text = value.replace("_", "")
    if len(text) > MAX_DIGITS:
        raise ValueError(f"more than {MAX_DIGITS} digits")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if text.startswith("0o"):
        return sign * int(text[2:], 8)
    return sign * int(text)


def _float(value: str) -> float:
    text = value.replace("_", "").lower()
    if len(text) > MAX_DIGITS:
        raise ValueError(f"more than {MAX_DIGITS} digits")
    if text.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    if text.endswith(".nan"):
        return math.nan
    return float(text)


def _timestamp(value: str) -> dt.date | dt.datetime:
    m = _TS.match(value)
    if not m:
        raise ValueError(value)
    year, month, day = int(m["year"]), int(m["month"]), int(m["day"])
    if not m["hour"]:
        return dt.date(year, month, day)
    fraction = int((m["fraction"] or "0")[:6].ljust(6, "0"))
    tz: dt.tzinfo | None = None
    if m["tz"] == "Z":
        tz = dt.timezone(dt.timedelta(0), "Z")
    elif m["tz"]:
        delta = dt.timedelta(hours=int(m["tz_hour"]), minutes=int(m["tz_minute"] or 0))
        tz = dt.timezone(-delta if m["tz_sign"] == "-" else delta, m["tz"])
    return dt.datetime(
        year, month, day, int(m["hour"]), int(m["minute"]), int(m["second"]), fraction, tz
    )
