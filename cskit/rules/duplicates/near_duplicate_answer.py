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

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        yield from cluster_findings(self, ctx)
