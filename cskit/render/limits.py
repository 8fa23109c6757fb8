"""The sandbox's limits: how much one rendered message may loop, call, build and take.

Every loop iteration counts against :data:`MAX_LOOP_STEPS`, every call against
:data:`MAX_CALLS`; a text a template builds, and the message itself, is at most
:data:`MAX_TEXT` characters, lists and mappings at most :data:`MAX_ITEMS` items, numbers at
most :data:`MAX_INT_BITS` bits, format widths at most :data:`MAX_TEXT`; and a message that
still takes over :data:`MAX_SECONDS` stops. Each limit ends the render with one
:class:`Limit` (T006 in lint). The checks here are what
:class:`~cskit.render.environment.CskitEnvironment` calls before and after building a value.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from jinja2 import Environment, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.visitor import NodeTransformer

MAX_RANGE = 1000  # loops in a customer message never need more
MAX_LOOP_STEPS = 10_000  # loop iterations of one render together: nested loops stop here
MAX_CALLS = 20_000  # method, function and macro calls of one render (recursion fan-out)
MAX_REPEAT = 10_000  # characters/items produced by ``'x' * n``
MAX_POWER = 64
MAX_TEXT = 100_000  # characters of any text a template builds, and of the message
MAX_ITEMS = 100_000  # items of a list or mapping a template builds
MAX_INT_BITS = 4096  # a number past 10**1200 is never a customer-facing value
MAX_SECONDS = 2.0  # wall time of one message, a last resort behind the counted limits


class Limit(SecurityError):
    """One of cskit's sandbox limits was hit; ``zh`` says which in Chinese."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.zh = zh


def size_of(value: Any, limit: int = MAX_TEXT, depth: int = 0) -> int:
    """Roughly how many characters ``str(value)`` would make, without making it (counting
    stops past ``limit``)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple | set | frozenset | dict) and depth < 4:
        total = len(value) * 2
        for item in value.items() if isinstance(value, dict) else value:
            if total > limit:
                break
            total += size_of(item, limit - total, depth + 1)
        return total
    if isinstance(value, int) and not isinstance(value, bool):
        return value.bit_length() // 3 + 1
    return 32


MAX_NESTING = 40  # brackets inside brackets: Jinja's parser recurses per level


def check_nesting(source: str) -> None:
    """Refuse brackets nested deeper than :data:`MAX_NESTING` before Jinja's recursive
    parser would overflow the stack on them."""
    depth = 0
    for ch in source:
        if ch in "([{":
            depth += 1
            if depth > MAX_NESTING:
                raise TemplateSyntaxError(f"brackets are nested more than {MAX_NESTING} deep", 1)
        elif ch in ")]}" and depth:
            depth -= 1


_WHAT_ZH = {"text": "文字", "a list": "列表", "a number": "数字", "a message": "一条消息"}


def too_big(what: str, limit: int) -> Limit:
    return Limit(
        f"{what} is limited to {limit} per message", f"每条消息里{_WHAT_ZH[what]}最多 {limit}"
    )


def check_text(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise too_big("text", MAX_TEXT)
    if isinstance(value, list | tuple | dict | set) and len(value) > MAX_ITEMS:
        raise too_big("a list", MAX_ITEMS)
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise too_big("a number", MAX_INT_BITS)
    return value


def check_widths(numbers: Iterable[str]) -> None:
    for number in numbers:
        if len(number) > 6 or int(number) > MAX_TEXT:
            raise Limit(f"format widths are limited to {MAX_TEXT}", f"格式宽度最大为 {MAX_TEXT}")


class Bounds(NodeTransformer):
    """Route every ``for`` loop's items and every ``~`` through the environment's counters."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        it = node.iter
        if isinstance(it, nodes.Call) and isinstance(it.node, nodes.EnvironmentAttribute):
            return node  # already bounded (a tree compiled twice)
        node.iter = nodes.Call(
            nodes.EnvironmentAttribute("bounded_iter"), [node.iter], [], None, None
        ).set_lineno(node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Call(
            nodes.EnvironmentAttribute("bounded_concat"), list(node.nodes), [], None, None
        ).set_lineno(node.lineno)


def precheck_str(text: str, name: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Refuse a str method call whose result would pass :data:`MAX_TEXT` before it is made."""
    if name in ("center", "ljust", "rjust", "zfill") and args:
        if isinstance(args[0], int) and args[0] > MAX_TEXT:
            raise Limit(f"format widths are limited to {MAX_TEXT}", f"格式宽度最大为 {MAX_TEXT}")
    elif name == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        old, new = args[0], args[1]
        hits = text.count(old) if old else len(text) + 1
        if len(text) + hits * max(len(new) - len(old), 0) > MAX_TEXT:
            raise too_big("text", MAX_TEXT)
    elif name == "join" and args:
        items = list(args[0]) if not isinstance(args[0], str) else args[0]
        if len(items) > MAX_ITEMS or size_of(items) + len(text) * len(items) > MAX_TEXT:
            raise too_big("text", MAX_TEXT)
        return (items, *args[1:])
    return args


def bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's ``replace``, ``join``, ``sum``, ``string`` and ``list`` filters, with the
    result's size checked before it is built (and every result checked after)."""

    @functools.wraps(func)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        values = [a for a in args if not isinstance(a, Environment | nodes.EvalContext)]
        if name in ("join", "sum", "string", "list") and values:
            value = values[0]
            if not isinstance(value, str | int | float | Decimal) and hasattr(value, "__iter__"):
                value = list(value)
                if len(value) > MAX_ITEMS or size_of(value) > MAX_TEXT:
                    raise too_big("text" if name != "list" else "a list", MAX_TEXT)
                args = tuple(value if a is values[0] else a for a in args)
        elif name == "replace" and len(values) >= 3 and all(isinstance(v, str) for v in values[:3]):
            precheck_str(values[0], "replace", tuple(values[1:3]))
        return check_text(func(*args, **kwargs))

    return bounded
