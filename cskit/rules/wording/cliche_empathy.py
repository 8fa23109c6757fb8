"""W002 cliche-empathy: template empathy with nothing concrete in the reply."""

from __future__ import annotations

from cskit.rules.wording.packrule import PackRule


class ClicheEmpathy(PackRule):
    """Template empathy (我理解您的心情, 给您带来不便敬请谅解) with nothing concrete.

    Empathy that names a concrete step, time or number reassures; a stock sentence does
    not. ``我理解您的心情`` passes when something concrete follows it (an action taken such as
    已为您…/帮您申请…, a time such as 今天/2小时, a number, a template variable); a closing
    template apology passes when the reply holds such a detail anywhere.

    Bad:
        answer: 给您带来不便，敬请谅解。

    Good:
        answer: 抱歉让您多等了两天，我已催派送，快递预计今天下午送到。
    """

    code = "W002"
    one_per_text = True
    name = "cliche-empathy"
    severity = "warning"
    summary_zh = "套话式共情，没有具体行动"
    summary_en = "template empathy instead of a concrete step"
