"""D002 near-duplicate-answer: nearly identical answers whose difference is harmless."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from cskit.dupes.defaults import NEAR_THRESHOLD
from cskit.findings import Finding
from cskit.rules.base import Context, Rule
from cskit.rules.duplicates.common import cluster_findings


class NearDuplicateAnswer(Rule):
    """Two active answers are nearly identical (``fuzz.ratio`` ≥ ``threshold`` after
    normalisation) and what differs does not change the meaning: no number, negation or
    opposite word differs (those are D004 conflicts, never D002).

    The message shows what differs, e.g. ``[尽快→马上]``. Option ``threshold`` (default 90):
    harmless variants measured 94 and above after normalisation; below 90 two answers that
    merely share the shop's opening and closing lines start to match (docs/duplicates.md).

    Bad:
        - id: ship-fast
          answer: 付款后仓库会尽快为您安排发货，请耐心等待。
        - id: ship-fast-2
          answer: 付款后仓库会尽快为您安排发货，请您耐心等待哦。

    Good:
        - id: ship-fast
          answer: 付款后仓库会尽快为您安排发货，请耐心等待。
    """

    code = "D002"
    name = "near-duplicate-answer"
    scope = "library"
    severity = "warning"
    options: ClassVar[dict[str, Any]] = {"threshold": NEAR_THRESHOLD}
    summary_zh = "回答近似重复（差异不影响含义）"
    summary_en = "near-duplicate answers with a harmless difference"
    explain_zh = (
        "两条启用回答几乎相同（规范化后 fuzz.ratio ≥ threshold），而且差别不影响含义："
        "没有数字、否定或对立词不同（那些是 D004 冲突）。消息会标出差别，"
        "例如 [尽快→马上]。选项 threshold 默认 90。"
    )
    fix_zh = "合并成一条，或把差别改得有意义（例如按订单状态用 conditions 区分）。"
    fix_en = "Merge them into one, or make the difference meaningful (e.g. split by conditions)."

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        yield from cluster_findings(self, ctx)
