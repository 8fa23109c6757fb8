"""W008 blame-or-impatience: 不归我管, 你自己去查, 我不是说过了吗."""

from __future__ import annotations

from cskit.rules.wording.packrule import PackRule


class BlameOrImpatience(PackRule):
    """Buck-passing, blaming the buyer or the system, impatience (服务禁语).

    These phrases are on every service taboo list; a quality check fails the whole chat.
    Real impatience is often polite in form: 已经跟您说过了, 详情页写得很清楚哦, 要您自己
    查看的哦, 这个是售后决定的, 是系统的问题.

    Bad:
        answer: 物流的事不归我管，你自己去快递官网查。

    Good:
        answer: 我来帮您跟快递核实，查到结果马上告诉您，您不用另外联系。
    """

    code = "W008"
    name = "blame-or-impatience"
    severity = "error"
    summary_zh = "推诿、指责或不耐烦"
    summary_en = "buck-passing, blame or impatience"
