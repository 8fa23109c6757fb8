"""Which word packs a run uses (``lint.wordlists``) and the per-rule match index.

:func:`resolve_packs` turns the config's tokens into packs; :func:`items_by_rule` groups the
enabled items by the rule they feed, with cheap checks (the characters and character pairs
any pattern must start with, one combined regex) so clean texts are skipped fast.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from cskit.config import Config
from cskit.errors import ConfigError
from cskit.library import custom_pack_path
from cskit.needles import needles
from cskit.wordpacks import Hit, Pack, PackItem, builtin_names, builtin_pack, custom_pack


def resolve_packs(config: Config) -> list[Pack]:
    """The packs ``lint.wordlists`` enables: built-in names, ``default`` (all built-ins),
    ``-name`` to drop one, and pack files relative to cskit.yaml. Unset: all built-ins."""
    names = builtin_names()
    tokens = config.lint.wordlists
    if tokens is None:
        return [builtin_pack(n) for n in names]
    chosen: list[Pack] = []
    for i, token in enumerate(tokens):
        where = config.where("lint", "wordlists", i)
        if token == "default":
            chosen += [builtin_pack(n) for n in names]
        elif token.startswith("-"):
            if token[1:] not in names:
                raise ConfigError(
                    f"lint.wordlists: no built-in pack {token[1:]!r}",
                    where=where,
                    hint=", ".join(names),
                )
            chosen = [p for p in chosen if not (p.builtin and p.name == token[1:])]
        elif (path := custom_pack_path(config, token)) is not None:
            if not path.is_file():
                raise ConfigError(f"lint.wordlists: pack file {token!r} not found", where=where)
            chosen.append(custom_pack(path, path.stat().st_mtime, token))
        elif token in names:
            chosen.append(builtin_pack(token))
        else:
            raise ConfigError(
                f"lint.wordlists: no built-in pack {token!r}",
                where=where,
                hint=f"built-ins: {', '.join(names)}; custom packs are paths ending in .yaml",
            )
    unique: dict[tuple[bool, str, str], Pack] = {}
    for pack in chosen:
        unique.setdefault((pack.builtin, pack.name, pack.path), pack)
    return list(unique.values())


@functools.lru_cache(maxsize=256)
def _chars(text: str) -> frozenset[str]:
    # The linter runs every rule on one entry before the next: each text is split once.
    return frozenset(text)


@dataclass
class RuleItems:
    """The items feeding one rule, with cheap checks to skip clean texts fast."""

    items: list[PackItem] = field(default_factory=list)
    prefilter: re.Pattern[str] | None = None
    singles: frozenset[str] | None = None  # None: no cheap check possible
    pairs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # by first character
    firsts: frozenset[str] = frozenset()

    def possible(self, text: str) -> bool:
        """Can any pattern match? (No when the text has none of the starting strings.)"""
        if self.singles is None:
            return True
        chars = _chars(text)
        if not self.singles.isdisjoint(chars):
            return True
        return any(p in text for c in self.firsts & chars for p in self.pairs[c])

    def find(self, text: str) -> list[Hit]:
        if not self.possible(text):
            return []
        if self.prefilter is not None and not self.prefilter.search(text):
            return []
        return [h for item in self.items for h in item.find(text)]


def items_by_rule(packs: Iterable[Pack]) -> dict[str, RuleItems]:
    out: dict[str, RuleItems] = {}
    for pack in packs:
        for item in pack.items:
            out.setdefault(item.rule, RuleItems()).items.append(item)
    for group in out.values():
        found = needles(p for item in group.items for p in item.patterns)
        if found is not None:
            group.singles = frozenset(x for x in found if len(x) == 1)
            for pair in sorted(x for x in found if len(x) == 2):
                group.pairs[pair[0]] = (*group.pairs.get(pair[0], ()), pair)
            group.firsts = frozenset(group.pairs)
        sources = [p.pattern for item in group.items for p in item.patterns]
        try:
            group.prefilter = re.compile("|".join(f"(?:{s})" for s in sources), re.I)
        except re.error:  # e.g. repeated group names across items: no prefilter, still correct
            group.prefilter = None
    return out
