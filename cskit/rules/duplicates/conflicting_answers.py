"""D004 conflicting-answers: answers to the same thing that contradict each other in a
number with its unit, a negated word or an opposing concept."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from cskit.dupes.defaults import CONFLICT_THRESHOLD, DEFAULT_OPPOSITES
from cskit.findings import Finding
from cskit.rules.base import Context, Rule
from cskit.rules.duplicates.common import cluster_findings


class ConflictingAnswers(Rule):
    """Two active entries say the same thing but differ in substance: a number with its unit
    in the same place (``7天/15天``, ``两天/三天``, ``满99/满199``, ``16:00/17:00``,
    ``1-3/1-7个工作日``), a negated word (``支持/不支持``; ``不便``, ``非常``, ``不签收``/``拒收``
    are no negations) or an opposing concept (who pays: ``买家承担/卖家承担``, ``自行承担/返还
    运费``; ``全额/部分``; ``退货/换货``). A customer gets a different promise depending on which
    entry an agent picks.

    Three ways to get here: answers with ``fuzz.ratio`` ≥ ``threshold`` (default 85) or that
    are copies of each other (see D002), two different replies sharing a template sentence
    with another value, or entries sharing a customer question whose answers give different
    values for the same thing. ``七天`` and ``7天`` are the same number, ``{{ facts.KEY }}``
    reads as the fact's value, and a detail only one entry states is no contradiction.
    Never a conflict: entries with disjoint ``conditions`` or validity windows
    (``valid_from``/``valid_until``), and entries about different subjects (titles that name
    two products or two procedures, each backed by its own questions). Option
    ``opposites``: pairs of words (alternatives as ``买家承担|自行承担``) that contradict.

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
    explain_zh = (
        "两条启用条目说的几乎是同一件事，但实质不同：数字（7天/15天、满99/满199）、"
        "否定（支持/不支持）或对立词（买家/卖家）。客服选哪条，买家就得到哪个承诺。"
        "相似度本身说明不了问题，要看改动的字；七天和 7天 是同一个数。"
        "conditions 互斥的条目不算冲突。选项 opposites 是互相矛盾的词对。"
    )
    fix_zh = "确认哪个说法正确，统一后保留一条；涉及政策数字的改用 {{ facts.KEY }}。"
    fix_en = "Decide which is right, keep one, and write policy numbers as {{ facts.KEY }}."

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        yield from cluster_findings(self, ctx)
