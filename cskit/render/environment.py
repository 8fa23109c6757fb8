"""The Jinja environment every answer and template runs in (docs/templates.md, the sandbox).

- Sandboxed: attributes starting with ``_`` and Python internals are refused; no ``lipsum``,
  ``cycler``, ``joiner``, ``namespace`` or ``dict`` globals; no ``include``/``import``/``extends``.
- Bounded, per rendered message, so no template can take more than a moment or
  more than a few megabytes: every loop iteration (over ``range``, lists or strings) counts
  against :data:`MAX_LOOP_STEPS`, every call (methods, macros) against :data:`MAX_CALLS`;
  every text a template builds (``~``, ``+``, ``*``, ``%``, ``format``, ``center``, ``join``,
  ``replace``…) and the message itself is at most :data:`MAX_TEXT` characters, lists and
  mappings at most :data:`MAX_ITEMS` items, numbers at most :data:`MAX_INT_BITS` bits, format
  widths at most :data:`MAX_TEXT`; and a message that still takes over :data:`MAX_SECONDS`
  stops. Each limit ends the render with one sandbox error (T006 in lint).
- Strict: a variable with no value fails with its dotted name (``shipment.tracking_no``),
  never renders blank. A missing value is still falsy, so ``{% if x %}``, ``x is defined``
  and ``x | default(...)`` are the ways to guard an optional variable.
- Context values are :class:`Scope` trees built from the typed registry, so a missing
  ``order.item_name`` is named in full, not just ``item_name``.

Static analysis of templates lives in :mod:`cskit.render.analysis`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
import time
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, NoReturn

from jinja2 import Environment, StrictUndefined, Undefined, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

from cskit.render.filters import BUILTIN, CENT, FILTERS, to_datetime

MAX_RANGE = 1000  # loops in a customer message never need more
MAX_LOOP_STEPS = 10_000  # loop iterations of one render together: nested loops stop here
MAX_CALLS = 20_000  # method, function and macro calls of one render (recursion fan-out)
MAX_REPEAT = 10_000  # characters/items produced by ``'x' * n``
MAX_POWER = 64
MAX_TEXT = 100_000  # characters of any text a template builds, and of the message
MAX_ITEMS = 100_000  # items of a list or mapping a template builds
MAX_INT_BITS = 4096  # a number past 10**1200 is never a customer-facing value
MAX_SECONDS = 2.0  # wall time of one message, a last resort behind the counted limits
_SPEC_NUMBER = re.compile(r"\d+")
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?")
_REFUSED_METHODS = frozenset({"translate", "maketrans", "expandtabs"})


class MissingVariable(UndefinedError):
    """A template used a variable that has no value in the context."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} has no value")
        self.name = name


class Missing(StrictUndefined):
    """Strict undefined that knows the full dotted name and is falsy (so it can be tested)."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> NoReturn:
        if self._undefined_exception is not UndefinedError:  # e.g. SecurityError
            raise self._undefined_exception(self._undefined_message)
        raise MissingVariable(self.name)

    @property
    def name(self) -> str:
        return self._undefined_name or "?"

    def __bool__(self) -> bool:  # type: ignore[override]
        return False

    __eq__ = Undefined.__eq__  # type: ignore[assignment]
    __ne__ = Undefined.__ne__  # type: ignore[assignment]
    __hash__ = Undefined.__hash__  # type: ignore[assignment]


# Jinja binds every failing dunder (str, iter, +, <, …) to Undefined's own method; point them
# at ours so the error always names the variable.
for _name, _value in list(vars(Undefined).items()) + list(vars(StrictUndefined).items()):
    if _value is Undefined._fail_with_undefined_error and _name not in (
        "_fail_with_undefined_error",
        "__bool__",
        "__eq__",
        "__ne__",
        "__hash__",
    ):
        setattr(Missing, _name, Missing._fail_with_undefined_error)


class ScopeOutput(ValueError):
    """``{{ order }}``: a group of variables was printed instead of one of them."""


class Scope:
    """A read-only group of variables (``order``, ``facts``) reached as ``order.id``."""

    __slots__ = ("data", "path")

    def __init__(self, path: str, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    def child(self, key: str) -> Any:
        if key in self.data:
            return self.data[key]
        name = f"{self.path}.{key}" if self.path else key
        return Missing(name=name)

    def __bool__(self) -> bool:
        return bool(self.data)

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __contains__(self, key: object) -> bool:
        return key in self.data

    def __str__(self) -> str:
        raise ScopeOutput(self.path)

    def __repr__(self) -> str:
        return f"<{self.path}>"


def build_scopes(flat: dict[str, Any], facts: dict[str, Any] | None = None) -> dict[str, Any]:
    """``{'order.id': 1}`` → ``{'order': Scope('order', {'id': 1})}`` plus ``facts``."""
    tree: dict[str, Any] = {}
    for name, value in flat.items():
        node = tree
        parts = name.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                break
        else:
            node[parts[-1]] = value
    root = {k: _scope(k, v) for k, v in tree.items()}
    root["facts"] = Scope("facts", dict(facts or {}))
    return root


def _scope(path: str, value: Any) -> Any:
    if isinstance(value, dict):
        return Scope(path, {k: _scope(f"{path}.{k}", v) for k, v in value.items()})
    return value


def finalize(value: Any) -> Any:
    """How a bare ``{{ x }}`` prints: readable defaults for typed values (never past
    :data:`MAX_TEXT`)."""
    if isinstance(value, list | tuple | dict | set) and _size(value) > MAX_TEXT:
        raise SecurityError(f"text is limited to {MAX_TEXT} per message")
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return str(value.quantize(CENT))
    if isinstance(value, dt.datetime):
        return to_datetime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "、".join(str(finalize(v)) for v in value)
    if callable(value) and not isinstance(value, Undefined):
        raise TypeError("a function or method cannot be printed; call it: x.upper()")
    return value


def _size(value: Any, limit: int = MAX_TEXT, depth: int = 0) -> int:
    """Roughly how many characters ``str(value)`` would make, without making it (counting
    stops past ``limit``)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple | set | frozenset | dict) and depth < 4:
        total = len(value) * 2
        for item in value.items() if isinstance(value, dict) else value:
            if total > limit:
                break
            total += _size(item, limit - total, depth + 1)
        return total
    if isinstance(value, int) and not isinstance(value, bool):
        return value.bit_length() // 3 + 1
    return 32


MAX_NESTING = 40  # brackets inside brackets: Jinja's parser recurses per level


def _check_nesting(source: str) -> None:
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


def _too_big(what: str, limit: int) -> SecurityError:
    return SecurityError(f"{what} is limited to {limit} per message")


def _check_text(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise _too_big("text", MAX_TEXT)
    if isinstance(value, list | tuple | dict | set) and len(value) > MAX_ITEMS:
        raise _too_big("a list", MAX_ITEMS)
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise _too_big("a number", MAX_INT_BITS)
    return value


def _check_widths(numbers: Iterable[str]) -> None:
    for number in numbers:
        if len(number) > 6 or int(number) > MAX_TEXT:
            raise SecurityError(f"format widths are limited to {MAX_TEXT}")


class _Bounds(NodeTransformer):
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


class CskitEnvironment(SandboxedEnvironment):
    """The sandbox with cskit's limits and the Scope-aware attribute lookup."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    steps_left = MAX_LOOP_STEPS
    calls_left = MAX_CALLS
    deadline = float("inf")

    def reset_budget(self) -> None:
        """Start a new message: the loop, call and time budgets are per render."""
        self.steps_left = MAX_LOOP_STEPS
        self.calls_left = MAX_CALLS
        self.deadline = time.monotonic() + MAX_SECONDS

    def _tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise SecurityError(f"a message may take at most {MAX_SECONDS:g} seconds to render")

    # -- compiling: every loop and every ~ goes through the counters ------------------------
    def _generate(
        self,
        source: nodes.Template,
        name: str | None,
        filename: str | None,
        defer_init: bool = False,
    ) -> str:
        try:
            bounded = _Bounds().visit(source)  # in place, and a second pass changes nothing
            return super()._generate(bounded, name, filename, defer_init)
        except RecursionError:
            raise TemplateSyntaxError("the template is nested too deeply", 1, name) from None

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        if "{{" in source or "{%" in source:
            _check_nesting(source)
        try:
            return super()._parse(source, name, filename)
        except RecursionError:  # deep {% if %} blocks: a syntax error, not a crash
            raise TemplateSyntaxError("the template is nested too deeply", 1, name) from None

    def bounded_range(self, *args: int) -> range:
        """``range`` with at most :data:`MAX_RANGE` items (iterating it counts as steps)."""
        rng = range(*args)
        if len(rng) > MAX_RANGE:
            raise SecurityError(f"range() is limited to {MAX_RANGE} items")
        return rng

    def bounded_iter(self, iterable: Any) -> Iterator[Any]:
        """The items of a ``for`` loop, each one counted against :data:`MAX_LOOP_STEPS`."""
        if isinstance(iterable, Undefined):
            yield from iterable  # fails with the variable's name
            return
        for item in iterable:
            self.steps_left -= 1
            if self.steps_left < 0:
                raise SecurityError(f"loops are limited to {MAX_LOOP_STEPS} steps per message")
            if not self.steps_left & 0xFF:
                self._tick()
            yield item

    def bounded_concat(self, *pieces: Any) -> str:
        """``a ~ b ~ c`` without building a text past :data:`MAX_TEXT`."""
        if sum(_size(p) for p in pieces) > MAX_TEXT:
            raise _too_big("text", MAX_TEXT)
        return "".join(str(p) for p in pieces)

    def concat(self, pieces: Iterable[str]) -> str:
        """The rendered message, piece by piece, stopping past :data:`MAX_TEXT`."""
        out: list[str] = []
        total = 0
        for piece in pieces:
            total += len(piece)
            if total > MAX_TEXT:
                raise _too_big("a message", MAX_TEXT)
            out.append(piece)
        return "".join(out)

    # -- calls, formats and operators --------------------------------------------------------
    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.calls_left -= 1
        if __self.calls_left < 0:
            raise SecurityError(f"calls are limited to {MAX_CALLS} per message")
        if not __self.calls_left & 0xFF:
            __self._tick()
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            args = _precheck_str(owner, name, args)
        elif isinstance(owner, list | dict | set) and name in ("extend", "update"):
            extra = sum(len(a) if hasattr(a, "__len__") else MAX_ITEMS for a in args)
            if len(owner) + extra > MAX_ITEMS:
                raise _too_big("a list", MAX_ITEMS)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(owner, list | dict | set):
            _check_text(owner)  # append/insert in a loop: the list itself
        return _check_text(result)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``'{:>9}'.format(x)``: widths and precisions bounded, nested fields refused."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            for _literal, _field, spec, _conv in string.Formatter().parse(value.__self__):
                if spec and "{" in spec:
                    raise SecurityError("nested format fields are not allowed")
                if spec:
                    _check_widths(_SPEC_NUMBER.findall(spec))
        return wrapped

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, int | float) and abs(right) > MAX_POWER:
                raise SecurityError(f"powers are limited to exponent {MAX_POWER}")
            big = isinstance(left, int) and isinstance(right, int) and right > 0
            if big and left.bit_length() * right > MAX_INT_BITS:
                raise _too_big("a number", MAX_INT_BITS)
            return left**right
        if operator == "%":
            if isinstance(left, str):
                for width, precision in _PERCENT_SPEC.findall(left):
                    if "*" in (width, precision):
                        raise SecurityError("* widths are not allowed in % formats")
                    _check_widths(n for n in (width, precision) if n)
                return _check_text(left % right)
            return left % right
        if operator == "+":
            if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
                limit = MAX_TEXT if isinstance(left, str) else MAX_ITEMS
                if len(left) + len(right) > limit:
                    raise _too_big("text" if isinstance(left, str) else "a list", limit)
            return left + right
        # operator == "*": bound the size of repeated text and lists, and of numbers
        for seq, times in ((left, right), (right, left)):
            if (
                isinstance(seq, str | list | tuple)
                and isinstance(times, int)
                and len(seq) * times > MAX_REPEAT
            ):
                raise SecurityError(f"repetition is limited to {MAX_REPEAT} items")
        ints = isinstance(left, int) and isinstance(right, int)
        if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise _too_big("a number", MAX_INT_BITS)
        return left * right

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Scope | Missing) and attribute.startswith("_"):
            return Missing(f"access to attribute {attribute!r} is not allowed", exc=SecurityError)
        if isinstance(obj, Scope):
            return obj.child(attribute)
        if isinstance(obj, Missing):
            if obj._undefined_exception is not UndefinedError:
                return obj
            return Missing(name=f"{obj.name}.{attribute}")
        if isinstance(obj, str) and attribute in _REFUSED_METHODS:
            return Missing(f"str.{attribute} is not allowed in a message", exc=SecurityError)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, Scope | Missing) and isinstance(argument, str):
            return self.getattr(obj, argument)
        return super().getitem(obj, argument)


def _precheck_str(text: str, name: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Refuse a str method call whose result would pass :data:`MAX_TEXT` before it is made."""
    if name in ("center", "ljust", "rjust", "zfill") and args:
        if isinstance(args[0], int) and args[0] > MAX_TEXT:
            raise SecurityError(f"format widths are limited to {MAX_TEXT}")
    elif name == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        old, new = args[0], args[1]
        hits = text.count(old) if old else len(text) + 1
        if len(text) + hits * max(len(new) - len(old), 0) > MAX_TEXT:
            raise _too_big("text", MAX_TEXT)
    elif name == "join" and args:
        items = list(args[0]) if not isinstance(args[0], str) else args[0]
        if len(items) > MAX_ITEMS or _size(items) + len(text) * len(items) > MAX_TEXT:
            raise _too_big("text", MAX_TEXT)
        return (items, *args[1:])
    return args


def _bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's ``replace``, ``join``, ``sum``, ``string`` and ``list`` filters, with the
    result's size checked before it is built (and every result checked after)."""

    @functools.wraps(func)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        values = [a for a in args if not isinstance(a, Environment | nodes.EvalContext)]
        if name in ("join", "sum", "string", "list") and values:
            value = values[0]
            if not isinstance(value, str | int | float | Decimal) and hasattr(value, "__iter__"):
                value = list(value)
                if len(value) > MAX_ITEMS or _size(value) > MAX_TEXT:
                    raise _too_big("text" if name != "list" else "a list", MAX_TEXT)
                args = tuple(value if a is values[0] else a for a in args)
        elif name == "replace" and len(values) >= 3 and all(isinstance(v, str) for v in values[:3]):
            _precheck_str(values[0], "replace", tuple(values[1:3]))
        return _check_text(func(*args, **kwargs))

    return bounded


def make_environment(reply: Callable[..., str] | None = None) -> CskitEnvironment:
    """A fresh sandboxed environment; ``reply`` is the ``reply('id')`` function, if any."""
    env = CskitEnvironment(
        undefined=Missing,
        autoescape=False,
        keep_trailing_newline=False,
        finalize=finalize,
    )
    keep = {name: env.filters[name] for name in BUILTIN}
    for name in ("replace", "join", "sum", "string", "list"):
        keep[name] = _bounded_filter(name, keep[name])
    env.filters.clear()
    env.filters.update(keep)
    env.filters.update(FILTERS)
    env.globals.clear()
    env.globals["range"] = env.bounded_range
    if reply is not None:
        env.globals["reply"] = reply
    return env


@functools.lru_cache(maxsize=1)
def parse_environment() -> CskitEnvironment:
    """An environment used only to parse (no ``reply``), shared by the lint rules."""
    return make_environment()


def known_filters() -> frozenset[str]:
    return frozenset(parse_environment().filters)


# ``include``/``import``/``extends``: templates compose with ``reply('id')`` instead.
UNSUPPORTED = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


__all__ = [
    "MAX_RANGE",
    "CskitEnvironment",
    "Missing",
    "MissingVariable",
    "Scope",
    "ScopeOutput",
    "build_scopes",
    "make_environment",
    "parse_environment",
]
