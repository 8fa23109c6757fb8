"""W005 review-for-reward: 好评返现, 五星好评送."""

from __future__ import annotations

from cskit.rules.wording.packrule import PackRule


class ReviewForReward(PackRule):
    """A reward offered for a review (好评返现, 晒图送礼, 追评有红包).

    Platform review rules forbid inducing reviews with money or gifts; carriers refuse SMS
    that invite reviews or promise cash back. Asking for honest feedback is fine.

    Bad:
        answer: 给五星好评返3元哦～

    Good:
        answer: 收到后有任何问题都可以随时找我们。
    """

    code = "W005"
    name = "review-for-reward"
    severity = "error"
    summary_zh = "以利益诱导好评"
    summary_en = "reward offered for a review"
    explain_zh = "用利益换评价（好评返现、晒图送礼、追评有红包）。平台评价规则禁止以金钱或礼品诱导评价，运营商也会拦截诱导好评、承诺返现的短信。请买家如实评价是可以的。"
    fix_zh = "去掉奖励，只邀请买家如实评价。"
    fix_en = "Drop the reward; only invite an honest review."
