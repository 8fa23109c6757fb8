"""T005 unmasked-pii: a ``pii: true`` variable printed without a masking filter."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.library.positions import line_text
from cskit.render.filters import MASKING
from cskit.render.renderer import label_of, registered_name
from cskit.rules.base import Context
from cskit.rules.template.common import TemplateRule, analysis, report, targets


class UnmaskedPii(TemplateRule):
    """A variable marked ``pii: true`` (buyer name, phone, address) reaches the message
    without ``mask_phone``, ``mask_name`` or ``mask_address``.

    Personal data must only leave in masked form (138****5678, 张**), even when the data
    source usually masks it already: one unmasked export is enough to leak. Testing the
    variable (``{% if customer.phone %}``) is fine; printing it, or putting it into a
    ``{% set %}`` without a mask, is reported.

    Bad:
        - id: confirm-phone
          answer: 请确认收货电话 {{ customer.phone }} 是否正确。

    Good:
        - id: confirm-phone
          answer: |-
            {% if customer.phone %}
            请确认收货电话 {{ customer.phone | mask_phone }} 是否正确。
            {%- endif %}
    """

    code = "T005"
    name = "unmasked-pii"
    summary_zh = "个人信息变量没有经过脱敏过滤器"
    summary_en = "pii variable rendered without a masking filter"
    explain_zh = (
        "标了 pii: true 的变量（买家姓名、手机、地址）没有经过脱敏过滤器就进入了消息。"
        "个人信息只能以脱敏形式发出（138****5678、张**），即使数据源平时已经脱敏："
        "一次漏网就是泄露。只做判断（{% if customer.phone %}）没问题；"
        "直接输出或不脱敏地 {% set %} 都会报告。"
    )
    fix_zh = "加上对应的过滤器：| mask_phone、| mask_name 或 | mask_address。"
    fix_en = "Add the matching filter: | mask_phone, | mask_name or | mask_address."

    def check_targets(self, ctx: Context) -> Iterator[Finding]:
        from cskit.render.analysis import find_column  # Jinja: only when run

        config = ctx.config
        masks = " / ".join(sorted(MASKING))
        for target in targets(ctx):
            result = analysis(ctx, target.text)
            seen: set[str] = set()
            for use in result.uses:
                if not use.rendered or use.masked or use.name.split(".")[0] in result.locals:
                    continue
                name = registered_name(use.name, config)
                var = config.variables.get(name or "")
                if var is None or not var.pii or var.name in seen:
                    continue
                seen.add(var.name)
                col = find_column(line_text(target.text, use.line), use.name)
                yield report(
                    self,
                    ctx,
                    target,
                    use.line,
                    col,
                    f"个人信息变量 {var.name}{label_of(var.name, config)} 没有脱敏就输出了；"
                    f"请加上脱敏过滤器（{masks}），如 {{{{ {var.name} | {_mask_for(var.name)} }}}}",
                    f"personal data {var.name} is printed unmasked; pass it through "
                    f"{masks}, e.g. {{{{ {var.name} | {_mask_for(var.name)} }}}}",
                    evidence=var.name,
                )


def _mask_for(name: str) -> str:
    low = name.lower()
    if "phone" in low or "mobile" in low or "tel" in low:
        return "mask_phone"
    if "addr" in low:
        return "mask_address"
    return "mask_name"
