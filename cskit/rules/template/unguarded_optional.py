"""T004 unguarded-optional: an optional variable used without ``if`` or ``default``."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.library.positions import line_text
from cskit.render.renderer import label_of, registered_name
from cskit.rules.base import Context
from cskit.rules.template.common import TemplateRule, analysis, report, targets


class UnguardedOptional(TemplateRule):
    """A variable marked ``optional: true`` is used where a missing value breaks the render.

    Optional data is often absent (no tracking number before shipping, no nickname). A
    guard keeps the message readable: put the use inside ``{% if x %}…{% endif %}`` (an
    ``elif``/``else`` whose tests prove the value counts too), or write ``x | default(…)``.
    Only testing it (``{% if x %}``, ``x is defined``, ``x == 'a'``) is always fine.

    Bad:
        - id: parcel-shipped
          answer: 您的包裹已发出，运单号 {{ shipment.tracking_no }}。

    Good:
        - id: parcel-shipped
          answer: |-
            您的包裹已发出
            {%- if shipment.tracking_no %}，运单号 {{ shipment.tracking_no }}{% endif %}。
    """

    code = "T004"
    name = "unguarded-optional"
    severity = "warning"
    summary_zh = "可选变量没有用 if 或 default 保护"
    summary_en = "optional variable used without if/default"
    explain_zh = (
        "标了 optional: true 的变量在缺值时会让整句话出错。"
        "可选数据经常没有（发货前没有运单号、买家没有昵称），需要保护："
        "放进 {% if x %}…{% endif %}，或写成 x | default(…)。只做判断（{% if x %}、"
        "x is defined）总是可以的。"
    )
    fix_zh = "用 {% if 变量 %}…{% endif %} 包住，或写成 {{ 变量 | default('…') }}。"
    fix_en = "Wrap the use in {% if x %}…{% endif %}, or write {{ x | default('…') }}."

    def check_targets(self, ctx: Context) -> Iterator[Finding]:
        from cskit.render.analysis import find_column  # Jinja: only when run

        config = ctx.config
        for target in targets(ctx):
            result = analysis(ctx, target.text)
            seen: set[str] = set()
            for use in result.uses:
                if use.guarded or use.name.split(".")[0] in result.locals:
                    continue
                name = registered_name(use.name, config)
                var = config.variables.get(name or "")
                if var is None or not var.optional or var.name in seen:
                    continue
                seen.add(var.name)
                col = find_column(line_text(target.text, use.line), use.name)
                label = label_of(var.name, config)
                yield report(
                    self,
                    ctx,
                    target,
                    use.line,
                    col,
                    f"可选变量 {var.name}{label} 可能没有值，直接使用会让渲染失败；"
                    f"请放进 {{% if {var.name} %}}…{{% endif %}}，或写成 "
                    f"{{{{ {var.name} | default('…') }}}}",
                    f"optional variable {var.name} may have no value; wrap it in "
                    f"{{% if {var.name} %}}…{{% endif %}} or use | default('…')",
                    evidence=var.name,
                )
