"""D002 near-duplicate-answer: the same reply with harmless differences."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from cskit.dupes.defaults import NEAR_THRESHOLD
from cskit.findings import Finding
from cskit.rules.base import Context, Rule
from cskit.rules.duplicates.common import cluster_findings


class NearDuplicateAnswer(Rule):
    """Two active answers are the same reply with harmless differences. They are compared on
    what they say: system notices, emoticon codes and links are gone, so are courtesy words
    (亲, 小主, 嗯嗯, 您客气了) and sentence-final particles, and service formulas ("anything
    else?", "please wait", "sorry") count as one word whatever their wording. Then they are
    copies when they score ``fuzz.ratio`` ≥ ``threshold``, when one is the other with a
    lead-in or a closing line added (or copied whole into a longer reply), when they hold
    the same sentences in another order, or, for short replies, one character apart.
    Nothing that changes the meaning may differ: a number with its unit, a negated word or
    an opposite word makes it D004, never D002. An opening (``stage: greet``) and a closing
    (``stage: follow_up``) are never merged.

    The message shows what differs, e.g. ``[尽快→马上]``, and what to keep when merging (a
    detail only one of them states). Option ``threshold`` (default 85, on the compared text;
    below it replies that only share a template sentence start to match).

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
