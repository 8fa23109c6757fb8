"""E007 duplicate-id: one id used by two or more entries."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.rules.base import Context, Rule

MAX_RELATED = 10


class DuplicateId(Rule):
    """An id is used by more than one entry. Ids must be unique across the whole library,
    in every file, archived entries included, and are never reused.

    Every entry after the first is reported, with the others as ``related`` (the first ten:
    an id shared by thousands of entries must not make a report of millions of lines).

    Bad:
        # scripts/order.yaml
        - id: refund-time
        # kb/policies.yaml
        - id: refund-time

    Good:
        - id: refund-time
        - id: refund-time-presale
    """

    code = "E007"
    name = "duplicate-id"
    scope = "library"
    summary_zh = "编号重复"
    summary_en = "id used by two entries"

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        for entry_id, group in ctx.library.by_id().items():
            if len(group) < 2 or not any(ctx.is_changed(e) for e in group):
                continue
            first = group[0]
            more = len(group) - 1 - MAX_RELATED
            more_zh = f"（共 {len(group)} 个条目用了这个编号）" if more > 0 else ""
            more_en = f" ({len(group)} entries use this id)" if more > 0 else ""
            for entry in group[1:]:
                others = [e for e in group[: MAX_RELATED + 1] if e is not entry][:MAX_RELATED]
                yield self.report(
                    entry,
                    ("id",),
                    f"编号 {entry_id!r} 已被 {first.file.display}:{first.line} 使用{more_zh}",
                    f"id {entry_id!r} is already used at {first.file.display}:{first.line}"
                    + more_en,
                    related=others,
                    evidence=entry_id,
                )
