"""Z001 halfwidth-punctuation: half-width punctuation inside Chinese text."""

from __future__ import annotations

from typing import Any, ClassVar

from cskit.rules.typography.common import SpotRule, fix_note, listing
from cskit.text.typography import HALF_TO_FULL, Spot, halfwidth_punctuation


class HalfwidthPunctuation(SpotRule):
    """Half-width ``,!?:;()`` inside Chinese text, where Chinese uses ，！？：；（）.

    Flagged: one of ``chars`` (or a run of them) right after a Han character, unless ASCII
    punctuation follows (an emoticon such as ``:)``); ``(…)`` around text that contains Han.
    Not flagged: URLs, numbers (1,000, 3:30), Jinja tags, English or ASCII-only runs,
    ``尺码(M)``. The fix (half → full width) is certain and safe: ``cskit lint --fix``.

    Bad:
        answer: 您好,订单已经发出啦!

    Good:
        answer: 您好，订单已经发出啦！
    """

    code = "Z001"
    name = "halfwidth-punctuation"
    options: ClassVar[dict[str, Any]] = {"chars": ",!?:;()"}
    summary_zh = "中文里用了半角标点"
    summary_en = "half-width punctuation inside Chinese text"
    explain_zh = (
        "中文里用了半角标点 ,!?:;()，中文应使用全角的，！？：；（）。"
        "只在汉字后面出现时报告；网址、数字（1,000、3:30）、Jinja 标签、"
        "英文片段和“尺码(M)”不报告。修复确定、安全，可用 `cskit lint --fix`。"
    )
    fix_zh = "运行 `cskit lint --fix` 自动改为全角标点。"
    fix_en = "Run `cskit lint --fix` to turn them into full-width marks."

    def spots(self, text: str) -> list[Spot]:
        chars = "".join(c for c in str(self.opts["chars"]) if c in HALF_TO_FULL)
        return halfwidth_punctuation(text, chars)

    def messages(self, spots: list[Spot], fixed: str | None) -> tuple[str, str]:
        zh_note, en_note = fix_note(fixed)
        pairs = "、".join(sorted({f"{s.text}→{s.replacement}" for s in spots}))
        return (
            f"中文里用了半角标点 {listing(spots)}（{len(spots)} 处），应改为全角：{pairs}{zh_note}",
            f"half-width punctuation {listing(spots)} in Chinese text ({len(spots)}); "
            f"use full width: {pairs}{en_note}",
        )
