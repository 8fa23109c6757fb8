"""T001 template-syntax: a Jinja syntax error, at its line inside the answer."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.library.positions import line_text
from cskit.rules.base import Context
from cskit.rules.template.common import TemplateRule, analysis, report, targets


class TemplateSyntax(TemplateRule):
    """An answer, a channel text or a ``templates/*.j2`` file is not valid Jinja.

    The finding points at the line of the YAML file where the error is (Jinja reports lines,
    not columns, so the column is the start of that line). ``include``, ``import`` and
    ``extends`` are reported too: templates compose with ``reply('entry-id')``.

    Bad:
        - id: parcel-where
          answer: |-
            {% if shipment.tracking_no %}运单号 {{ shipment.tracking_no }}
            请留意查收。

    Good:
        - id: parcel-where
          answer: |-
            {% if shipment.tracking_no %}运单号 {{ shipment.tracking_no }}{% endif %}
            请留意查收。
    """

    code = "T001"
    name = "template-syntax"
    summary_zh = "模板语法错误"
    summary_en = "Jinja syntax error"
    explain_zh = (
        "回复、渠道文本或 templates/*.j2 不是合法的 Jinja 模板，发送时会直接失败。"
        "Jinja 只报告行号，所以列号是该行开头。include、import、extends 也会报告："
        "模板之间请用 reply('条目id') 组合。"
    )
    fix_zh = "补全 {{ }} 或 {% %} 标签，闭合 if/for；引用其他话术用 reply('条目id')。"
    fix_en = (
        "Close the {{ }} or {% %} tags and every if/for; "
        "include other answers with reply('entry-id')."
    )

    def check_targets(self, ctx: Context) -> Iterator[Finding]:
        for target in targets(ctx):
            if target.error is not None:
                yield report(
                    self,
                    ctx,
                    target,
                    1,
                    0,
                    f"模板文件无法读取：{target.error}（请存为 UTF-8 文本）",
                    f"template file cannot be read: {target.error} (save it as UTF-8 text)",
                    evidence=target.error,
                )
                continue
            result = analysis(ctx, target.text)
            if result.syntax_error is not None:
                message, line = result.syntax_error
                message = message.rstrip(".")
                snippet = line_text(target.text, line).strip()[:40]
                yield report(
                    self,
                    ctx,
                    target,
                    line,
                    0,
                    f"模板语法错误：{message}；出错的这一行是 “{snippet}”",
                    f"template syntax error: {message}; the line reads “{snippet}”",
                    evidence=message,
                )
            for tag, line in result.unsupported:
                yield report(
                    self,
                    ctx,
                    target,
                    line,
                    0,
                    f"不支持 {{% {tag} %}}，请改用 reply('条目id') 引用其他话术",
                    f"{{% {tag} %}} is not supported; use reply('entry-id') instead",
                    evidence=tag,
                )
