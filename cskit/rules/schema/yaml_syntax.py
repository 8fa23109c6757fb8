"""E001 yaml-syntax: a file that does not parse, at the parser's line and column."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.rules.base import Context, Rule
from cskit.yamlread import explain_zh


class YamlSyntax(Rule):
    """The file is not valid YAML, so none of its entries can be checked.

    The rest of the library is still checked. The position is where the parser stopped,
    which is usually on or just after the mistake.

    Bad:
        - id: greet-hello
          answer: "您好，欢迎光临
          title: 问候

    Good:
        - id: greet-hello
          answer: "您好，欢迎光临"
          title: 问候
    """

    code = "E001"
    name = "yaml-syntax"
    scope = "library"
    summary_zh = "文件不是合法的 YAML"
    summary_en = "file does not parse as YAML"
    explain_zh = (
        "文件不是合法的 YAML，里面的条目都无法检查；库里其他文件照常检查。"
        "位置是解析器停下的地方，错误通常就在这一行或上一两行。常见原因：用了 Tab 缩进、"
        "引号没有闭合、值里有“冒号+空格”、值以 {{ 开头。"
    )
    fix_zh = "按提示修正语法：缩进只用空格；含冒号或以 {{ 开头的文本加引号，或改用 |- 块写法。"
    fix_en = (
        "Fix the syntax as the message says: indent with spaces only; "
        "quote text that holds ': ' or starts with {{, or write it as a |- block."
    )

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        for source in ctx.library.files:
            err = source.error
            if err is not None:
                yield self.report_file(
                    source,
                    err.line,
                    err.column,
                    explain_zh(err.message),
                    f"YAML syntax error: {err.message}",
                    evidence=err.message,
                )
