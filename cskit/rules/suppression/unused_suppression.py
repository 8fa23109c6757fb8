"""C001 unused-suppression: a ``suppress`` item that silenced nothing in this run."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from cskit.findings import Finding
from cskit.rules.base import Context, Rule
from cskit.rules.suppression.common import suppression_matches


class UnusedSuppression(Rule):
    """A ``suppress`` item on an entry matched no finding, so it can go. Suppressions of
    rules that were not selected in this run are not judged. An item naming no rule at
    all is reported too.

    Bad:
        - id: greet-hello
          answer: 您好，请问有什么可以帮您？
          suppress:
            - {rule: W003, reason: 活动文案}

    Good:
        - id: greet-hello
          answer: 您好，请问有什么可以帮您？
    """

    code = "C001"
    name = "unused-suppression"
    severity = "warning"
    scope = "library"
    phase = "post"
    summary_zh = "多余的忽略设置"
    summary_en = "suppression that matched nothing"
    explain_zh = "条目上的 suppress 项没有压住任何问题，可以删除。本次运行没有选中的规则不做判断；没写规则的 suppress 项也会报告。"
    fix_zh = "删除这个 suppress 项。"
    fix_en = "Delete the suppress item."

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        for entry in ctx.library.entries:
            if not ctx.is_changed(entry):
                continue
            for i, item in enumerate(entry.suppressions):
                state = ctx.suppression_use.get((id(entry), i))
                if state is None:  # its rule was not run, or it has expired (C003)
                    continue
                if not state:
                    rule = str(item.get("rule", ""))
                    zh = f"忽略 {rule} 没有匹配到任何问题，可以删除"
                    en = f"suppression of {rule} matched no finding; remove it"
                    if not _names_a_rule(rule, ctx.catalogue):
                        close = _closest(rule, ctx.catalogue)
                        zh = f"忽略项 rule: {rule} 不是任何规则的代码或名称" + (
                            f"，是不是 {close}？" if close else "；`cskit rule` 列出全部规则"
                        )
                        en = f"suppression names {rule!r}, which is no rule's code or name" + (
                            f"; did you mean {close}?" if close else "; see `cskit rule`"
                        )
                    yield self.report(entry, ("suppress", i), zh, en, evidence=rule)


def _names_a_rule(token: str, catalogue: Sequence[type[Rule]]) -> bool:
    return any(suppression_matches(token, r.code, r.name) for r in catalogue)


def _closest(token: str, catalogue: Sequence[type[Rule]]) -> str | None:
    import difflib

    names = [r.code for r in catalogue] + [r.name for r in catalogue]
    close = difflib.get_close_matches(
        token.upper() if token[:1].isalpha() and len(token) == 4 else token, names, n=1
    )
    return close[0] if close else None
