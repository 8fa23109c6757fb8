"""P003 name-or-address: a customer's name or full address pasted where the team keeps notes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cskit.findings import Finding
from cskit.library.model import Entry, display_path
from cskit.rules.base import Context
from cskit.rules.wording.packrule import SampleScanningRule
from cskit.wording.index import PackIndex

_MASKED = re.compile(r"[*＊•●×]|某|[xX]{2,}")
_CUT = re.compile(r"(区|县|旗)")


class NameOrAddress(SampleScanningRule):
    """A customer's name or full address in the texts a team keeps beside its replies.

    Questions are pasted from real chats, and titles, notes (the sheet's 备注 column) and
    samples are where order data lands. A name written after a label (收货人：…, 姓名：…)
    and an address down to the house or building number are reported there, as are sample
    values of variables declared ``pii: true`` that are not masked (``张**`` and
    ``江苏省苏州市吴中区***`` are). Answers and channel texts are not checked for names and
    addresses: a shop's own return address and an agent's name belong in replies; their
    phone and ID numbers are P001 and P002. Findings show the name or address masked.

    Bad:
        questions: [收货人：李明华，地址：浙江省杭州市西湖区文三路188号3栋]

    Good:
        questions: [收货人：李**，地址：浙江省杭州市西湖区***]
    """

    code = "P003"
    name = "name-or-address"
    severity = "error"
    summary_zh = "未脱敏的姓名或详细地址"
    summary_en = "unmasked name or full address"
    scans_replies = False

    def shown(self, word: str) -> str:
        m = _CUT.search(word)
        if m and len(word) > m.end():
            return word[: m.end()] + "…"  # an address: up to the district
        label = re.match(
            r"^(.*?[:：]\s*|.*?(?:姓名|收货人|收件人|联系人|寄件人|持卡人|户名)\s*)", word
        )
        head = label.group(0) if label else ""
        name = word[len(head) :]
        return head + name[:1] + "*" * max(0, len(name) - 1)

    def check_samples(
        self, entry: Entry, samples: list[Any], index: PackIndex, ctx: Context
    ) -> Iterator[Finding]:
        yield from super().check_samples(entry, samples, index, ctx)
        for i, sample in enumerate(samples):
            if not isinstance(sample, dict):
                continue
            for name, value in _pii_values(ctx, sample):
                zh, en = _pii_messages(name, value)
                yield self.report(entry, ("samples", i), zh, en, evidence=f"pii:{name}")

    def check_config_samples(self, ctx: Context, index: PackIndex) -> Iterator[Finding]:
        yield from super().check_config_samples(ctx, index)
        config = ctx.config
        for sample_name, sample in config.samples.items():
            if not isinstance(sample, dict):
                continue
            for name, value in _pii_values(ctx, sample):
                zh, en = _pii_messages(name, value)
                path = ("samples", sample_name, *name.split("."))
                yield self.report_file(
                    display_path(config.path) if config.path else "cskit.yaml",
                    config.line_of(path) or config.line_of(("samples", sample_name)) or 1,
                    1,
                    f"样例 {sample_name}：{zh}",
                    f"sample {sample_name}: {en}",
                    key=".".join(str(p) for p in path),
                    evidence=f"pii:{name}",
                )


def _pii_values(ctx: Context, sample: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(variable, value) for the sample's values of ``pii: true`` variables that are not
    masked; numbers are left to P001/P002."""
    for name, var in ctx.config.variables.items():
        if not getattr(var, "pii", False):
            continue
        value: Any = sample
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if not isinstance(value, str) or len(value.strip()) < 2 or _MASKED.search(value):
            continue
        if sum(ch.isdigit() for ch in value) >= 7:
            continue  # a phone or card number: P001/P002 say it
        yield name, value


def _pii_messages(name: str, value: str) -> tuple[str, str]:
    shown = value[:1] + "*" * (len(value) - 1)
    return (
        f"「{shown}」：样例里个人信息变量 {name} 的值没有脱敏。"
        f"建议：按平台下发的样子写脱敏值，例如“{value[:1]}**”",
        f"\u201c{shown}\u201d: the sample value of the personal variable {name} is not masked. "
        f"Suggestion: write it masked as platforms deliver it, e.g. \u201c{value[:1]}**\u201d",
    )
