"""S006 archived-reference: ``replaced_by`` or ``reply('id')`` leads to an archived entry."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.library.load import template_paths
from cskit.library.model import display_path
from cskit.rules.base import Context, Rule
from cskit.stale.checks import ArchivedTarget, first_by_id, follow, locate, reply_calls


class ArchivedReference(Rule):
    """A reference lands on an archived entry: an entry's ``replaced_by`` names an entry
    that is itself archived, or ``reply('id')`` in an answer or a ``templates/*.j2`` file
    includes an archived entry. Customers would be sent, or editors pointed to, text the
    team has retired.

    The ``replaced_by`` chain is followed to the first entry still in use, which the
    message suggests; a chain that loops back (a → b → a) is reported as a cycle. Ids that
    name no entry are E008's. ``reply()`` in archived entries is not checked.

    Bad:
        - id: refund-v1
          status: archived
          replaced_by: refund-v2
        - id: refund-v2
          status: archived
          replaced_by: refund-v3
        - id: refund-v3
          answer: 退款审核通过后原路退回，请留意账户通知。

    Good:
        - id: refund-v1
          status: archived
          replaced_by: refund-v3
        - id: refund-v2
          status: archived
          replaced_by: refund-v3
        - id: refund-v3
          answer: 退款审核通过后原路退回，请留意账户通知。
    """

    code = "S006"
    name = "archived-reference"
    severity = "warning"
    scope = "library"
    summary_zh = "引用了已归档的条目"
    summary_en = "reference to an archived entry"
    queue_category = "archived_ref"

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        ids = first_by_id(ctx.library)
        for entry in ctx.library.entries:
            target = entry.data.get("replaced_by")
            if isinstance(target, str) and target:
                found = follow(target, ids)
                if found is not None and (ctx.is_changed(entry) or _any_changed(found, ctx)):
                    zh, en = _messages("replaced_by", found, entry.id)
                    yield self.report(
                        entry,
                        ("replaced_by",),
                        zh,
                        en,
                        related=[found.target],
                        evidence=target,
                    )
            if entry.status == "archived":
                continue
            for key, text in entry.texts():
                for m in reply_calls(text):
                    found = follow(m[2], ids)
                    if found is None or not (ctx.is_changed(entry) or _any_changed(found, ctx)):
                        continue
                    zh, en = _messages("reply()", found, entry.id)
                    yield self.report(
                        entry,
                        key,
                        zh,
                        en,
                        position=locate(entry, key, text, m.start()),
                        related=[found.target],
                        evidence=m[2],
                    )
        if ctx.changed is not None:
            return  # templates are checked on full runs only
        for path in template_paths(ctx.config):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # T001 reports unreadable templates
            for m in reply_calls(text):
                found = follow(m[2], ids)
                if found is None:
                    continue
                line = text.count("\n", 0, m.start()) + 1
                column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
                zh, en = _messages("reply()", found, "")
                yield self.report_file(display_path(path), line, column, zh, en, evidence=m[2])


def _any_changed(found: ArchivedTarget, ctx: Context) -> bool:
    return ctx.is_changed(found.target)


def _messages(where: str, found: ArchivedTarget, own_id: str) -> tuple[str, str]:
    target = found.target.id
    if found.cycle:
        loop = " → ".join(found.chain)
        return (
            f"{where} 指向已归档的条目 {target!r}，其 replaced_by 形成循环（{loop}）；"
            "请改为仍在使用的条目",
            f"{where} names archived entry {target!r} whose replaced_by chain loops "
            f"({loop}); point it to an entry still in use",
        )
    if found.live is not None and found.live.id != own_id:
        via = " → ".join(found.chain)
        return (
            f"{where} 指向已归档的条目 {target!r}（{via}）；请改为 {found.live.id!r}",
            f"{where} names archived entry {target!r} ({via}); use {found.live.id!r} instead",
        )
    return (
        f"{where} 指向已归档的条目 {target!r}，它没有可用的替代条目；"
        "请改为仍在使用的条目，或恢复该条目",
        f"{where} names archived entry {target!r}, which has no replacement in use; point it "
        "to an entry still in use or restore that entry",
    )
