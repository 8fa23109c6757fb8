"""Z004 unbalanced-pairs: unbalanced brackets and quotes (（）【】「」“”)."""

from __future__ import annotations

from typing import Any, ClassVar

from cskit.rules.typography.common import SpotRule
from cskit.text.typography import Spot, unbalanced_pairs


class UnbalancedPairs(SpotRule):
    """An opening bracket or quote without its closing one, or the reverse.

    Checked pairs (option ``pairs``, written open-close): （）【】「」『』《》“”. Jinja tags
    are skipped. There is no automatic fix: only the author knows where the pair ends.

    Bad:
        answer: 请在订单页点击“申请售后，选择（退货退款。

    Good:
        answer: 请在订单页点击“申请售后”，选择（退货退款）。
    """

    code = "Z004"
    name = "unbalanced-pairs"
    options: ClassVar[dict[str, Any]] = {"pairs": "（）【】「」『』《》“”"}
    fixable = False
    summary_zh = "括号或引号不成对"
    summary_en = "unbalanced brackets or quotes"

    def spots(self, text: str) -> list[Spot]:
        return unbalanced_pairs(text, str(self.opts["pairs"]))

    def messages(self, spots: list[Spot], fixed: str | None) -> tuple[str, str]:
        marks = "".join(f"“{s.text}”" for s in spots[:5])
        return (
            f"括号或引号不成对：{marks} 没有对应的另一半，请补全或删去",
            f"unbalanced brackets or quotes: {marks} has no partner; complete or remove it",
        )
