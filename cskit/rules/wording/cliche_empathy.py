"""W002 cliche-empathy: template empathy with nothing concrete in the reply."""

from __future__ import annotations

from cskit.rules.wording.packrule import PackRule


class ClicheEmpathy(PackRule):
    """Template empathy (我理解您的心情, 给您带来不便敬请谅解) with nothing concrete.

    Empathy that names a concrete step reassures; a stock sentence does not. Template
    empathy in any order (您的心情我们非常理解, 理解的呢), template apologies (给您添麻烦了,
    耽误您的时间) and bare apologies pass when the agent's words hold something concrete: an
    action taken or arranged, a status found, a time with an action, an amount, an
    instruction, a template variable. Vague promises (会尽快处理), causes (因为单量大…) and
    closings are not concrete; emoticon codes and system notices do not count. An apology
    that only softens a refusal is left to W001.

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
