"""W006 absolute-guarantee: 保证/肯定/一定 about outcomes the team does not control."""

from __future__ import annotations

from cskit.rules.wording.packrule import PackRule


class AbsoluteGuarantee(PackRule):
    """An absolute promise about an outcome the shop does not control.

    Delivery times belong to the carrier, refund arrival to the payment channel, approvals
    to the platform. 保证明天到, 今天可以给您送到, 1-2个工作日到账 or 可以申请成功了 turns into
    a complaint when it fails. Hedged estimates (预计, 一般, 以…为准), conditions, the
    team's own effort (一定尽快帮您处理) and 不能保证 are fine.

    Bad:
        answer: 保证明天到，退款马上到账。

    Good:
        answer: 您好，{% if shipment.eta %}快递预计{{ shipment.eta | date }}送达；{% endif %}退款审核通过后原路退回，到账时间以支付渠道为准。
    """

    code = "W006"
    name = "absolute-guarantee"
    severity = "warning"
    summary_zh = "对不可控结果做绝对保证"
    summary_en = "absolute guarantee about an outcome the team does not control"
