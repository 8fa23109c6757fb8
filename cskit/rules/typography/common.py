"""Base for the typography rules Z001–Z005: one finding per text, at the first spot, naming
what was found, with a safe fix for the whole text when the rule's fix is certain."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding, Fix
from cskit.library.model import Entry
from cskit.library.positions import text_position
from cskit.rules.base import Context, Rule
from cskit.text.typography import Spot, apply_spots


class SpotRule(Rule):
    """Not registered itself: subclasses implement :meth:`spots` and :meth:`messages`."""

    severity = "warning"
    fixable = True

    def spots(self, text: str) -> list[Spot]:
        raise NotImplementedError

    def messages(self, spots: list[Spot], fixed: str | None) -> tuple[str, str]:
        raise NotImplementedError

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        for key, text in entry.texts():
            spots = self.spots(text)
            if not spots:
                continue
            fixes: list[Fix] = []
            fixed: str | None = None
            if self.fixable and all(s.replacement is not None for s in spots):
                fixed = apply_spots(text, spots)
                if fixed != text:
                    fixes.append(Fix(key, text, fixed))
            zh, en = self.messages(spots, fixed)
            yield self.report(
                entry,
                key,
                zh,
                en,
                position=text_position(entry, key, text, spots[0].start),
                evidence="".join(s.text for s in spots),
                fixes=fixes,
            )


def listing(spots: list[Spot], limit: int = 5) -> str:
    """``“,”“!”`` … for messages: the distinct offending texts, a few of them."""
    seen: list[str] = []
    for s in spots:
        if s.text not in seen:
            seen.append(s.text)
    shown = "".join(f"“{t}”" for t in seen[:limit])
    return shown + ("…" if len(seen) > limit else "")


def fix_note(fixed: str | None) -> tuple[str, str]:
    if fixed is None:
        return "", ""
    return "（可用 cskit lint --fix 自动修复）", " (safe fix: cskit lint --fix)"
