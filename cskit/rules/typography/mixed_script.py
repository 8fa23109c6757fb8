"""Z006 mixed-script: Simplified and Traditional characters mixed in one entry."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.library.model import Entry
from cskit.library.positions import text_position
from cskit.rules.base import Context, Rule
from cskit.text.typography import script_mix


class MixedScript(Rule):
    """Simplified and Traditional characters mixed in one entry (这款 next to 發貨).

    A library may be written in either script; mixing both in one entry usually means a
    paste from another source. A character only counts as Simplified when every Traditional
    standard (OpenCC s2t, Taiwan, Hong Kong) writes it differently, and characters that are
    ordinary in Traditional words too (了, 周, 台, 里, 面…) never count. There is no automatic
    fix: converting can change word choice (头发→頭髮, 后→後/后), so the author decides.

    Bad:
        answer: 您好，这款是新品，發貨很快。

    Good:
        answer: 您好，这款是新品，发货很快。
    """

    code = "Z006"
    name = "mixed-script"
    severity = "warning"
    summary_zh = "简繁混用"
    summary_en = "Simplified and Traditional mixed in one entry"
    explain_zh = (
        "同一条目里简体和繁体混用（这款和發貨同时出现），通常是从别处粘贴来的。"
        "只有所有繁体标准（OpenCC s2t、台湾、香港）都写法不同的字才算简体，了、周、台、"
        "里、面等常见字不计。没有自动修复：转换可能改变用词（头发→頭髮、后→後/后），"
        "由作者决定。"
    )
    fix_zh = "把整条改成同一种字体（通常是简体）。"
    fix_en = "Write the whole entry in one script (usually Simplified)."

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        texts = list(entry.texts())
        trad_all: list[str] = []
        simp_all: list[str] = []
        first: tuple[tuple[str | int, ...], str, int] | None = None
        for key, text in texts:
            trad, simp = script_mix(text)
            trad_all += [text[i] for i in trad]
            simp_all += [text[i] for i in simp]
            if (trad or simp) and first is None:
                first = (key, text, min([*trad, *simp]))
        if not trad_all or not simp_all or first is None:
            return
        key, text, offset = first
        t = "".join(dict.fromkeys(trad_all))[:8]
        s = "".join(dict.fromkeys(simp_all))[:8]
        yield self.report(
            entry,
            key,
            f"同一条目里简繁混用：繁体“{t}”，简体“{s}”；请统一成一种字形"
            f"（不自动修复：简繁转换可能改变用词，请人工确认）",
            f"Simplified and Traditional mixed in one entry: Traditional {t!r}, Simplified "
            f"{s!r}; use one script (no automatic fix: conversion can change words)",
            position=text_position(entry, key, text, offset),
            evidence=t + "|" + s,
        )
