"""W001 refusal: a refusal (不能/不行/没办法/做不到/无法) with no alternative offered."""

from __future__ import annotations

from cskit.rules.wording.packrule import PackRule


class Refusal(PackRule):
    """A refusal with no alternative offered in the reply.

    Service standard: say what can be done, not only what cannot. The rule reads the agent's
    words clause by clause: a refusal (不能, 无法, 发不了, 查看不到, 不支持, 不接受, 没有了,
    不能再便宜 …) passes when another clause offers the buyer something: an action taken
    (帮您联系), a path (您可以…, 拒收后退款), a substitute, a date, a condition or fee, or
    who can help. Closings, 请耐心等待, explanations and words inside the refusal itself
    (无法为您…) are not offers. Questions (能改吗), conditions (如果无法签收…) and warnings
    (一旦取消就无法恢复) are not refusals. Words come from the ``refusal`` pack.

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
