"""What a template sees as its variables: groups reached by dotted names, and a strict
missing value.

A variable with no value fails with its full dotted name (``shipment.tracking_no``), never
renders blank; a missing value is still falsy, so ``{% if x %}``, ``x is defined`` and
``x | default(...)`` guard an optional variable. :func:`build_scopes` turns the flat typed
values (``order.id``) into :class:`Scope` trees, so a missing ``order.item_name`` is named in
full, not just ``item_name``. Printing a whole group (``{{ order }}``) is :class:`ScopeOutput`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NoReturn

from jinja2 import StrictUndefined, Undefined
from jinja2.exceptions import UndefinedError


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
