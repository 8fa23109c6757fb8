"""What a template uses, found from its Jinja AST without rendering it.

:func:`analyse` returns every variable use (the dotted name as written, its line, whether a
guard protects it, whether it reaches the output and whether a masking filter wraps it), the
filters used, the ``reply('id')`` calls, the local names (loop variables, ``{% set %}``,
macro arguments) and a syntax error if there is one. The T rules read this; nothing here
knows about the registry.

A use is *guarded* when it sits inside ``{% if x %}`` (or an ``elif``/``else`` branch whose
tests prove ``x`` has a value), inside ``x | default(...)``, or is itself only tested
(``{% if x %}``, ``x is defined``, ``x == 'a'``) — the positions where a missing value
cannot break the render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jinja2 import TemplateSyntaxError, nodes

from cskit.render.environment import UNSUPPORTED, parse_environment
from cskit.render.filters import GUARDS, MASKING

GLOBAL_NAMES = frozenset({"range", "reply", "loop", "self", "caller", "varargs", "kwargs"})
_SAFE_COMPARE = frozenset({"eq", "ne", "in", "notin"})


@dataclass(frozen=True)
class Use:
    name: str  # dotted, as written: "shipment.tracking_no"
    line: int  # 1-based inside the template
    guarded: bool
    rendered: bool  # reaches output (not only tested)
    masked: bool  # a masking filter wraps it


@dataclass(frozen=True)
class FilterUse:
    name: str
    line: int


@dataclass
class Analysis:
    uses: list[Use] = field(default_factory=list)
    filters: list[FilterUse] = field(default_factory=list)
    replies: list[tuple[str, int]] = field(default_factory=list)
    locals: set[str] = field(default_factory=set)
    unsupported: list[tuple[str, int]] = field(default_factory=list)
    syntax_error: tuple[str, int] | None = None  # (message, line)
    # Set only by cskit.render.quickanalysis, which reads simple shapes without Jinja: each filter
    # call as (filter, the dotted name it is applied to or None, has arguments). T006 reads
    # it in place of the tree it would otherwise inspect.
    quick_filters: tuple[tuple[str, str | None, bool], ...] | None = field(
        default=None, compare=False
    )


def has_template_code(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text


def analyse(text: str, trees: dict[str, nodes.Template] | None = None) -> Analysis:
    """Analyse one template text (answers without ``{{``/``{%`` are skipped cheaply).
    ``trees`` receives the parsed tree, so a later compile need not parse again."""
    result = Analysis()
    if not has_template_code(text):
        return result
    try:
        tree = parse_environment().parse(text)
    except TemplateSyntaxError as exc:
        result.syntax_error = (exc.message or str(exc), exc.lineno or 1)
        return result
    if trees is not None:
        trees[text] = tree
    if "{%" in text:  # only statements define locals or pull in other files
        _scan_statements(tree, result)
    _Walker(result).body(tree.body, frozenset())
    return result


_STATEMENTS = (
    nodes.For,
    nodes.Assign,
    nodes.AssignBlock,
    nodes.With,
    nodes.Macro,
    nodes.CallBlock,
    *UNSUPPORTED,
)


def _scan_statements(tree: nodes.Template, result: Analysis) -> None:
    """Local names (loop targets, set, with, macro arguments) and unsupported tags, in one
    pass over the tree."""
    out = result.locals
    for node in tree.find_all(_STATEMENTS):
        if isinstance(node, UNSUPPORTED):
            result.unsupported.append((type(node).__name__.lower(), node.lineno))
            continue
        targets: list[nodes.Node] = []
        if isinstance(node, nodes.For | nodes.Assign | nodes.AssignBlock):
            targets.append(node.target)
        elif isinstance(node, nodes.With):
            targets.extend(node.targets)
        else:
            if isinstance(node, nodes.Macro):
                out.add(node.name)
            out.update(a.name for a in node.args)  # type: ignore[attr-defined]
        for target in targets:
            if isinstance(target, nodes.Name):
                out.add(target.name)
            else:
                out.update(n.name for n in target.find_all(nodes.Name))


def chain_name(node: nodes.Node) -> str | None:
    """``order.id`` for ``order.id`` / ``order['id']``; None when not a plain name chain."""
    parts: list[str] = []
    while True:
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
            node = node.node
        elif (
            isinstance(node, nodes.Getitem)
            and isinstance(node.arg, nodes.Const)
            and isinstance(node.arg.value, str)
        ):
            parts.append(node.arg.value)
            node = node.node
        elif isinstance(node, nodes.Name):
            parts.append(node.name)
            return ".".join(reversed(parts))
        else:
            return None


def _known_when(expr: nodes.Node, truthy: bool) -> frozenset[str]:
    """Names that certainly have a value when ``expr`` is truthy (or falsy)."""
    name = chain_name(expr)
    if name is not None:
        return frozenset({name}) if truthy else frozenset()
    if isinstance(expr, nodes.Not):
        return _known_when(expr.node, not truthy)
    if isinstance(expr, nodes.And):
        a, b = _known_when(expr.left, truthy), _known_when(expr.right, truthy)
        return a | b if truthy else a & b
    if isinstance(expr, nodes.Or):
        a, b = _known_when(expr.left, truthy), _known_when(expr.right, truthy)
        return a & b if truthy else a | b
    if isinstance(expr, nodes.Test) and expr.name == "defined":
        inner = chain_name(expr.node)
        return frozenset({inner}) if inner and truthy else frozenset()
    if isinstance(expr, nodes.Test) and expr.name == "undefined":
        inner = chain_name(expr.node)
        return frozenset({inner}) if inner and not truthy else frozenset()
    if isinstance(expr, nodes.Compare) and truthy and [o.op for o in expr.ops] == ["eq"]:
        inner = chain_name(expr.expr)
        other = expr.ops[0].expr
        if inner and isinstance(other, nodes.Const) and other.value is not None:
            return frozenset({inner})
    return frozenset()


def is_guarded(name: str, guards: frozenset[str]) -> bool:
    return any(name == g or name.startswith(g + ".") for g in guards)


class _Walker:
    def __init__(self, result: Analysis) -> None:
        self.r = result

    def body(self, items: list[nodes.Node], guards: frozenset[str]) -> None:
        for node in items:
            self.stmt(node, guards)

    def stmt(self, node: nodes.Node, guards: frozenset[str]) -> None:
        if isinstance(node, nodes.If):
            self.expr(node.test, guards, safe=True, rendered=False)
            self.body(node.body, guards | _known_when(node.test, True))
            negative = _known_when(node.test, False)
            for branch in node.elif_:
                self.expr(branch.test, guards | negative, safe=True, rendered=False)
                self.body(branch.body, guards | negative | _known_when(branch.test, True))
                negative = negative | _known_when(branch.test, False)
            self.body(node.else_, guards | negative)
            return
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expr(child, guards)
            return
        if isinstance(node, nodes.For):
            self.expr(node.iter, guards)
            if node.test is not None:
                self.expr(node.test, guards, safe=True, rendered=False)
            self.body(node.body, guards)
            self.body(node.else_, guards)
            return
        # Everything else (set, with, macro, call blocks, filter blocks): walk the children.
        for sub in node.iter_child_nodes():
            if isinstance(sub, nodes.Expr):
                self.expr(sub, guards)
            else:
                self.stmt(sub, guards)

    def expr(
        self,
        node: nodes.Node,
        guards: frozenset[str],
        *,
        safe: bool = False,
        rendered: bool = True,
        masked: bool = False,
    ) -> None:
        if isinstance(node, nodes.Name) and node.ctx != "load":
            return
        name = chain_name(node)
        if name is not None:
            guarded = safe or is_guarded(name, guards)
            self.r.uses.append(Use(name, node.lineno, guarded, rendered, masked))
            return
        if isinstance(node, nodes.Getattr | nodes.Getitem):
            self.expr(node.node, guards, rendered=rendered, masked=masked)
            if isinstance(node, nodes.Getitem):
                self.expr(node.arg, guards, rendered=False)
            return
        if isinstance(node, nodes.Filter):
            self.r.filters.append(FilterUse(node.name, node.lineno))
            if node.node is not None:
                self.expr(
                    node.node,
                    guards,
                    safe=safe or node.name in GUARDS,
                    rendered=rendered,
                    masked=masked or node.name in MASKING,
                )
            for arg in [*node.args, *(k.value for k in node.kwargs)]:
                self.expr(arg, guards, rendered=rendered, masked=masked)
            return
        if isinstance(node, nodes.Test):
            self.expr(node.node, guards, safe=True, rendered=False)
            for arg in node.args:
                self.expr(arg, guards, rendered=False)
            return
        if isinstance(node, nodes.Not):
            self.expr(node.node, guards, safe=safe, rendered=False)
            return
        if isinstance(node, nodes.Or):
            # `x or '亲'`: x is only tested when missing, but printed when it has a value
            self.expr(node.left, guards, safe=True, rendered=rendered, masked=masked)
            self.expr(node.right, guards, safe=safe, rendered=rendered, masked=masked)
            return
        if isinstance(node, nodes.And):
            # `x and y`: a missing x is returned as is, so it is only safe inside a test
            self.expr(node.left, guards, safe=safe, rendered=rendered, masked=masked)
            right_guards = guards | _known_when(node.left, True)
            self.expr(node.right, right_guards, safe=safe, rendered=rendered, masked=masked)
            return
        if isinstance(node, nodes.Compare):
            ops = {o.op for o in node.ops}
            self.expr(node.expr, guards, safe=safe and ops <= _SAFE_COMPARE, rendered=False)
            for op in node.ops:
                self.expr(op.expr, guards, safe=safe and op.op in ("eq", "ne"), rendered=False)
            return
        if isinstance(node, nodes.CondExpr):
            self.expr(node.test, guards, safe=True, rendered=False)
            self.expr(
                node.expr1, guards | _known_when(node.test, True), rendered=rendered, masked=masked
            )
            if node.expr2 is not None:
                self.expr(
                    node.expr2,
                    guards | _known_when(node.test, False),
                    rendered=rendered,
                    masked=masked,
                )
            return
        if isinstance(node, nodes.Call):
            callee = node.node
            if isinstance(callee, nodes.Name) and callee.name == "reply":
                if node.args and isinstance(node.args[0], nodes.Const):
                    self.r.replies.append((str(node.args[0].value), node.lineno))
            elif not isinstance(callee, nodes.Name) or callee.name not in GLOBAL_NAMES:
                self.expr(callee, guards, rendered=False)
            for arg in [*node.args, *(k.value for k in node.kwargs)]:
                self.expr(arg, guards, rendered=rendered, masked=masked)
            return
        for child in node.iter_child_nodes():
            self.expr(child, guards, rendered=rendered, masked=masked)


def find_column(line_text: str, needle: str, nth: int = 0) -> int:
    """0-based column of the ``nth`` occurrence of a dotted name or filter on a line."""
    if not needle:
        return 0
    pattern = r"\s*\.\s*".join(re.escape(p) for p in needle.split("."))
    found = list(re.finditer(rf"(?<![\w.]){pattern}(?!\w)", line_text))
    if not found:
        return 0
    return found[min(nth, len(found) - 1)].start()
