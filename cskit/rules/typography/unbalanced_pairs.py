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
    explain_zh = (
        "括号或引号不成对：有开无闭，或有闭无开。"
        "检查的成对符号由选项 pairs 给出（默认（）【】「」『』《》“”），"
        "Jinja 标签会跳过。没有自动修复：只有作者知道这一对应该在哪里结束。"
    )
    fix_zh = "补上缺的那一半，或删掉多出来的那一半。"
    fix_en = "Add the missing half, or delete the stray one."

    def spots(self, text: str) -> list[Spot]:
        return unbalanced_pairs(text, str(self.opts["pairs"]))

    def messages(self, spots: list[Spot], fixed: str | None) -> tuple[str, str]:
        marks = "".join(f"“{s.text}”" for s in spots[:5])
        return (
            f"括号或引号不成对：{marks} 没有对应的另一半，请补全或删去",
            f"unbalanced brackets or quotes: {marks} has no partner; complete or remove it",
        )
