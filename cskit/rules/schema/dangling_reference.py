"""E008 dangling-reference: ``replaced_by`` or ``reply('x')`` names no entry."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cskit.findings import Finding
from cskit.library.load import template_paths
from cskit.library.model import display_path
from cskit.rules.base import Context, Rule

REPLY_CALL = re.compile(r"""reply\(\s*(['"])([^'"]*)\1\s*\)""")


class DanglingReference(Rule):
    """``replaced_by`` in an entry, or ``reply('id')`` in an answer or a ``templates/*.j2``
    file, names an id that no entry has (a typo, or an entry deleted instead of archived).

    Bad:
        - id: refund-old
          status: archived
          replaced_by: refund-tme
        - id: refund-time

    Good:
        - id: refund-old
          status: archived
          replaced_by: refund-time
        - id: refund-time
    """

    code = "E008"
    name = "dangling-reference"
    scope = "library"
    summary_zh = "引用了不存在的条目"
    summary_en = "replaced_by / reply('x') names no entry"

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        ids = ctx.library.by_id()
        for entry in ctx.library.entries:
            if not ctx.is_changed(entry):
                continue
            target = entry.data.get("replaced_by")
            if isinstance(target, str) and target and target not in ids:
                zh, en = _messages("replaced_by", target, list(ids))
                yield self.report(entry, ("replaced_by",), zh, en, evidence=target)
            for key, text in entry.texts():
                for m in REPLY_CALL.finditer(text):
                    if m[2] not in ids:
                        zh, en = _messages("reply()", m[2], list(ids))
                        yield self.report(entry, key, zh, en, evidence=m[2])
        # Templates always (they are few); on a changed-only run the linter keeps the findings
        # of the template files that changed, as it does for the T rules.
        for path in template_paths(ctx.config):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # T001 reports unreadable templates
            for m in REPLY_CALL.finditer(text):
                if m[2] not in ids:
                    line = text.count("\n", 0, m.start()) + 1
                    column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
                    zh, en = _messages("reply()", m[2], list(ids))
                    yield self.report_file(display_path(path), line, column, zh, en, evidence=m[2])


def _messages(where: str, target: str, ids: list[str]) -> tuple[str, str]:
    import difflib  # only when a finding is reported

    close = difflib.get_close_matches(target, ids, n=1)
    hint_zh = f"，是不是 {close[0]!r}？" if close else ""
    hint_en = f"; did you mean {close[0]!r}?" if close else ""
    return (
        f"{where} 引用的条目 {target!r} 不存在{hint_zh}",
        f"{where} names {target!r}, which no entry has{hint_en}",
    )
