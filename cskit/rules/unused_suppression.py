"""C001 unused-suppression: a ``suppress`` item that silenced nothing in this run."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.rules.base import Context, Rule


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

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        for entry in ctx.library.entries:
            if not ctx.is_changed(entry):
                continue
            for i, item in enumerate(entry.suppressions):
                state = ctx.suppression_use.get((id(entry), i))
                if state is None:  # its rule was not run, or it has expired (C003)
                    continue
                if not state:
                    rule = item.get("rule")
                    yield self.report(
                        entry,
                        ("suppress", i),
                        f"忽略 {rule} 没有匹配到任何问题，可以删除",
                        f"suppression of {rule} matched no finding; remove it",
                        evidence=str(rule),
                    )
