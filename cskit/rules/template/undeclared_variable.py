"""T002 undeclared-variable: a variable not in the registry, with a "did you mean"."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.library.positions import line_text
from cskit.render.renderer import registered_name
from cskit.rules.base import Context
from cskit.rules.template.common import TemplateRule, analysis, report, targets
from cskit.text.suggest import suggest

# Roots of other platforms' placeholders ({{ticket.id}}): T007 reports those instead.
FOREIGN_ROOTS = frozenset({"ticket", "current_user", "dc", "satisfaction", "organization"})


class UndeclaredVariable(TemplateRule):
    """A template uses a variable that cskit.yaml's ``variables`` does not declare, or a
    ``facts.KEY`` that ``facts`` does not have.

    Undeclared names are typos or data the order system never sends: Zendesk and Gorgias
    render them as blanks, cskit refuses. Names are compared with the registry by the full
    name and by the last segment, so ``order.tracking`` suggests ``shipment.tracking_no``.
    Loop variables, ``{% set %}`` names and macro arguments are local and fine.

    Bad:
        - id: parcel-number
          answer: 您的运单号是 {{ order.tracking }}。

    Good:
        - id: parcel-number
          answer: |-
            {% if shipment.tracking_no %}您的运单号是 {{ shipment.tracking_no }}。{% endif %}
    """

    code = "T002"
    name = "undeclared-variable"
    summary_zh = "使用了未登记的变量"
    summary_en = "variable not declared in the registry"
    explain_zh = (
        "模板用了 cskit.yaml 的 variables 里没有登记的变量，或 facts 里没有的 facts.KEY。"
        "这类名字多是拼写错误，或订单系统根本不会提供的数据；别的工具会把它渲染成空白，"
        "cskit 直接拒绝。循环变量、{% set %} 的名字和宏参数是局部变量，不受影响。"
    )
    fix_zh = "改成提示里的已登记变量（例如 shipment.tracking_no），或先在 variables 里登记它。"
    fix_en = (
        "Use the registered variable the message suggests (e.g. shipment.tracking_no)"
        ", or declare it under variables first."
    )

    def check_targets(self, ctx: Context) -> Iterator[Finding]:
        from cskit.render.analysis import GLOBAL_NAMES, find_column  # Jinja: only when run

        config = ctx.config
        names = sorted(config.variables)
        prefixes = {n.rsplit(".", i)[0] for n in names for i in range(1, n.count(".") + 1)}
        facts = sorted(config.facts)
        for target in targets(ctx):
            result = analysis(ctx, target.text)
            seen: set[str] = set()
            for use in result.uses:
                root = use.name.split(".")[0]
                if root in result.locals or root in GLOBAL_NAMES or use.name in seen:
                    continue
                if registered_name(use.name, config) or use.name in prefixes:
                    continue
                if root in FOREIGN_ROOTS and root not in prefixes:
                    continue
                seen.add(use.name)
                col = find_column(line_text(target.text, use.line), use.name)
                if root == "facts":
                    key = use.name.split(".")[1] if "." in use.name else ""
                    close = suggest(key, facts) if key else None
                    hint_zh = (
                        f"，是不是 facts.{close}？"
                        if close
                        else "，请先在 cskit.yaml 的 facts 里登记"
                    )
                    hint_en = (
                        f"; did you mean facts.{close}?" if close else "; declare it under facts"
                    )
                    yield report(
                        self,
                        ctx,
                        target,
                        use.line,
                        col,
                        f"{use.name} 不是已登记的政策常量{hint_zh}",
                        f"{use.name} is not a declared fact{hint_en}",
                        evidence=use.name,
                    )
                    continue
                close = suggest(use.name, names)
                hint_zh = (
                    f"，是不是 {close}？"
                    if close
                    else "；请改成已登记的变量，或先在 cskit.yaml 的 variables 里登记"
                )
                hint_en = (
                    f"; did you mean {close}?"
                    if close
                    else "; use a declared variable or declare it"
                )
                yield report(
                    self,
                    ctx,
                    target,
                    use.line,
                    col,
                    f"变量 {use.name} 没有在 cskit.yaml 的 variables 里登记{hint_zh}",
                    f"variable {use.name} is not declared in cskit.yaml variables{hint_en}",
                    evidence=use.name,
                )
