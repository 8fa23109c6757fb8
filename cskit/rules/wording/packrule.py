"""The engine behind the pack-driven rules (W001–W008, P001–P002).

Each rule module is a thin :class:`PackRule` subclass naming its code; the items come from
the packs that ``lint.wordlists`` enables (``cskit.wording.packs``). Texts are normalised once
(``cskit.text.normalise``), matched, and each item reports once per text at its first hit, naming
every distinct offending word as written in the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from cskit.findings import Finding
from cskit.library.model import Entry, display_path
from cskit.library.positions import text_position
from cskit.rules.base import FAMILIES, Context, Rule
from cskit.text.normalise import Normalised, normalise
from cskit.wording.index import PackIndex, RawScreen, pack_index, resolve_packs
from cskit.wording.matching import clause_at
from cskit.wording.packitem import Hit, PackItem

_MEMO = "wordpacks.items"
_QUOTE_MAX = 24  # a quoted clause longer than this is cut with …
_SCAN_MEMO = "wordpacks.last-entry"
_RECORD_MEMO = "wordpacks.last-record"
_SCREEN_MEMO = "wordpacks.record-screen"
_RECORD_RULES = ("P001", "P002", "P003")  # the rules that read titles, questions, notes


def pack_rules(catalogue: Iterable[type[Rule]] = ()) -> tuple[str, ...]:
    """The codes of the rules word packs feed, in code order: the :class:`PackRule` ones of
    ``catalogue`` (the registry, which the linter puts in every run's Context). A pack's
    ``rule:`` must name one of them. A Context made by hand carries no catalogue: then the
    PackRule subclasses defined so far count (all of them once the registry is imported,
    which it is wherever rule instances come from)."""
    found = list(catalogue) or _subclasses(PackRule)
    codes = {r.code for r in found if issubclass(r, PackRule) and getattr(r, "code", None)}
    return tuple(sorted(codes, key=lambda c: (list(FAMILIES).index(c[0]), c)))


def _subclasses(cls: type[Rule]) -> list[type[Rule]]:
    return [s for sub in cls.__subclasses__() for s in (sub, *_subclasses(sub))]


def packs_index(ctx: Context) -> PackIndex:
    """The enabled items of every pack rule, loaded and compiled once per run."""
    index: PackIndex | None = ctx.memo.get(_MEMO)
    if index is None:
        packs = resolve_packs(ctx.config, pack_rules(ctx.catalogue))
        index = ctx.memo[_MEMO] = pack_index(packs)
    return index


# (key, text, codes that could match it, the starts the index saw in it)
_Scan = list[tuple[tuple[str | int, ...], str, frozenset[str], frozenset[str]]]


def entry_scan(ctx: Context, entry: Entry) -> _Scan:
    """(key, text, codes of the pack rules that could match it) for an entry's texts that
    some pack rule could match. Computed once per entry for all pack rules: the linter
    runs every rule on one entry before the next, and most texts are clean."""
    last = ctx.memo.get(_SCAN_MEMO)
    if last is not None and last[0] is entry:
        rows: _Scan = last[1]
        return rows
    index = packs_index(ctx)
    rows = []
    for key, text in entry.texts():
        codes, starts = index.starts_in(normalise(text).text)
        if codes:
            rows.append((key, text, codes, starts))
    ctx.memo[_SCAN_MEMO] = (entry, rows)
    return rows


def record_scan(ctx: Context, entry: Entry) -> _Scan:
    """Like :func:`entry_scan`, for the entry's title, questions and notes (the privacy
    rules read them; computed once per entry for all of them)."""
    last = ctx.memo.get(_RECORD_MEMO)
    if last is not None and last[0] is entry:
        rows: _Scan = last[1]
        return rows
    index = packs_index(ctx)
    screen: RawScreen | None = ctx.memo.get(_SCREEN_MEMO)
    if screen is None:
        screen = ctx.memo[_SCREEN_MEMO] = index.raw_screen(_RECORD_RULES)
    rows = []
    texts = list(record_texts(entry))
    if not texts or not screen.maybe("\n".join(t for _, t in texts)):
        ctx.memo[_RECORD_MEMO] = (entry, rows)
        return rows  # (one check for all of them: the usual case)
    for key, text in texts:
        if not screen.maybe(text):
            continue  # no start of any privacy pattern: skip the normalisation too
        codes, starts = index.starts_in(normalise(text).text)
        if codes:
            rows.append((key, text, codes, starts))
    ctx.memo[_RECORD_MEMO] = (entry, rows)
    return rows


def original_span(norm: Normalised, start: int, end: int) -> str:
    """The text as written that normalised characters ``start:end`` came from."""
    if not norm.text:
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
    # One finding per text, naming every hit (W001, W002: one reply, one problem), instead
    # of one per item.
    one_per_text = False

    def prepare(self, ctx: Context) -> None:
        packs_index(ctx)

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        for key, text, codes, starts in entry_scan(ctx, entry):
            if self.code in codes:
                yield from self.check_text(entry, key, text, packs_index(ctx), screened=starts)

    def hits(
        self, text: str, index: PackIndex, *, screened: frozenset[str] | None = None
    ) -> tuple[Normalised, dict[PackItem, list[Hit]]]:
        """Hits of this rule's items; ``screened``: the starts the index found in the text,
        which already said this rule could match."""
        norm = normalise(text)
        by_item: dict[PackItem, list[Hit]] = {}
        if screened is None:
            codes, screened = index.starts_in(norm.text)
            if self.code not in codes:
                return norm, by_item
        taken: list[tuple[int, int]] = []
        # Longest hit first at each position; a hit overlapping one already taken (another
        # pattern or item of the same rule on the same words) is the same problem. Items may
        # read different views of the text: compare spans in the normalised text.
        found = index.groups[self.code].find(norm.text, screened)
        for hit in sorted(found, key=lambda h: (h.at[0], h.at[0] - h.at[1])):
            a, b = hit.at
            if any(x < b and a < y for x, y in taken):
                continue
            taken.append((a, b))
            by_item.setdefault(hit.item, []).append(hit)
        return norm, by_item

    def shown(self, word: str) -> str:
        """How a matched word appears in a finding (P rules mask it)."""
        return mask_number(word) if self.mask_words else word

    def words(self, norm: Normalised, hits: list[Hit]) -> str:
        seen: list[str] = []
        for h in hits:
            word = self.shown(original_span(norm, *self.quoted(h)).strip())
            if len(word) > _QUOTE_MAX:
                word = word[: _QUOTE_MAX - 1] + "…"
            if word and word not in seen:
                seen.append(word)
        return "」「".join(seen)

    @staticmethod
    def quoted(hit: Hit) -> tuple[int, int]:
        """The span (in normalised text) a finding quotes: the words, or their clause."""
        if hit.item.quote == "clause":
            clause = clause_at(hit.view, hit.start)
            if clause is not None:
                return hit.view.span(clause.start, clause.end)
        return hit.at

    def messages(self, item: PackItem, words: str) -> tuple[str, str]:
        zh = f"「{words}」：{item.message_zh}。建议：{item.suggestion}"
        en = f"\u201c{words}\u201d: {item.message_en}. Suggestion: {item.suggestion}"
        return zh, en

    def severity_of(self, item: PackItem) -> str:
        overridden = self.level != type(self).severity
        return self.level if overridden or item.severity is None else item.severity

    def check_text(
        self,
        entry: Entry,
        key: tuple[str | int, ...],
        text: str,
        index: PackIndex,
        *,
        screened: frozenset[str] | None = None,
    ) -> Iterator[Finding]:
        norm, by_item = self.hits(text, index, screened=screened)
        if self.one_per_text and len(by_item) > 1:
            # one finding for the text: the first item's message, every item's words
            first = min(by_item, key=lambda i: by_item[i][0].at[0])
            merged = sorted((h for hs in by_item.values() for h in hs), key=lambda h: h.at[0])
            by_item = {first: merged}
        for item, hits in by_item.items():
            words = self.words(norm, hits)
            zh, en = self.messages(item, words)
            offset = norm.origin(hits[0].at[0])
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


def record_texts(entry: Entry) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """The texts of an entry that customers do not see but that hold what was pasted from
    real chats: the title, the customer questions and the notes (the sheet's 备注)."""
    if isinstance(entry.data.get("title"), str):
        yield ("title",), entry.data["title"]
    questions = entry.data.get("questions")
    if isinstance(questions, list):
        for i, q in enumerate(questions):
            if isinstance(q, str):
                yield ("questions", i), q
    if isinstance(entry.data.get("notes"), str):
        yield ("notes",), entry.data["notes"]


class SampleScanningRule(PackRule):
    """A pack rule that also scans what is not a reply: the entry's title, questions and
    notes, its inline ``samples``, and the config's ``samples`` once per run
    (:meth:`check_config`)."""

    mask_words = True
    scans_replies = True  # the answer and channel texts too

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        if self.scans_replies:
            yield from super().check_entry(entry, ctx)  # the scan all pack rules share
        index = packs_index(ctx)
        if self.code not in index.groups:
            return
        for key, text, codes, starts in record_scan(ctx, entry):
            if self.code in codes:
                yield from self.check_text(entry, key, text, index, screened=starts)
        samples = entry.data.get("samples")
        if not isinstance(samples, list):
            return
        yield from self.check_samples(entry, samples, index, ctx)

    def check_samples(
        self, entry: Entry, samples: list[Any], index: PackIndex, ctx: Context
    ) -> Iterator[Finding]:
        for i, sample in enumerate(samples):
            if isinstance(sample, dict):
                for key, text in _walk(sample, ("samples", i)):
                    yield from self.check_text(entry, key, text, index)

    def check_config(self, ctx: Context) -> Iterator[Finding]:
        index = packs_index(ctx)
        if ctx.changed is None and self.code in index.groups:
            yield from self.check_config_samples(ctx, index)

    def check_config_samples(self, ctx: Context, index: PackIndex) -> Iterator[Finding]:
        config = ctx.config
        shown = display_path(config.path) if config.path else "cskit.yaml"
        for path, text in _walk(config.samples, ("samples",)):
            norm, by_item = self.hits(text, index)
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
