"""The analysis of simple templates without Jinja's parser.

Most answers use templates in two shapes only: ``{{ order.id }}`` (perhaps with filters such
as ``| yuan`` or ``| default('亲')``) and ``{% if x %}…{% endif %}`` around such text.
Parsing those with Jinja costs a third of a millisecond each, a second per 3,000 answers
on a cold run. :func:`quick_analyse` reads exactly those shapes with regular expressions
and returns the same :class:`~cskit.render.analysis.Analysis` that :func:`~cskit.render.analysis.analyse`
would; for anything else (other tags, nesting, ``else``, calls, tags across lines,
whitespace around dots) it returns None and the caller asks Jinja. A test compares both on
the sample library, a generated library and a set of tricky texts.
"""

from __future__ import annotations

import re

from cskit.render.analysis import Analysis, FilterUse, Use
from cskit.render.filters import GUARDS, MASKING

_IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
_CHAIN = rf"{_IDENT}(?:\.{_IDENT})*"
_LIT = r"""'[^'\\{}\n]*'|"[^"\\{}\n]*"|\d+(?:\.\d+)?"""
_ARGS = rf"\([ \t]*(?:(?:{_LIT})(?:[ \t]*,[ \t]*(?:{_LIT}))*)?[ \t]*\)"
_FILTER = re.compile(rf"\|[ \t]*({_IDENT})[ \t]*(?:{_ARGS})?[ \t]*")
_EXPR = re.compile(rf"[ \t]*({_CHAIN})[ \t]*((?:\|[ \t]*{_IDENT}[ \t]*(?:{_ARGS})?[ \t]*)*)")
_COND = re.compile(rf"[ \t]*if[ \t]+({_CHAIN})[ \t]*(?:==[ \t]*(?:{_LIT})[ \t]*)?")
_ENDIF = re.compile(r"[ \t]*endif[ \t]*")
_TAG = re.compile(r"\{\{(-?)(.*?)(-?)\}\}|\{%(-?)(.*?)(-?)%\}|\{#")
# Names Jinja reads as constants or operators, not variables
_RESERVED = frozenset(
    {"true", "false", "none", "True", "False", "None", "and", "or", "not", "in", "is", "if"}
)


def quick_analyse(text: str) -> Analysis | None:
    """The analysis of a simple template, or None when Jinja must parse it."""
    if "\r" in text:
        return None  # Jinja counts a lone CR as a line break
    if "{" not in text:
        return Analysis(quick_filters=())  # plain text, most replies
    result = Analysis()
    calls: list[tuple[str, str | None, bool]] = []
    guard: str | None = None  # the name the open {% if %} proves, inside its body
    line, counted = 1, 0
    pos = 0
    for m in _TAG.finditer(text):
        between = text[pos : m.start()]
        if "{" in between and any(t in between for t in ("{{", "{%", "{#")):
            return None  # a tag the pattern did not read (across lines, unclosed)
        pos = m.end()
        line += text.count("\n", counted, m.start())
        counted = m.start()
        if m.group(0) == "{#":
            return None
        if m.group(2) is not None:  # {{ … }}
            if not _expression(m.group(2), line, guard, result, calls):
                return None
            continue
        body = m.group(5)
        cond = _COND.fullmatch(body)
        if cond is not None and guard is None:
            name = cond.group(1)
            if name.split(".", 1)[0] in _RESERVED:
                return None
            result.uses.append(Use(name, line, True, False, False))
            guard = name
        elif _ENDIF.fullmatch(body) and guard is not None:
            guard = None
        else:
            return None
    if guard is not None or any(t in text[pos:] for t in ("{{", "{%", "{#")):
        return None  # an unclosed {% if %} is a syntax error: Jinja explains it
    result.quick_filters = tuple(calls)
    return result


def _expression(
    source: str,
    line: int,
    guard: str | None,
    result: Analysis,
    calls: list[tuple[str, str | None, bool]],
) -> bool:
    m = _EXPR.fullmatch(source)
    if m is None:
        return False
    name = m.group(1)
    if name.split(".", 1)[0] in _RESERVED:
        return False
    found = list(_FILTER.finditer(m.group(2)))
    names = [f.group(1) for f in found]
    for k, f in enumerate(found):
        calls.append((f.group(1), name if k == 0 else None, "(" in f.group(0)))
    # Jinja nests `x | a | b` as b(a(x)): the outermost filter is listed first
    result.filters.extend(FilterUse(f, line) for f in reversed(names))
    guarded = any(f in GUARDS for f in names) or (
        guard is not None and (name == guard or name.startswith(guard + "."))
    )
    masked = any(f in MASKING for f in names)
    result.uses.append(Use(name, line, guarded, True, masked))
    return True
