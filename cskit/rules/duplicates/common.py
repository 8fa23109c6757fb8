"""What the D rules share: one duplicate analysis per run, and one finding per cluster member."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cskit.dupes.messages import member_message
from cskit.findings import Finding
from cskit.rules.base import Context, Rule

if TYPE_CHECKING:
    from cskit.dupes.finder import DupeResult


def analyse(ctx: Context) -> DupeResult:
    """The duplicate analysis of one lint run, computed once for all four D rules."""
    result = ctx.memo.get("dupes")
    if result is None:
        # numpy and rapidfuzz load here, in the process that runs the D rules
        from cskit.dupes.finder import Settings, find_dupes

        settings = Settings.from_config(ctx.config, workers=ctx.threads)
        result = find_dupes(ctx.library, settings, ctx.changed)
        ctx.memo["dupes"] = result
    return result


def cluster_findings(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """One finding per cluster member whose code is ``rule.code``, related to the others."""
    for cluster in analyse(ctx).clusters:
        for member in cluster.members:
            if member.code != rule.code:
                continue
            zh, en = member_message(cluster, member)
            evidence = "|".join([cluster.representative.id, member.question, *member.reasons])
            yield rule.report(
                member.entry,
                member.key,
                zh,
                en,
                related=member.related
                if member.related is not None
                else cluster.others(member.entry),
                evidence=evidence,
            )
