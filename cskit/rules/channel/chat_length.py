"""M002 chat-length: longer than the channel's ``max_chars``."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.library.model import Entry
from cskit.rules.base import Context, Rule
from cskit.rules.channel.measure import rendered_worst_case, upper_bound


class ChatLength(Rule):
    """A reply longer, rendered at its worst case, than its channel's ``max_chars``.

    Checked for every channel with ``max_chars``: the entry's ``channels.<name>`` text, and
    for the ``chat`` channel the ``answer`` itself (the answer is what the chat sends when
    there is no chat override). Long replies in chat get skimmed; the key information
    belongs in its own short message.

    Bad:
        # cskit.yaml: channels: {chat: {max_chars: 60}}
        answer: 亲，关于退换货：签收后7天内商品未使用、吊牌完好可以无理由退货；质量问题由本店承担来回运费；定制商品不支持无理由退货；退货请在订单页点“申请售后”，填写原因并上传照片，审核通过后把商品寄回。

    Good:
        # cskit.yaml: channels: {chat: {max_chars: 60}}
        answer: 签收7天内可以无理由退货，您在订单页点“申请售后”就可以，运费险会自动理赔。
    """

    code = "M002"
    name = "chat-length"
    severity = "warning"
    summary_zh = "超过渠道的字数上限"
    summary_en = "longer than the channel's max_chars"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        for name, channel in ctx.config.channels.items():
            if channel.max_chars is None:
                continue
            key: tuple[str | int, ...]
            if name in entry.channels:
                key, text = ("channels", name), entry.channels[name]
            elif name == "chat" and entry.answer:
                key, text = ("answer",), entry.answer
            else:
                continue
            if upper_bound(text, ctx.config, entry) <= channel.max_chars:
                continue
            body = rendered_worst_case(entry, ctx, text)
            if body.length <= channel.max_chars:
                continue
            basis = f"（样例 {body.sample}）" if body.sample else ""
            yield self.report(
                entry,
                key,
                f"{name} 渠道回复渲染后 {body.length} 字{basis}，超过 max_chars {channel.max_chars}；"
                f"请删减 {body.length - channel.max_chars} 字以上，或拆成几条、把细节放进知识库链接",
                f"{name} reply renders to {body.length} characters, over max_chars "
                f"{channel.max_chars}; cut {body.length - channel.max_chars} or split it",
                evidence=f"{name}:{channel.max_chars}",
            )
