"""Z003 repeated-punctuation: ！！, ？？, 。。, ~~."""

from __future__ import annotations

from typing import Any, ClassVar

from cskit.rules.typography.common import SpotRule, fix_note, listing
from cskit.text.typography import Spot, repeated_punctuation


class RepeatedPunctuation(SpotRule):
    """The same punctuation mark repeated (！！, ？？, 。。, ~~).

    中文文案排版指北: do not repeat punctuation; in service replies it reads as shouting or
    as careless. ``……`` and ``——`` are single Chinese marks and are not flagged. The fix
    collapses a run to one mark (``。。。`` becomes the ellipsis ``……``). ``chars`` lists the
    marks checked.

    Bad:
        answer: 亲，已经给您发货了！！！

    Good:
        answer: 亲，已经给您发货了！
    """

    code = "Z003"
    name = "repeated-punctuation"
    options: ClassVar[dict[str, Any]] = {"chars": "！？。，、；：~～!?,"}
    summary_zh = "重复标点"
    summary_en = "repeated punctuation"
    explain_zh = "同一个标点连续重复（！！、？？、。。、~~）。服务回复里这显得像在嚷嚷或不认真。……和——本身就是中文标点，不报告。修复会把一串标点收成一个（。。。变成……）。"
    fix_zh = "运行 `cskit lint --fix` 自动收成一个标点。"
    fix_en = "Run `cskit lint --fix` to collapse each run to one mark."

    def spots(self, text: str) -> list[Spot]:
        return repeated_punctuation(text, str(self.opts["chars"]))

    def messages(self, spots: list[Spot], fixed: str | None) -> tuple[str, str]:
        zh_note, en_note = fix_note(fixed)
        pairs = "、".join(sorted({f"{s.text}→{s.replacement}" for s in spots}))
        return (
            f"重复标点 {listing(spots)}，每处只用一个：{pairs}{zh_note}",
            f"repeated punctuation {listing(spots)}; use one mark: {pairs}{en_note}",
        )
