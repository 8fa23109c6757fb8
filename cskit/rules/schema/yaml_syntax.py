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


# libyaml's wording → what it usually means, and what to do (the parser's text stays in --lang en)
_MEANINGS = (
    ("while scanning a quoted scalar", "引号没有闭合{start}；请补上结尾的引号"),
    (
        "that cannot start any token",
        "这里有 YAML 不允许的字符（常见是 Tab 缩进，或文本以 @、` 开头）；请用空格缩进，或给文本加引号",
    ),
    (
        "mapping values are not allowed here",
        "这里不能出现“键: 值”；常见原因是缩进不对，或文本里有“冒号+空格”（请给这段文本加引号，或改用 |- 块写法）",
    ),
    ("could not find expected ':'", "缺少冒号（键后要写“: ”），或上一行的引号、括号没有闭合"),
    ("did not find expected ',' or ']'", "方括号 [ ] 列表没有闭合，或列表项之间少了逗号"),
    ("did not find expected ',' or '}'", "花括号 { } 没有闭合；回复以 {{ 开头时请改用 |- 块写法"),
    ("did not find expected key", "缩进不对：这一行没有和同级的键对齐，或列表项少了“- ”"),
    ("did not find expected '-' indicator", "列表项缩进不一致，或少了“- ”"),
    ("block sequence entries are not allowed", "这里不能开始列表（“- ”）；请检查缩进"),
    ("expected <block end>", "缩进不对：这一行比同级内容缩进多了或少了"),
    ("found undefined alias", "引用了没有定义的锚点（*名称）"),
    ("not UTF-8", "文件不是 UTF-8 编码；请用 UTF-8 另存"),
    ("YAML bomb", "锚点和别名展开得太多（疑似 YAML 炸弹），已停止读取"),
)


def explain_zh(message: str) -> str:
    """The parser's English message as a Chinese explanation with a hint."""
    import re

    for needle, meaning in _MEANINGS:
        if needle in message:
            started = re.search(r"at line (\d+)", message)
            start = f"（从第 {started[1]} 行开始）" if started else ""
            return f"YAML 语法错误：{meaning.format(start=start)}"
    return f"YAML 语法错误：{message}"
