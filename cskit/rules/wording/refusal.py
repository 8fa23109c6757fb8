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
    one_per_text = True
    name = "refusal"
    severity = "warning"
    summary_zh = "生硬拒绝，没有给出替代方案"
    summary_en = "refusal with no alternative offered"
