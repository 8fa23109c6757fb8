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
    explain_zh = (
        "两条或多条启用条目的回答在忽略全半角、标点、表情、空格、"
        "简繁和占位符写法后完全相同。条目按簇分组：库中顺序第一条是保留项，"
        "其余每条各报告一次。草稿和已归档条目不参与比较；`cskit dupes` 可以查看整簇。"
    )
    fix_zh = "保留一条，把其他条目的问法并入它，再把多余的条目归档（replaced_by 指向保留项）。"
    fix_en = (
        "Keep one, move the others' questions into it, "
        "and archive the rest with replaced_by pointing at the one you keep."
    )

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        yield from cluster_findings(self, ctx)
