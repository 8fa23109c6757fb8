"""The engine behind the pack-driven rules (W001–W008, P001–P002).

Each rule module is a thin :class:`PackRule` subclass naming its code; the items come from
the packs that ``lint.wordlists`` enables (``cskit.wordpacks``). Texts are normalised once
(``cskit.textnorm``), matched, and each item reports once per text at its first hit, naming
every distinct offending word as written in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cskit.findings import Finding
from cskit.library import Entry, display_path
from cskit.packindex import RuleItems, items_by_rule, resolve_packs
from cskit.rules.base import Context, Rule
from cskit.textnorm import Normalised, normalise
from cskit.textpos import text_position
from cskit.wordpacks import Hit, PackItem

_MEMO = "wordpacks.items"


def rule_items(ctx: Context, code: str) -> RuleItems | None:
    """The enabled items for ``code``, loaded and compiled once per run."""
    table = ctx.memo.get(_MEMO)
    if table is None:
        table = ctx.memo[_MEMO] = items_by_rule(resolve_packs(ctx.config))
    group: RuleItems | None = table.get(code)
    return group


def original_span(norm: Normalised, start: int, end: int) -> str:
    """The text as written that normalised characters ``start:end`` came from."""
    if not norm.offsets:
        return ""
    a = norm.origin(start)
    b = norm.origin(end - 1) + 1
    return norm.original[a:b]


def mask_number(text: str) -> str:
    """``13812345678`` → ``138••••5678``: findings must not copy PII into CI logs (and the
    bullets keep it from looking like the ``****`` masking the suggestion asks for)."""
    digits = [i for i, ch in enumerate(text) if ch.isalnum()]
    if len(digits) <= 7:
        return text
    keep = set(digits[:3] + digits[-4:])
    return "".join(ch if (i in keep or not ch.isalnum()) else "•" for i, ch in enumerate(text))


class PackRule(Rule):
    """Base for rules fed by word packs (not registered itself)."""

    scope = "entry"
    mask_words = False  # P rules show numbers masked

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        group = rule_items(ctx, self.code)
        if not group:
            return
        for key, text in entry.texts():
            yield from self.check_text(entry, key, text, group)

    def hits(self, text: str, group: RuleItems) -> tuple[Normalised, dict[PackItem, list[Hit]]]:
        norm = normalise(text)
        by_item: dict[PackItem, list[Hit]] = {}
        taken: list[tuple[int, int]] = []
        # Longest hit first at each position; a hit overlapping one already taken (another
        # pattern or item of the same rule on the same words) is the same problem.
        for hit in sorted(group.find(norm.text), key=lambda h: (h.start, h.start - h.end)):
            if any(a < hit.end and hit.start < b for a, b in taken):
                continue
            taken.append((hit.start, hit.end))
            by_item.setdefault(hit.item, []).append(hit)
        return norm, by_item

    def words(self, norm: Normalised, hits: list[Hit]) -> str:
        seen: list[str] = []
        for h in hits:
            word = original_span(norm, h.start, h.end).strip()
            if self.mask_words:
                word = mask_number(word)
            if word and word not in seen:
                seen.append(word)
        return "」「".join(seen)

    def messages(self, item: PackItem, words: str) -> tuple[str, str]:
        zh = f"「{words}」：{item.message_zh}。建议：{item.suggestion}"
        en = f"\u201c{words}\u201d: {item.message_en}. Suggestion: {item.suggestion}"
        return zh, en

    def severity_of(self, item: PackItem) -> str:
        overridden = self.level != type(self).severity
        return self.level if overridden or item.severity is None else item.severity

    def check_text(
        self, entry: Entry, key: tuple[str | int, ...], text: str, group: RuleItems
    ) -> Iterator[Finding]:
        norm, by_item = self.hits(text, group)
        for item, hits in by_item.items():
            words = self.words(norm, hits)
            zh, en = self.messages(item, words)
            offset = norm.origin(hits[0].start)
            yield self.report(
                entry,
                key,
                zh,
                en,
                position=text_position(entry, key, text, offset),
                evidence=f"{item.id}:{words}",
                severity=self.severity_of(item),
            )


def _walk(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, (*path, str(k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, (*path, i))
    elif isinstance(value, str | int) and not isinstance(value, bool):
        yield path, str(value)


class SampleScanningRule(PackRule):
    """A pack rule that also scans sample data: inline entry samples and config samples."""

    scope = "library"
    mask_words = True

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        group = rule_items(ctx, self.code)
        if not group:
            return
        for entry in ctx.library.entries:
            if not ctx.is_changed(entry):
                continue
            for key, text in entry.texts():
                yield from self.check_text(entry, key, text, group)
            samples = entry.data.get("samples")
            if isinstance(samples, list):
                for i, sample in enumerate(samples):
                    if isinstance(sample, dict):
                        for path, text in _walk(sample, ("samples", i)):
                            yield from self.check_text(entry, path, text, group)
        if ctx.changed is None:
            yield from self.check_config_samples(ctx, group)

    def check_config_samples(self, ctx: Context, group: RuleItems) -> Iterator[Finding]:
        config = ctx.config
        shown = display_path(config.path) if config.path else "cskit.yaml"
        for path, text in _walk(config.samples, ("samples",)):
            norm, by_item = self.hits(text, group)
            for item, hits in by_item.items():
                words = self.words(norm, hits)
                zh, en = self.messages(item, words)
                label = ".".join(str(p) for p in path[1:])
                finding = self.report_file(
                    shown,
                    config.line_of(path) or 1,
                    1,
                    f"样例 {label}：{zh}",
                    f"sample {label}: {en}",
                    key=".".join(str(p) for p in path),
                    evidence=f"{item.id}:{words}",
                )
                finding.severity = self.severity_of(item)
                yield finding
