"""T003 unknown-filter: a filter cskit does not provide."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cskit.findings import Finding
from cskit.library.positions import line_text
from cskit.rules.base import Context
from cskit.rules.template.common import TemplateRule, analysis, report, targets
from cskit.text.suggest import suggest


class UnknownFilter(TemplateRule):
    """A template uses a filter that does not exist in cskit's environment.

    cskit provides ``yuan``, ``date``, ``datetime``, ``mask_phone``, ``mask_name``,
    ``mask_address`` and a few Jinja built-ins (``default``, ``upper``, ``join``,
    ``truncate``…; see docs/templates.md). Filters from other systems (Liquid's ``money``,
    Gorgias's ``datetime_format``) fail at send time.

    Bad:
        - id: coupon-amount
          answer: 已为您发放 {{ coupon.amount | money }} 优惠券。

    Good:
        - id: coupon-amount
          answer: 已为您发放 {{ coupon.amount | default(0) | yuan }} 优惠券。
    """

    code = "T003"
    name = "unknown-filter"
    summary_zh = "使用了不存在的过滤器"
    summary_en = "unknown filter"
    explain_zh = (
        "模板用了 cskit 环境里不存在的过滤器。可用的有 yuan、date、datetime、mask_phone、"
        "mask_name、mask_address 以及少数 Jinja 内置过滤器（default、upper、join、"
        "truncate 等，见 docs/templates.md）。从其他系统搬来的过滤器会在发送时失败。"
    )
    fix_zh = "换成 cskit 提供的过滤器，例如金额用 | yuan，日期用 | date。"
    fix_en = "Use one of cskit's filters, e.g. | yuan for money and | date for dates."

    def check_targets(self, ctx: Context) -> Iterator[Finding]:
        from cskit.render.environment import known_filters  # Jinja: only when run

        known = sorted(known_filters())
        for target in targets(ctx):
            seen: set[str] = set()
            for use in analysis(ctx, target.text).filters:
                if use.name in known or use.name in seen:
                    continue
                seen.add(use.name)
                text = line_text(target.text, use.line)
                m = re.search(rf"\|\s*{re.escape(use.name)}\b", text)
                col = m.start() if m else 0
                close = suggest(use.name, known)
                hint_zh = f"，是不是 {close}？" if close else f"；可用的有：{', '.join(known)}"
                hint_en = (
                    f"; did you mean {close}?" if close else f"; available: {', '.join(known)}"
                )
                yield report(
                    self,
                    ctx,
                    target,
                    use.line,
                    col,
                    f"过滤器 {use.name} 不存在{hint_zh}",
                    f"filter {use.name!r} does not exist{hint_en}",
                    evidence=use.name,
                )
