"""The Jinja environment every answer and template runs in (docs/templates.md, the sandbox).

- Sandboxed: attributes starting with ``_`` and Python internals are refused; no ``lipsum``,
  ``cycler``, ``joiner``, ``namespace`` or ``dict`` globals; ``range`` is bounded; string and
  list repetition and powers are bounded; no ``include``/``import``/``extends``.
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
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, NoReturn

from jinja2 import StrictUndefined, Undefined, nodes
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from cskit.render.filters import BUILTIN, CENT, FILTERS, to_datetime

MAX_RANGE = 1000  # loops in a customer message never need more
MAX_LOOP_STEPS = 10_000  # all range() items of one render together: nested loops stop here
MAX_REPEAT = 10_000  # characters/items produced by ``'x' * n``
MAX_POWER = 64


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
    """How a bare ``{{ x }}`` prints: readable defaults for typed values."""
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

    intercepted_binops = frozenset({"*", "**"})
    steps_left = MAX_LOOP_STEPS

    def reset_budget(self) -> None:
        """Start a new message: the loop budget is per render."""
        self.steps_left = MAX_LOOP_STEPS

    def bounded_range(self, *args: int) -> range:
        """``range`` with at most :data:`MAX_RANGE` items and :data:`MAX_LOOP_STEPS` per
        render, so nested loops cannot spin for minutes."""
        rng = range(*args)
        if len(rng) > MAX_RANGE:
            raise SecurityError(f"range() is limited to {MAX_RANGE} items")
        self.steps_left -= len(rng)
        if self.steps_left < 0:
            raise SecurityError(f"loops are limited to {MAX_LOOP_STEPS} steps per message")
        return rng

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Scope | Missing) and attribute.startswith("_"):
            return Missing(f"access to attribute {attribute!r} is not allowed", exc=SecurityError)
        if isinstance(obj, Scope):
            return obj.child(attribute)
        if isinstance(obj, Missing):
            if obj._undefined_exception is not UndefinedError:
                return obj
            return Missing(name=f"{obj.name}.{attribute}")
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, Scope | Missing) and isinstance(argument, str):
            return self.getattr(obj, argument)
        return super().getitem(obj, argument)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, int | float) and abs(right) > MAX_POWER:
                raise SecurityError(f"powers are limited to exponent {MAX_POWER}")
            return left**right
        # operator == "*": bound the size of repeated text and lists
        for seq, times in ((left, right), (right, left)):
            if (
                isinstance(seq, str | list | tuple)
                and isinstance(times, int)
                and len(seq) * times > MAX_REPEAT
            ):
                raise SecurityError(f"repetition is limited to {MAX_REPEAT} items")
        return left * right


def make_environment(reply: Callable[..., str] | None = None) -> CskitEnvironment:
    """A fresh sandboxed environment; ``reply`` is the ``reply('id')`` function, if any."""
    env = CskitEnvironment(
        undefined=Missing,
        autoescape=False,
        keep_trailing_newline=False,
        finalize=finalize,
    )
    keep = {name: env.filters[name] for name in BUILTIN}
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
