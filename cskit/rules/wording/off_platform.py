"""W004 off-platform: diverting buyers off-platform (微信/VX/QQ/私下交易), pinyin included."""

from __future__ import annotations

from cskit.rules.wording.packrule import PackRule


class OffPlatform(PackRule):
    """Sending the buyer off the platform: WeChat, QQ, private payment or transfer.

    Platform rules (Taobao, Tmall, JD, Pinduoduo) penalise diverting buyers, because the buyer
    loses the platform's transaction protection. Agents dodge filters with letters, pinyin,
    full-width letters, spaces and homophones; matching runs after width folding and
    Traditional → Simplified, so 加我ＶＸ, 加weixin, 加 V 信, 薇信 and 扣扣 are caught.

    Bad:
        answer: 加我ＶＸ，发你内部优惠券。

    Good:
        answer: 优惠在这里就能领，我把领取入口发给您。
    """

    code = "W004"
    name = "off-platform"
    severity = "error"
    summary_zh = "引导站外联系或交易"
    summary_en = "diverts the buyer off the platform"
    explain_zh = (
        "引导买家到平台之外：加微信、QQ、私下付款或转账。淘宝、天猫、京东、"
        "拼多多都会处罚站外引流，因为买家因此失去平台的交易保障。"
        "匹配在全半角折叠和繁转简之后进行，字母、拼音、空格和谐音（加我ＶＸ、薇信、扣扣）"
        "都能识别。"
    )
    fix_zh = "留在平台内沟通，例如“优惠在这里就能领，我把领取入口发给您”。"
    fix_en = "Keep the conversation on the platform, e.g. send the in-platform link instead."
