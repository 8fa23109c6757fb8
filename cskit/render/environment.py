"""The Jinja environment every answer and template runs in (docs/templates.md, the sandbox).

- Sandboxed: attributes starting with ``_`` and Python internals are refused; no ``lipsum``,
  ``cycler``, ``joiner``, ``namespace`` or ``dict`` globals; no ``include``/``import``/``extends``.
- Bounded, per rendered message, so no template can take more than a moment or more than a
  few megabytes: loops, calls, the size of texts, lists and numbers, format widths and wall
  time (the limits and their checks are in :mod:`cskit.render.limits`). Each limit ends the
  render with one sandbox error (T006 in lint).
- Strict: a variable with no value fails with its dotted name (``shipment.tracking_no``),
  never renders blank; context values are :class:`~cskit.render.scopes.Scope` trees built
  from the typed registry (:mod:`cskit.render.scopes`).

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
from typing import Any

from jinja2 import Undefined, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from cskit.render.filters import BUILTIN, CENT, FILTERS, to_datetime
from cskit.render.limits import (
    MAX_CALLS,
    MAX_INT_BITS,
    MAX_ITEMS,
    MAX_LOOP_STEPS,
    MAX_POWER,
    MAX_RANGE,
    MAX_REPEAT,
    MAX_SECONDS,
    MAX_TEXT,
    Bounds,
    Limit,
    bounded_filter,
    check_nesting,
    check_text,
    check_widths,
    precheck_str,
    size_of,
    too_big,
)
from cskit.render.scopes import Missing, Scope

_SPEC_NUMBER = re.compile(r"\d+")
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?")
_REFUSED_METHODS = frozenset({"translate", "maketrans", "expandtabs"})


def finalize(value: Any) -> Any:
    """How a bare ``{{ x }}`` prints: readable defaults for typed values (never past
    :data:`MAX_TEXT`)."""
    if isinstance(value, list | tuple | dict | set) and size_of(value) > MAX_TEXT:
        raise Limit(
            f"text is limited to {MAX_TEXT} per message", f"每条消息的文字最多 {MAX_TEXT} 字"
        )
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
            raise Limit(
                f"a message may take at most {MAX_SECONDS:g} seconds to render",
                f"每条消息最多渲染 {MAX_SECONDS:g} 秒",
            )

    # -- compiling: every loop and every ~ goes through the counters ------------------------
    def _generate(
        self,
        source: nodes.Template,
        name: str | None,
        filename: str | None,
        defer_init: bool = False,
    ) -> str:
        try:
            bounded = Bounds().visit(source)  # in place, and a second pass changes nothing
            return super()._generate(bounded, name, filename, defer_init)
        except RecursionError:
            raise TemplateSyntaxError("the template is nested too deeply", 1, name) from None

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        if "{{" in source or "{%" in source:
            check_nesting(source)
        try:
            return super()._parse(source, name, filename)
        except RecursionError:  # deep {% if %} blocks: a syntax error, not a crash
            raise TemplateSyntaxError("the template is nested too deeply", 1, name) from None

    def bounded_range(self, *args: int) -> range:
        """``range`` with at most :data:`MAX_RANGE` items (iterating it counts as steps)."""
        rng = range(*args)
        if len(rng) > MAX_RANGE:
            raise Limit(f"range() is limited to {MAX_RANGE} items", f"range() 最多 {MAX_RANGE} 项")
        return rng

    def bounded_iter(self, iterable: Any) -> Iterator[Any]:
        """The items of a ``for`` loop, each one counted against :data:`MAX_LOOP_STEPS`."""
        if isinstance(iterable, Undefined):
            yield from iterable  # fails with the variable's name
            return
        for item in iterable:
            self.steps_left -= 1
            if self.steps_left < 0:
                raise Limit(
                    f"loops are limited to {MAX_LOOP_STEPS} steps per message",
                    f"每条消息的循环最多 {MAX_LOOP_STEPS} 步",
                )
            if not self.steps_left & 0xFF:
                self._tick()
            yield item

    def bounded_concat(self, *pieces: Any) -> str:
        """``a ~ b ~ c`` without building a text past :data:`MAX_TEXT`."""
        if sum(size_of(p) for p in pieces) > MAX_TEXT:
            raise too_big("text", MAX_TEXT)
        return "".join(str(p) for p in pieces)

    def concat(self, pieces: Iterable[str]) -> str:
        """The rendered message, piece by piece, stopping past :data:`MAX_TEXT`."""
        out: list[str] = []
        total = 0
        for piece in pieces:
            total += len(piece)
            if total > MAX_TEXT:
                raise too_big("a message", MAX_TEXT)
            out.append(piece)
        return "".join(out)

    # -- calls, formats and operators --------------------------------------------------------
    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.calls_left -= 1
        if __self.calls_left < 0:
            raise Limit(
                f"calls are limited to {MAX_CALLS} per message", f"每条消息最多调用 {MAX_CALLS} 次"
            )
        if not __self.calls_left & 0xFF:
            __self._tick()
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            args = precheck_str(owner, name, args)
        elif isinstance(owner, list | dict | set) and name in ("extend", "update"):
            extra = sum(len(a) if hasattr(a, "__len__") else MAX_ITEMS for a in args)
            if len(owner) + extra > MAX_ITEMS:
                raise too_big("a list", MAX_ITEMS)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(owner, list | dict | set):
            check_text(owner)  # append/insert in a loop: the list itself
        return check_text(result)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``'{:>9}'.format(x)``: widths and precisions bounded, nested fields refused."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            for _literal, _field, spec, _conv in string.Formatter().parse(value.__self__):
                if spec and "{" in spec:
                    raise Limit("nested format fields are not allowed", "不允许嵌套的格式字段")
                if spec:
                    check_widths(_SPEC_NUMBER.findall(spec))
        return wrapped

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, int | float) and abs(right) > MAX_POWER:
                raise Limit(
                    f"powers are limited to exponent {MAX_POWER}", f"乘方的指数最大为 {MAX_POWER}"
                )
            big = isinstance(left, int) and isinstance(right, int) and right > 0
            if big and left.bit_length() * right > MAX_INT_BITS:
                raise too_big("a number", MAX_INT_BITS)
            return left**right
        if operator == "%":
            if isinstance(left, str):
                for width, precision in _PERCENT_SPEC.findall(left):
                    if "*" in (width, precision):
                        raise Limit(
                            "* widths are not allowed in % formats", "% 格式里不允许用 * 宽度"
                        )
                    check_widths(n for n in (width, precision) if n)
                return check_text(left % right)
            return left % right
        if operator == "+":
            if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
                limit = MAX_TEXT if isinstance(left, str) else MAX_ITEMS
                if len(left) + len(right) > limit:
                    raise too_big("text" if isinstance(left, str) else "a list", limit)
            return left + right
        # operator == "*": bound the size of repeated text and lists, and of numbers
        for seq, times in ((left, right), (right, left)):
            if (
                isinstance(seq, str | list | tuple)
                and isinstance(times, int)
                and len(seq) * times > MAX_REPEAT
            ):
                raise Limit(
                    f"repetition is limited to {MAX_REPEAT} items", f"重复最多 {MAX_REPEAT} 项"
                )
        ints = isinstance(left, int) and isinstance(right, int)
        if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise too_big("a number", MAX_INT_BITS)
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
        keep[name] = bounded_filter(name, keep[name])
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
    "UNSUPPORTED",
    "CskitEnvironment",
    "finalize",
    "known_filters",
    "make_environment",
    "parse_environment",
]
