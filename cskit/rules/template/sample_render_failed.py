"""T006 sample-render-failed: rendering with a sample context fails."""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from cskit.config.model import Variable
from cskit.findings import Finding
from cskit.library.model import display_path
from cskit.render.filters import GUARDS, SAFE_FOR
from cskit.render.renderer import Renderer, RenderFailure, apply_conditions
from cskit.rules.base import Context, Rule
from cskit.rules.template.common import (
    Target,
    analysis,
    disk_cache,
    render_key,
    renderer,
    report,
    targets,
)

if TYPE_CHECKING:
    from jinja2 import nodes

    from cskit.render.analysis import Analysis

# Jinja, its AST and cskit.render.environment are imported when the rule runs, not with the rule
# registry: a warm lint that serves cached findings never needs them.

# A template file may name its samples in a first-line comment: {# samples: refunding #}
_TEMPLATE_SAMPLES = re.compile(r"^\s*\{#-?\s*samples:\s*([\w, -]+?)\s*-?#\}")


class SampleRenderFailed(Rule):
    """Rendering an answer (or a channel text, or a ``templates/*.j2`` file) with a sample
    context fails: a required variable the sample lacks, a value of the wrong type, a
    filter that cannot format the value, a ``reply()`` cycle.

    Which samples: the ones the entry lists under ``samples:`` (names from cskit.yaml or
    inline contexts). An entry that lists none is rendered with every configured sample
    whose values do not contradict its ``conditions`` (``order_status: shipped`` skips a
    sample whose ``order.status`` is ``paid``). A template file is rendered with the samples
    named in a first-line comment ``{# samples: refunding, shipped #}``, else with all.
    Syntax errors, undeclared variables and unknown filters are left to T001–T003.

    Bad:
        - id: parcel-eta
          samples: [unshipped]
          answer: 预计 {{ shipment.eta | date }} 送达。

    Good:
        - id: parcel-eta
          samples: [unshipped, shipped]
          answer: |-
            {% if shipment.eta %}预计 {{ shipment.eta | date }} 送达。
            {%- else %}发货后为您更新送达时间。{% endif %}
    """

    code = "T006"
    name = "sample-render-failed"
    scope = "library"
    summary_zh = "用样例渲染失败"
    summary_en = "rendering with a sample context fails"

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        from cskit.render.analysis import has_template_code
        from cskit.render.environment import known_filters

        r = renderer(ctx)
        configured, problems = _configured(r)
        if ctx.changed is None:
            yield from self._config_problems(ctx, problems)
        filters = known_filters()
        store = disk_cache(ctx)
        for target in targets(ctx):
            if target.error is not None or not has_template_code(target.text):
                continue
            result = analysis(ctx, target.text)
            if result.syntax_error or result.unsupported:
                continue
            if any(f.name not in filters for f in result.filters):
                continue
            contexts, bad = _contexts(self, ctx, target, configured)
            yield from bad
            key = render_key(ctx, target)
            outcomes = store.renders.get(key) if key else None
            if outcomes is None:
                tree = ctx.memo.get("t:trees", {}).pop(target.text, None)
                variables = r.config.variables
                if STATIC_SKIP and (tree is not None or result.quick_filters is not None):
                    contexts = [c for c in contexts if could_fail(tree, result, c[1], variables)]
                outcomes = _render_all(r, target, contexts, tree)
                if key:
                    store.renders[key] = outcomes
                    store.dirty = True
            for line, zh, en, evidence in outcomes:
                yield report(self, ctx, target, line, 0, zh, en, evidence=evidence)
        store.flush()

    def _config_problems(
        self, ctx: Context, problems: dict[str, RenderFailure]
    ) -> Iterator[Finding]:
        config = ctx.config
        where = display_path(config.path) if config.path else "cskit.yaml"
        for name, failure in problems.items():
            key: tuple[str, ...] = ("samples", name)
            if failure.variable:
                key = (*key, *failure.variable.split("."))
            line = config.line_of(key) or 1
            yield self.report_file(
                where,
                line,
                1,
                f"样例 {name} 的值不符合变量登记表：{failure.zh}",
                f"sample {name} does not match the registry: {failure.en}",
                key=f"samples.{name}",
                evidence=f"{name}:{failure.variable}",
            )


# Rendering compiles each template (most of T006's cost). A sample that gives a value to every
# unguarded variable of a template built only from the constructs below, with filters applied
# to values of the types they accept, cannot fail, so it is not rendered. Anything else is.
STATIC_SKIP = True


@functools.cache
def _safe_nodes() -> tuple[type[nodes.Node], ...]:
    from jinja2 import nodes

    return (
        nodes.Template,
        nodes.Output,
        nodes.TemplateData,
        nodes.If,
        nodes.Name,
        nodes.Getattr,
        nodes.Const,
        nodes.Filter,
        nodes.Test,
        nodes.Not,
        nodes.And,
        nodes.Or,
        nodes.Compare,
        nodes.Operand,
        nodes.CondExpr,
        nodes.Concat,
    )


_SAFE_TESTS = frozenset({"defined", "undefined", "none"})


def could_fail(
    tree: nodes.Template | None,
    result: Analysis,
    values: dict[str, Any],
    variables: dict[str, Variable],
) -> bool:
    """False only when rendering the template with ``values`` certainly succeeds. ``tree``
    is Jinja's parse; None for a template read by :mod:`cskit.render.quickanalysis`, whose shapes
    are all safe nodes and whose filter calls the analysis lists."""
    from jinja2 import nodes

    from cskit.render.analysis import chain_name

    safe = _safe_nodes()

    def unsafe_filter(name: str, subject: str | None, has_args: bool) -> bool:
        var = variables.get(subject) if subject else None
        return has_args or var is None or var.type not in SAFE_FOR.get(name, ())

    def unsafe(node: nodes.Node) -> bool:
        if type(node) not in safe:
            return True
        if isinstance(node, nodes.Filter):
            if node.kwargs or node.dyn_args or node.dyn_kwargs:
                return True
            if node.name in GUARDS:
                return not all(isinstance(a, nodes.Const) for a in node.args)
            subject = chain_name(node.node) if node.node is not None else None
            return unsafe_filter(node.name, subject, bool(node.args))
        if isinstance(node, nodes.Test):
            return node.name not in _SAFE_TESTS or bool(node.args)
        if isinstance(node, nodes.Compare):
            return any(o.op not in ("eq", "ne") for o in node.ops)
        return False

    if tree is not None:
        if any(unsafe(node) for node in tree.find_all(nodes.Node)):
            return True
    elif any(
        name not in ("default", "d") and unsafe_filter(name, subject, has_args)
        for name, subject, has_args in result.quick_filters or ()
    ):
        return True
    for use in result.uses:
        if use.name.startswith("facts."):
            continue  # declared facts always have a value; undeclared ones are T002's
        var = variables.get(use.name)
        if var is None or (use.rendered and var.type == "list"):
            return True
        if values.get(use.name) is None and not use.guarded:
            return True
    return False


def _render_all(
    r: Renderer, target: Target, contexts: list[tuple[str, dict[str, Any]]], tree: Any
) -> list[tuple[Any, ...]]:
    """(line, zh, en, evidence) per distinct failure, with the samples that hit it."""
    failures: dict[tuple[str, int | None], tuple[RenderFailure, list[str]]] = {}
    if contexts:
        # reuse the lint parse; a compile error is reported by render() below, per sample
        with contextlib.suppress(RenderFailure):
            r.compile(target.text, target.display, tree)
    for label, values in contexts:
        try:
            r.render(target.text, values, target.display)
        except RenderFailure as problem:
            if problem.kind in ("undeclared", "reply-missing"):
                continue  # T002 / E008 report these
            key = (problem.en, problem.line)
            failures.setdefault(key, (problem, []))[1].append(label)
    out: list[tuple[Any, ...]] = []
    for failure, labels in failures.values():
        out.append(
            (
                failure.line or 1,
                f"用样例 {'、'.join(labels)} 渲染失败：{failure.zh}",
                f"rendering with sample {', '.join(labels)} fails: {failure.en}",
                f"{failure.variable or failure.kind}",
            )
        )
    return out


def _configured(r: Renderer) -> tuple[dict[str, dict[str, Any]], dict[str, RenderFailure]]:
    good: dict[str, dict[str, Any]] = {}
    bad: dict[str, RenderFailure] = {}
    for name in r.config.samples:
        try:
            good[name] = r.sample(name)
        except RenderFailure as failure:
            bad[name] = failure
    return good, bad


def _contexts(
    rule: Rule, ctx: Context, target: Target, configured: dict[str, dict[str, Any]]
) -> tuple[list[tuple[str, dict[str, Any]]], list[Finding]]:
    entry = target.entry
    r = renderer(ctx)
    out: list[tuple[str, dict[str, Any]]] = []
    bad: list[Finding] = []
    if entry is None:
        m = _TEMPLATE_SAMPLES.match(target.text)
        wanted = [n.strip() for n in m[1].split(",") if n.strip()] if m else list(configured)
        return [(n, configured[n]) for n in wanted if n in configured], bad
    listed = entry.data.get("samples")
    if not isinstance(listed, list) or not listed:
        return [(n, v) for n, v in configured.items() if apply_conditions(entry, v, r.config)], bad
    for i, item in enumerate(listed):
        if isinstance(item, str):
            if item in configured:
                out.append((item, configured[item]))
            elif item not in r.config.samples and target.key == ("answer",):
                bad.append(
                    rule.report(
                        entry,
                        ("samples", i),
                        f"样例 {item} 没有在 cskit.yaml 的 samples 里定义",
                        f"sample {item!r} is not defined in cskit.yaml samples",
                        evidence=item,
                    )
                )
        elif isinstance(item, dict):
            try:
                out.append((f"samples[{i}]", r.values(item)))
            except RenderFailure as failure:
                if target.key == ("answer",):
                    bad.append(
                        rule.report(
                            entry,
                            ("samples", i),
                            f"内联样例 samples[{i}] 的值不符合变量登记表：{failure.zh}",
                            f"inline sample samples[{i}] does not match the registry: {failure.en}",
                            evidence=f"samples[{i}]:{failure.variable}",
                        )
                    )
    return out, bad
