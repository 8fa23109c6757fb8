"""M001 sms-length: rendered worst case (signature included) exceeds the configured segments."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.library.model import Entry
from cskit.rules.base import Context, Rule
from cskit.rules.channel.measure import rendered_worst_case, segments, upper_bound


class SmsLength(Rule):
    """An SMS text that, rendered with its longest sample and the signature, needs more
    segments than the channel's ``max_segments``.

    Applies to ``channels.<name>`` texts of every channel configured with ``max_segments``
    (usually ``sms``). Count = signature (with 【】) + rendered body, every character 1;
    up to ``segment_chars`` (70) is one message, beyond that each ``multipart_chars`` (67)
    is one more. The worst case is taken over the entry's samples (all config samples when
    the entry names none); a text that cannot be rendered is estimated with the longest
    known value for each variable.

    Bad:
        channels:
          sms: 亲爱的顾客您好，您在{{ shop.name }}购买的宝贝已经由{{ shipment.carrier }}发出，运单号{{ shipment.tracking_no }}，预计{{ shipment.eta | date }}送达。签收时请当面检查外包装是否完好，如有破损请直接拒收并联系我们，我们会第一时间为您补发。使用中有任何问题，欢迎随时联系在线客服，感谢您的支持与信任，祝您生活愉快！

    Good:
        channels:
          sms: 您的订单已发出{% if shipment.tracking_no %}，单号{{ shipment.tracking_no }}{% endif %}，请留意物流。

    """

    code = "M001"
    name = "sms-length"
    severity = "warning"
    summary_zh = "短信渲染后超过允许的条数"
    summary_en = "rendered SMS exceeds the configured segments"
    explain_zh = (
        "短信按最长的样例渲染、加上签名后，超过渠道 max_segments 允许的条数。计数："
        "签名（含【】）加正文，每个字符算 1；不超过 segment_chars（70）算一条，"
        "超出后每 multipart_chars（67）再算一条。"
        "无法渲染的文本按每个变量已知的最长值估算。"
    )
    fix_zh = "精简短信正文，或把次要信息放到另一条消息里。"
    fix_en = "Shorten the SMS text, or move secondary details into another message."

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        for name, channel in ctx.config.channels.items():
            if channel.max_segments is None:
                continue
            text = entry.channels.get(name)
            if not text:
                continue
            bound = len(channel.signature) + upper_bound(text, ctx.config, entry)
            if segments(bound, channel) <= channel.max_segments:
                continue
            body = rendered_worst_case(entry, ctx, text)
            total = len(channel.signature) + body.length
            count = segments(total, channel)
            if count <= channel.max_segments:
                continue
            room = (
                channel.segment_chars
                if channel.max_segments == 1
                else channel.multipart_chars * channel.max_segments
            )
            basis_zh = f"样例 {body.sample}" if body.sample else "按变量最长值估算"
            basis_en = (
                f"sample {body.sample}" if body.sample else "estimated from the longest values"
            )
            yield self.report(
                entry,
                ("channels", name),
                f"{name} 渲染后最长 {total} 字（{basis_zh}，含签名“{channel.signature}”），"
                f"要发 {count} 条，超过上限 {channel.max_segments} 条（最多 {room} 字）；"
                f"请删减 {total - room} 字以上，或把次要信息移到聊天回复里",
                f"{name} renders to {total} characters at worst ({basis_en}, signature "
                f"{channel.signature!r} included): {count} segments, more than max_segments "
                f"{channel.max_segments} (at most {room} characters); cut {total - room} or more",
                evidence=f"{name}:{count}",
            )
