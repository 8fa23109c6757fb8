"""W001 refusal: a refusal (不能/不行/没办法/做不到/无法) with no alternative offered."""

from __future__ import annotations

from cskit.rules.wording.packrule import PackRule


class Refusal(PackRule):
    """A refusal word with no alternative offered in the same reply.

    Service standard: say what can be done, not only what cannot. The rule judges context:
    a refusal passes when the reply offers an alternative near or after it (可以, 建议, 为您,
    帮您, 换成, 或者, 改为, 我们会 …). Questions (能不能) and conditions (如果不能使用…) are not
    refusals. Words come from the ``refusal`` pack; switch it off in ``lint.wordlists``.

    Bad:
        answer: 发货后不能改地址。

    Good:
        answer: 发货后不能直接改地址，我马上帮您联系快递拦截改派，结果一有就告诉您。
    """

    code = "W001"
    name = "refusal"
    severity = "warning"
    summary_zh = "生硬拒绝，没有给出替代方案"
    summary_en = "refusal with no alternative offered"
    explain_zh = (
        "回复里有拒绝的说法（不能、不行、没办法），却没有给出替代方案。"
        "服务规范要求说清能做什么，而不只是不能做什么：附近或后面出现可以、建议、为您、"
        "帮您、或者、改为等替代说法就不报告；提问（能不能）和条件句（如果不能使用……）"
        "不算拒绝。词表来自 refusal 词包。"
    )
    fix_zh = "在拒绝之后给出可行的办法，例如“这个暂时做不到，我可以先帮您……”。"
    fix_en = "Follow the refusal with what you can do, e.g. 'that is not possible, but I can …'."
