"""E001 yaml-syntax: a file that does not parse, at the parser's line and column."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.rules.base import Context, Rule


class YamlSyntax(Rule):
    """The file is not valid YAML, so none of its entries can be checked.

    The rest of the library is still checked. The position is where the parser stopped,
    which is usually on or just after the mistake.

    Bad:
        entries:
          - id: greet-hello
            answer: "您好，欢迎光临
            title: 问候

    Good:
        entries:
          - id: greet-hello
            answer: "您好，欢迎光临"
            title: 问候
    """

    code = "E001"
    name = "yaml-syntax"
    scope = "library"
    summary_zh = "文件不是合法的 YAML"
    summary_en = "file does not parse as YAML"

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        for source in ctx.library.files:
            err = source.error
            if err is not None:
                yield self.report_file(
                    source,
                    err.line,
                    err.column,
                    f"YAML 语法错误：{err.message}",
                    f"YAML syntax error: {err.message}",
                    evidence=err.message,
                )
