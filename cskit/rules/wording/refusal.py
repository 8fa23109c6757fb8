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
    explain_zh = (
        "回复里有拒绝的说法（不能、不行、没办法），却没有给出替代方案。"
        "服务规范要求说清能做什么，而不只是不能做什么：回复的另一个分句里给出了办法"
        "（帮您申请、您可以……、换成同款、明天发、满三件包邮、联系品牌售后）就不报告；"
        "只是附近有“为您”“可以”不算（因为您、无法为您……、还有其他可以帮您的吗）。"
        "提问（能改吗）、条件句（如果无法签收……）和操作前的提醒（取消后无法恢复）"
        "不算拒绝。词表来自 refusal 词包。"
    )
    fix_zh = "在拒绝之后给出可行的办法，例如“这个暂时做不到，我可以先帮您……”。"
    fix_en = "Follow the refusal with what you can do, e.g. 'that is not possible, but I can …'."
