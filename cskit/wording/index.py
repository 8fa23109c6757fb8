"""Which word packs a run uses (``lint.wordlists``) and the per-rule match index.

:func:`resolve_packs` turns the config's tokens into packs; :func:`pack_index` groups the
enabled items by the rule they feed, with a cheap check (the one to three characters any
pattern must start with, found for all rules in one Aho–Corasick pass) so clean texts are
skipped fast, and a text that is not clean runs only the patterns whose starts it holds.
Three-character starts: two-character ones let through 2.5× more texts that cannot match.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cskit.config.model import Config
from cskit.errors import ConfigError
from cskit.library.load import custom_pack_path
from cskit.text.needles import needles
from cskit.text.normalise import fold_width, to_simplified
from cskit.wording.packitem import Hit, Pack, PackItem
from cskit.wording.packs import builtin_names, builtin_pack, custom_pack


def resolve_packs(config: Config, rules: tuple[str, ...]) -> list[Pack]:
    """The packs ``lint.wordlists`` enables: built-in names, ``default`` (every built-in
    pack but the opt-in ones, such as the per-platform packs), ``-name`` to drop one, and
    pack files relative to cskit.yaml. Unset: ``default``.
    ``rules``: the codes of the rules packs may feed (the registry's pack rules)."""
    names = builtin_names()
    defaults = [builtin_pack(n, rules) for n in names if not builtin_pack(n, rules).opt_in]
    tokens = config.lint.wordlists
    if tokens is None:
        return defaults
    chosen: list[Pack] = []
    for i, token in enumerate(tokens):
        where = config.where("lint", "wordlists", i)
        if token == "default":
            chosen += defaults
        elif token.startswith("-"):
            if token[1:] not in names:
                raise ConfigError(
                    f"lint.wordlists：没有内置词包 {token[1:]!r}",
                    where=where,
                    hint="内置词包：" + ", ".join(names),
                    en=f"lint.wordlists: no built-in pack {token[1:]!r}",
                    hint_en="built-in packs: " + ", ".join(names),
                )
            chosen = [p for p in chosen if not (p.builtin and p.name == token[1:])]
        elif (path := custom_pack_path(config, token)) is not None:
            if not path.is_file():
                raise ConfigError(
                    f"lint.wordlists：找不到词包文件 {token!r}",
                    where=where,
                    hint="路径相对于 cskit.yaml 所在的文件夹",
                    en=f"lint.wordlists: pack file {token!r} not found",
                    hint_en="the path is relative to the folder of cskit.yaml",
                )
            chosen.append(custom_pack(path, path.stat().st_mtime, token, rules))
        elif token in names:
            chosen.append(builtin_pack(token, rules))
        else:
            listed = ", ".join(names)
            raise ConfigError(
                f"lint.wordlists：没有内置词包 {token!r}",
                where=where,
                hint=f"内置词包：{listed}；自定义词包写以 .yaml 结尾的路径",
                en=f"lint.wordlists: no built-in pack {token!r}",
                hint_en=f"built-ins: {listed}; custom packs are paths ending in .yaml",
            )
    unique: dict[tuple[bool, str, str], Pack] = {}
    for pack in chosen:
        unique.setdefault((pack.builtin, pack.name, pack.path), pack)
    return list(unique.values())


@dataclass
class RuleItems:
    """The items feeding one rule, with the strings any of their matches starts with."""

    items: list[PackItem] = field(default_factory=list)
    starts: frozenset[str] | None = None  # starts of 1–3 characters; None: no shortcut
    # start → (item number, pattern number) of the patterns that can start with it, and
    # the patterns that can start anywhere
    by_start: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    anywhere: list[tuple[int, int]] = field(default_factory=list)

    def find(self, text: str, found: frozenset[str] | None = None) -> list[Hit]:
        """Hits in normalised ``text``. ``found``: the starts :meth:`PackIndex.starts_in`
        saw in it; only patterns that can start at one of them run (None: all)."""
        if found is None or "&" in text or "<" in text:
            # (the agent-words view may decode an entity into a start)
            return [h for item in self.items for h in item.find(text)]
        wanted: set[tuple[int, int]] = set(self.anywhere)
        for start in found & self.starts if self.starts is not None else found:
            wanted.update(self.by_start.get(start, ()))
        hits: list[Hit] = []
        for i in sorted({i for i, _ in wanted}):
            item = self.items[i]
            hits += item.find(
                text, tuple(p for j, p in enumerate(item.patterns) if (i, j) in wanted)
            )
        return hits


class PackIndex:
    """Every enabled rule's items, and one shared check of which rules a text can trigger.

    Most replies are clean: one pass of an Aho–Corasick automaton over the text (in Rust,
    ``ahocorasick_rs``) finds every start any pattern must begin with, and answers "none"
    for all pack rules at once (see :func:`cskit.rules.wording.packrule.entry_scan`), instead of each
    rule looking at the text again.
    """

    def __init__(self, groups: dict[str, RuleItems]) -> None:
        self.groups = groups
        self.always = frozenset(code for code, g in groups.items() if g.starts is None)
        by_start: dict[str, set[str]] = {}
        for code, group in groups.items():
            for start in group.starts or ():
                by_start.setdefault(start, set()).add(code)
        self._codes = {start: frozenset(codes) for start, codes in by_start.items()}
        self._matcher: Any = None
        if by_start:
            import ahocorasick_rs

            self._matcher = ahocorasick_rs.AhoCorasick(
                list(self._codes), matchkind=ahocorasick_rs.MatchKind.Standard
            )

    def raw_screen(self, codes: Iterable[str]) -> RawScreen:
        """A :class:`RawScreen` for the rules ``codes`` (those without items: none)."""
        starts: set[str] = set()
        for code in codes:
            group = self.groups.get(code)
            if group is None:
                continue
            if group.starts is None:
                return RawScreen(None)
            starts |= group.starts
        return RawScreen(frozenset(starts))

    def candidates(self, text: str) -> frozenset[str]:
        """Codes of the rules whose patterns could match normalised ``text``."""
        return self.starts_in(text)[0]

    def starts_in(self, text: str) -> tuple[frozenset[str], frozenset[str]]:
        """(codes of the rules whose patterns could match normalised ``text``, the starts
        found in it) in one pass."""
        if self._matcher is None:
            return self.always, frozenset()
        starts = self._matcher.find_matches_as_strings(text, overlapping=True)
        if not starts:
            return self.always, frozenset()
        seen = frozenset(starts)
        found = set(self.always)
        for start in seen:
            found |= self._codes[start]
        return frozenset(found), seen


class _CharSimplified(dict[int, str]):
    """``str.translate`` table: each character width-folded and, if Han, Simplified; looked
    up once per character (phrase-level choices do not matter for finding starts)."""

    def __missing__(self, cp: int) -> str:
        ch = fold_width(chr(cp))
        value = self[cp] = "".join(to_simplified(c) if "\u3400" <= c <= "\u9fff" else c for c in ch)
        return value


_SIMPLIFIED = _CharSimplified()


class RawScreen:
    """A check on raw text, before normalisation, for a few rules: does the width-folded
    text, Simplified character by character, hold a start of one of their patterns?
    Texts that do not are skipped without paying for a full normalisation."""

    def __init__(self, starts: frozenset[str] | None) -> None:
        self._matcher: Any = None
        self.everything = starts is None
        if starts:
            import ahocorasick_rs

            self._matcher = ahocorasick_rs.AhoCorasick(
                sorted(starts), matchkind=ahocorasick_rs.MatchKind.Standard
            )

    def maybe(self, raw: str) -> bool:
        if self.everything:
            return True
        if self._matcher is None:
            return False
        text = raw if raw.isascii() else raw.translate(_SIMPLIFIED)
        return bool(self._matcher.find_matches_as_strings(text))


def pack_index(packs: Iterable[Pack]) -> PackIndex:
    groups: dict[str, RuleItems] = {}
    for pack in packs:
        for item in pack.items:
            groups.setdefault(item.rule, RuleItems()).items.append(item)
    for group in groups.values():
        found = needles((p for item in group.items for p in item.patterns), k=3)
        group.starts = None if found is None else frozenset(found)
        for i, item in enumerate(group.items):
            for j, pattern in enumerate(item.patterns):
                own = needles([pattern], k=3)
                if own is None:
                    group.anywhere.append((i, j))
                for start in own or ():
                    group.by_start.setdefault(start, []).append((i, j))
    return PackIndex(groups)
