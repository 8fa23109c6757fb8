"""D001 duplicate-answer: answers identical after normalisation."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.rules.base import Context, Rule
from cskit.rules.duplicates.common import cluster_findings


class DuplicateAnswer(Rule):
    """Two or more active entries give the same answer once width, punctuation, emoji,
    spaces, Traditional/Simplified and placeholder spelling are ignored.

    Entries are grouped into clusters; the first entry in library order is the one to keep
    and every other member is reported once, with the rest of the cluster as ``related``.
    Drafts and archived entries are not compared. ``cskit dupes`` shows the clusters.

    Bad:
        - id: return-policy
          answer: 亲，支持{{ facts.return_days }}天无理由退货哦~
        - id: return-policy-2
          answer: 亲 支持{{facts.return_days}}天无理由退货哦😊

    Good:
        - id: return-policy
          answer: 亲，支持{{ facts.return_days }}天无理由退货哦~
        - id: return-policy-2
          status: archived
          replaced_by: return-policy
          answer: 亲 支持{{facts.return_days}}天无理由退货哦😊
    """

    code = "D001"
    name = "duplicate-answer"
    scope = "library"
    severity = "error"
    summary_zh = "回答重复（规范化后完全相同）"
    summary_en = "answers identical after normalisation"

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        yield from cluster_findings(self, ctx)
