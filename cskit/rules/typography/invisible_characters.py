"""Z005 invisible-characters: zero-width characters, BOM, control characters."""

from __future__ import annotations

from typing import Any, ClassVar

from cskit.rules.typography.common import SpotRule, fix_note
from cskit.text.typography import Spot, describe, invisible_characters


class InvisibleCharacters(SpotRule):
    """Characters nobody can see: zero-width spaces and joiners, BOM, bidi marks, control
    characters, and (option ``nbsp``) non-breaking spaces.

    They come in with copy-paste from web pages and chat tools, break keyword matching and
    duplicate detection, and some platforms reject messages containing them. A zero-width
    joiner inside an emoji sequence is kept. The fix removes them (NBSP becomes a space).

    Bad:
        answer: "您好\\u200b，订单已发出"

    Good:
        answer: 您好，订单已发出
    """

    code = "Z005"
    name = "invisible-characters"
    options: ClassVar[dict[str, Any]] = {"nbsp": True}
    summary_zh = "不可见字符"
    summary_en = "invisible characters"
    explain_zh = (
        "看不见的字符：零宽空格和连接符、BOM、双向控制符、控制字符，以及（选项 nbsp）"
        "不换行空格。它们多由网页或聊天工具复制而来，会破坏关键词匹配和查重，"
        "有的平台会拒发。表情序列里的零宽连接符会保留。"
    )
    fix_zh = "运行 `cskit lint --fix` 自动删除（不换行空格改成普通空格）。"
    fix_en = "Run `cskit lint --fix` to remove them (a non-breaking space becomes a space)."

    def spots(self, text: str) -> list[Spot]:
        return invisible_characters(text, bool(self.opts["nbsp"]))

    def messages(self, spots: list[Spot], fixed: str | None) -> tuple[str, str]:
        zh_note, en_note = fix_note(fixed)
        names = "、".join(sorted({describe(s.text) for s in spots}))
        return (
            f"有 {len(spots)} 个不可见字符（{names}），多来自复制粘贴，应删除{zh_note}",
            f"{len(spots)} invisible character(s) ({names}), usually from copy-paste; "
            f"remove them{en_note}",
        )
