"""D004 conflicting-answers: near-identical answers, or answers to the same question, that
contradict each other in a number, a negation or an opposite word."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from cskit.dupes.defaults import CONFLICT_THRESHOLD, DEFAULT_OPPOSITES
from cskit.findings import Finding
from cskit.rules.base import Context, Rule
from cskit.rules.duplicates.common import cluster_findings


class ConflictingAnswers(Rule):
    """Two active entries say nearly the same thing but differ in substance: a number
    (``7天/15天``, ``两天/三天``, ``七天/十五天``, ``满99/满199``), a negation (``支持/不支持``)
    or an opposite word (``买家/卖家``). A customer gets a different promise depending on
    which entry an agent picks.

    Two ways to get here: answers with ``fuzz.ratio`` ≥ ``threshold`` (default 85; measured
    conflicts score 86–98, as high as harmless variants, so the score alone decides nothing:
    the changed characters do), or entries sharing a customer question whose answers give
    different values for the same thing (``7天无理由`` against ``15天无理由``). ``七天`` and
    ``7天`` are the same number. Entries with disjoint ``conditions`` do not conflict.
    Option ``opposites``: pairs of words that contradict each other.

    Bad:
        - id: ship-normal
          answer: 本店付款后3天内发货，发货后短信通知您。
        - id: ship-member
          answer: 本店付款后1天内发货，发货后短信通知您。

    Good:
        - id: ship-normal
          answer: 本店付款后3天内发货，发货后短信通知您。
          conditions: {member_level: normal}
        - id: ship-member
          answer: 本店付款后1天内发货，发货后短信通知您。
          conditions: {member_level: vip}
    """

    code = "D004"
    name = "conflicting-answers"
    scope = "library"
    severity = "error"
    options: ClassVar[dict[str, Any]] = {
        "threshold": CONFLICT_THRESHOLD,
        "opposites": [list(pair) for pair in DEFAULT_OPPOSITES],
    }
    summary_zh = "回答相互矛盾（数字、否定或对立词不同）"
    summary_en = "answers that contradict each other"

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        yield from cluster_findings(self, ctx)
