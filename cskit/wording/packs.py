"""Word packs: wording, compliance and privacy rules kept as data (``cskit/packs/*.yaml``).

A pack is a YAML file naming the rule it feeds (``rule: W003``) and a list of items. Each
item has regex ``patterns`` matched against normalised text (width-folded, Traditional →
Simplified, Jinja tags masked; case-insensitive; no word boundaries, so it works inside Han
text), and may narrow them:

- ``scan``: which text the item reads: ``words`` (default: the agent's own words, without
  system notices, emoticon codes, links and pasted product copy), ``shown`` (the same with
  product copy) or ``all`` (everything);
- ``exemptions``: regexes; a hit that overlaps an exemption match is not a hit
  (``第一次`` is not the absolute claim ``第一``);
- ``skip``: clause kinds where a hit does not count: ``question`` (可以改地址吗),
  ``condition`` (如果无法签收…) and ``boilerplate`` (greetings, closings);
- ``unless``: one search or a list of them, ``{patterns, scope, before, after, ignore,
  skip}``; the hit is cleared when a pattern is found. ``scope`` is ``window`` (default:
  ``before`` characters before the hit and ``after`` after it, ``all`` = to the start/end;
  defaults 0 and ``all``), ``clause`` (the hit's clause), ``others`` (every other clause),
  ``later``/``earlier`` (the clauses after/before it), ``sentence`` or ``reply``; clauses
  matching an ``ignore`` regex or of a ``skip`` kind are not searched. A refusal cleared by
  an alternative offered in another clause is ``{scope: others, ignore: [refusal words]}``;
- ``requires``: regexes of which one must occur somewhere in the reply (``你`` only counts
  when the reply also says ``您``), or a search like ``unless`` that must succeed (a reward
  counts as review-for-reward only with a review in the same ``sentence``);
- ``validate``: a named check in code (``mobile``, ``id_card`` ISO 7064 MOD 11-2,
  ``bank_card`` Luhn + context);
- ``quote: clause``: the finding quotes the whole clause, not only the matched words.

Every item carries ``message_zh``/``message_en`` (why), a ``suggestion`` (a better phrasing)
and ``examples: {match: [...], no_match: [...]}``, which the test suite runs for every
built-in pack; custom packs have their examples checked when they are loaded. A pack may
hold a ``shared`` mapping for YAML anchors that items reuse (``unless: [*offers]``), and
``opt_in: true`` keeps it out of ``default`` (the per-platform packs: a team names the one it
needs in ``lint.wordlists``).
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from cskit.errors import ConfigError
from cskit.wording.packitem import Pack
from cskit.wording.packparse import PackParser


def load_pack(
    path: Path, rules: tuple[str, ...], *, builtin: bool = False, display: str | None = None
) -> Pack:
    """Read and validate one pack file feeding one of ``rules`` (the codes of the pack rules);
    a bad pack is one ``ConfigError`` with file:line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"无法读取词包：{exc}", where=str(display or path), en=f"cannot read word pack: {exc}"
        ) from None
    return PackParser(display or str(path), text, builtin, rules).load()


def builtin_names() -> list[str]:
    folder = resources.files("cskit") / "packs"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


@functools.lru_cache(maxsize=64)
def builtin_pack(name: str, rules: tuple[str, ...]) -> Pack:
    ref = resources.files("cskit") / "packs" / f"{name}.yaml"
    text = ref.read_text(encoding="utf-8")
    return PackParser(f"cskit/packs/{name}.yaml", text, True, rules).load()


@functools.lru_cache(maxsize=64)
def custom_pack(path: Path, mtime: float, display: str, rules: tuple[str, ...]) -> Pack:
    return load_pack(path, rules, display=display)
