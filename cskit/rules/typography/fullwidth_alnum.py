"""Z002 fullwidth-alnum: full-width letters and digits (ＡＢＣ１２３)."""

from __future__ import annotations

from cskit.rules.typography.common import SpotRule, fix_note, listing
from cskit.text.typography import Spot, fullwidth_alnum


class FullwidthAlnum(SpotRule):
    """Full-width letters and digits (ＶＩＰ, １２３); Chinese text uses half-width ones.

    Full-width digits break search, copy-paste of order numbers and length counts. The fix
    (NFKC to half-width) is certain and safe.

    Bad:
        answer: ＶＩＰ会员再享９５折，下单立减１０元。

    Good:
        answer: VIP会员再享95折，下单立减10元。
    """

    code = "Z002"
    name = "fullwidth-alnum"
    summary_zh = "全角字母或数字"
    summary_en = "full-width letters or digits"

    def spots(self, text: str) -> list[Spot]:
        return fullwidth_alnum(text)

    def messages(self, spots: list[Spot], fixed: str | None) -> tuple[str, str]:
        zh_note, en_note = fix_note(fixed)
        pairs = "、".join(f"{s.text}→{s.replacement}" for s in spots[:5])
        return (
            f"全角字母或数字 {listing(spots)}，应改为半角：{pairs}{zh_note}",
            f"full-width letters or digits {listing(spots)}; use half width: {pairs}{en_note}",
        )
