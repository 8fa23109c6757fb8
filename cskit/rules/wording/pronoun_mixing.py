"""W007 pronoun-mixing: 你 and 您 in the same reply."""

from __future__ import annotations

from cskit.rules.wording.packrule import PackRule


class PronounMixing(PackRule):
    """你 and 您 in the same reply.

    Whether a shop says 您 (most service rubrics) or 你 (some brands) is a house style;
    mixing both in one reply is wrong in either. 你们 (plural) is not counted.

    Bad:
        answer: 您好，你的订单已经发出了。

    Good:
        answer: 您好，您的订单已经发出了。
    """

    code = "W007"
    name = "pronoun-mixing"
    severity = "warning"
    summary_zh = "同一回复里你、您混用"
    summary_en = "你 and 您 mixed in one reply"
    explain_zh = "同一条回复里“你”和“您”混用。店铺用“您”（多数服务规范）还是“你”（部分品牌）是风格选择，但一条回复里混用在哪种风格下都不对；“你们”（复数）不计。"
    fix_zh = "全条统一成店铺规定的称呼，通常是“您”。"
    fix_en = "Use one form of address throughout, usually 您."
