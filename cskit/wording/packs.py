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
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from cskit.config.model import SEVERITIES
from cskit.errors import ConfigError
from cskit.text.idnumbers import VALIDATORS
from cskit.text.normalise import normalise
from cskit.text.regexcheck import catastrophic
from cskit.text.reply import Reply
from cskit.wording.matching import KINDS, SCANS, SCOPES, Scope, clause_at, kinds_of, view
from cskit.yamlread import YamlError, parse

_PACK_KEYS = ("pack", "rule", "title", "source", "description", "items", "shared", "opt_in")
_ITEM_KEYS = (
    "id",
    "rule",
    "patterns",
    "exemptions",
    "unless",
    "requires",
    "validate",
    "scan",
    "skip",
    "quote",
    "severity",
    "message_zh",
    "message_en",
    "suggestion",
    "examples",
    "note",
)


@dataclass(frozen=True)
class Hit:
    """A match of ``item`` at ``start:end`` of ``view.text``; ``at`` is the same span in
    the normalised text the view was taken from."""

    item: PackItem
    start: int
    end: int
    text: str
    view: Reply

    @property
    def at(self) -> tuple[int, int]:
        return self.view.span(self.start, self.end)


@dataclass(frozen=True, eq=False)
class PackItem:
    id: str
    rule: str
    pack: str
    patterns: tuple[re.Pattern[str], ...]
    message_zh: str
    message_en: str
    suggestion: str
    exemptions: tuple[re.Pattern[str], ...] = ()
    unless: tuple[Scope, ...] = ()
    requires: tuple[Scope, ...] = ()
    validate: str | None = None
    severity: str | None = None
    scan: str = "words"
    skip: frozenset[str] = frozenset()
    quote: str = "words"
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    where: str = ""

    def find(self, text: str, patterns: tuple[re.Pattern[str], ...] | None = None) -> list[Hit]:
        """Hits in already-normalised ``text``, after exemptions, clause checks and
        searches; their offsets are in :func:`~cskit.wording.matching.view` of ``text``.
        ``patterns``: only these of the item's patterns (the index knows the others
        cannot match)."""
        reply = view(text, self.scan)
        body = reply.text
        if self.requires and not all(r.possible(reply) for r in self.requires):
            return []  # what the hits need is nowhere in the text
        hits: list[Hit] = []
        exempt: list[tuple[int, int]] | None = None
        for pattern in self.patterns if patterns is None else patterns:
            for m in pattern.finditer(body):
                start, end = m.span()
                if start == end:
                    continue
                if self.exemptions:
                    if exempt is None:
                        exempt = [x.span() for e in self.exemptions for x in e.finditer(body)]
                    if any(a < end and b > start for a, b in exempt):
                        continue
                if self.requires and not all(r.found(reply, start, end) for r in self.requires):
                    continue
                if self.skip and self.skip & kinds_of(reply, clause_at(reply, start), start, end):
                    continue
                if any(u.found(reply, start, end) for u in self.unless):
                    continue
                if self.validate and not VALIDATORS[self.validate](body, start, end):
                    continue
                hits.append(Hit(self, start, end, m.group(), reply))
        return hits

    def matches(self, raw: str) -> bool:
        """Does this item fire on ``raw`` text (normalised here, as in a lint run)?"""
        return bool(self.find(normalise(raw).text))


@dataclass(frozen=True)
class Pack:
    name: str
    rule: str
    path: str
    items: tuple[PackItem, ...]
    title: str = ""
    source: str = ""
    builtin: bool = True
    opt_in: bool = False


# --- loading and validation ---------------------------------------------------------


class _Loader:
    def __init__(self, path: str, text: str, builtin: bool, rules: tuple[str, ...]) -> None:
        self.path = path
        self.builtin = builtin
        self.rules = rules  # the codes of the rules packs feed (the registry's pack rules)
        try:
            self.doc = parse(text)
        except YamlError as exc:
            raise ConfigError(
                f"word pack does not parse: {exc.message}", where=f"{path}:{exc.line}"
            ) from None

    def where(self, *key: str | int) -> str:
        while key:
            mark = self.doc.marks.get(tuple(key))
            if mark:
                return f"{self.path}:{mark[0]}"
            key = key[:-1]
        return f"{self.path}:1"

    def fail(
        self, key: tuple[str | int, ...], message: str, hint: str | None = None
    ) -> ConfigError:
        return ConfigError(f"word pack: {message}", where=self.where(*key), hint=hint)

    def strings(
        self, value: Any, key: tuple[str | int, ...], *, required: bool = False
    ) -> list[str]:
        if value is None and not required:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"{key[-1]} must be a list of strings")
        if required and not value:
            raise self.fail(key, f"{key[-1]} must not be empty")
        return value

    def regexes(
        self, value: Any, key: tuple[str | int, ...], *, required: bool = False
    ) -> tuple[re.Pattern[str], ...]:
        out = []
        for i, source in enumerate(self.strings(value, key, required=required)):
            try:
                out.append(re.compile(source, re.I))
            except re.error as exc:
                raise self.fail((*key, i), f"bad regex {source!r}: {exc}") from None
            why = catastrophic(source)
            if why:  # would hang every lint
                raise self.fail((*key, i), f"regex {source!r} can take exponential time ({why})")
        return tuple(out)

    def text(self, item: dict[str, Any], name: str, key: tuple[str | int, ...]) -> str:
        value = item.get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.fail((*key, name), f"item needs a non-empty {name}")
        return value.strip()

    def load(self) -> Pack:
        data = self.doc.data
        if not isinstance(data, dict):
            raise self.fail((), "a pack is a mapping with pack, rule and items")
        for k in data:
            if k not in _PACK_KEYS:
                raise self.fail(
                    (k,), f"unknown key {k!r}", hint=f"allowed: {', '.join(_PACK_KEYS)}"
                )
        name = data.get("pack")
        if not isinstance(name, str) or not name:
            raise self.fail(("pack",), "pack needs a name (pack: my-words)")
        rule = data.get("rule")
        if rule not in self.rules:
            raise self.fail(
                ("rule",),
                f"rule {rule!r} is not fed by packs",
                hint=f"one of {', '.join(self.rules)}",
            )
        items = data.get("items")
        if not isinstance(items, list) or not items:
            raise self.fail(("items",), "items must be a non-empty list")
        seen: set[str] = set()
        built = tuple(
            self.item(raw, ("items", i), name, str(rule), seen) for i, raw in enumerate(items)
        )
        return Pack(
            name=name,
            rule=str(rule),
            path=self.path,
            items=built,
            title=str(data.get("title") or ""),
            source=str(data.get("source") or ""),
            builtin=self.builtin,
            opt_in=data.get("opt_in") is True,
        )

    def item(
        self, raw: Any, key: tuple[str | int, ...], pack: str, rule: str, seen: set[str]
    ) -> PackItem:
        if not isinstance(raw, dict):
            raise self.fail(key, "an item is a mapping (id, patterns, messages, examples)")
        for k in raw:
            if k not in _ITEM_KEYS:
                raise self.fail(
                    (*key, k), f"unknown item key {k!r}", hint=f"allowed: {', '.join(_ITEM_KEYS)}"
                )
        item_id = raw.get("id")
        if not isinstance(item_id, str) or not item_id or item_id in seen:
            raise self.fail((*key, "id"), f"item id {item_id!r} missing or repeated")
        seen.add(item_id)
        severity = raw.get("severity")
        if severity is not None and severity not in SEVERITIES:
            raise self.fail(
                (*key, "severity"), f"severity {severity!r} is not error, warning or info"
            )
        validate = raw.get("validate")
        if validate is not None and validate not in VALIDATORS:
            raise self.fail(
                (*key, "validate"), f"no check named {validate!r}", hint=", ".join(VALIDATORS)
            )
        examples = raw.get("examples")
        if not isinstance(examples, dict) or set(examples) - {"match", "no_match"}:
            raise self.fail((*key, "examples"), "examples: {match: [...], no_match: [...]}")
        item_rule = raw.get("rule", rule)
        if item_rule not in self.rules:
            raise self.fail((*key, "rule"), f"rule {item_rule!r} is not fed by packs")
        scan = raw.get("scan", "words")
        if scan not in SCANS:
            raise self.fail((*key, "scan"), f"scan {scan!r} is not one of {', '.join(SCANS)}")
        quote = raw.get("quote", "words")
        if quote not in ("words", "clause"):
            raise self.fail((*key, "quote"), "quote is words or clause")
        item = PackItem(
            id=item_id,
            rule=str(item_rule),
            pack=pack,
            patterns=self.regexes(raw.get("patterns"), (*key, "patterns"), required=True),
            exemptions=self.regexes(raw.get("exemptions"), (*key, "exemptions")),
            unless=self.searches(raw.get("unless"), (*key, "unless")),
            requires=self.requires(raw.get("requires"), (*key, "requires")),
            validate=validate,
            severity=severity,
            scan=str(scan),
            skip=self.kinds(raw.get("skip"), (*key, "skip")),
            quote=str(quote),
            message_zh=self.text(raw, "message_zh", key),
            message_en=self.text(raw, "message_en", key),
            suggestion=self.text(raw, "suggestion", key),
            match=tuple(
                self.strings(examples.get("match"), (*key, "examples", "match"), required=True)
            ),
            no_match=tuple(self.strings(examples.get("no_match"), (*key, "examples", "no_match"))),
            where=self.where(*key),
        )
        if not self.builtin:
            self.check_examples(item, key)
        return item

    def kinds(self, raw: Any, key: tuple[str | int, ...]) -> frozenset[str]:
        found = self.strings(raw, key)
        for i, kind in enumerate(found):
            if kind not in KINDS:
                raise self.fail((*key, i), f"skip {kind!r} is not one of {', '.join(KINDS)}")
        return frozenset(found)

    def searches(self, raw: Any, key: tuple[str | int, ...]) -> tuple[Scope, ...]:
        if raw is None:
            return ()
        if isinstance(raw, dict):
            return (self.search(raw, key),)
        if isinstance(raw, list) and raw and all(isinstance(r, dict) for r in raw):
            return tuple(self.search(r, (*key, i)) for i, r in enumerate(raw))
        raise self.fail(key, f"{key[-1]}: a search {{patterns, scope, …}} or a list of them")

    def requires(self, raw: Any, key: tuple[str | int, ...]) -> tuple[Scope, ...]:
        if raw is None:
            return ()
        if isinstance(raw, str) or (isinstance(raw, list) and all(isinstance(r, str) for r in raw)):
            return (Scope(self.regexes(raw, key, required=True), "reply"),)
        return self.searches(raw, key)

    def search(self, raw: dict[str, Any], key: tuple[str | int, ...]) -> Scope:
        allowed = {"patterns", "scope", "before", "after", "ignore", "skip"}
        if "patterns" not in raw or set(raw) - allowed:
            raise self.fail(
                key, f"{key[-1]}: {{patterns: [...], scope, before, after, ignore, skip}}"
            )
        scope = raw.get("scope", "window")
        if scope not in SCOPES:
            raise self.fail((*key, "scope"), f"scope {scope!r} is not one of {', '.join(SCOPES)}")
        if scope not in ("window", "clause") and ("before" in raw or "after" in raw):
            raise self.fail(key, "before/after belong to scope: window or clause")

        def window(name: str, default: int | None) -> int | None:
            value = raw.get(name, default if default is not None else "all")
            if value == "all":
                return None
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise self.fail((*key, name), f"{name} must be a number of characters or all")
            return value

        return _scope(
            self.regexes(raw["patterns"], (*key, "patterns"), required=True),
            str(scope),
            window("before", 0 if scope == "window" else None),
            window("after", None),
            self.regexes(raw.get("ignore"), (*key, "ignore")),
            self.kinds(raw.get("skip"), (*key, "skip")),
        )

    def check_examples(self, item: PackItem, key: tuple[str | int, ...]) -> None:
        for i, text in enumerate(item.match):
            if not item.matches(text):
                raise self.fail(
                    (*key, "examples", "match", i),
                    f"item {item.id}: example {text!r} should match but does not",
                )
        for i, text in enumerate(item.no_match):
            if item.matches(text):
                raise self.fail(
                    (*key, "examples", "no_match", i),
                    f"item {item.id}: example {text!r} should not match but does",
                )


@functools.lru_cache(maxsize=1024)
def _scope(
    patterns: tuple[re.Pattern[str], ...],
    scope: str,
    before: int | None,
    after: int | None,
    ignore: tuple[re.Pattern[str], ...],
    skip: frozenset[str],
) -> Scope:
    """One :class:`Scope` per distinct search: items that share one (a YAML anchor) share
    its compiled regexes and its per-reply results."""
    return Scope(patterns, scope, before, after, ignore, skip)


def load_pack(
    path: Path, rules: tuple[str, ...], *, builtin: bool = False, display: str | None = None
) -> Pack:
    """Read and validate one pack file feeding one of ``rules`` (the codes of the pack rules);
    a bad pack is one ``ConfigError`` with file:line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read word pack: {exc}", where=str(display or path)) from None
    return _Loader(display or str(path), text, builtin, rules).load()


def builtin_names() -> list[str]:
    folder = resources.files("cskit") / "packs"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


@functools.lru_cache(maxsize=64)
def builtin_pack(name: str, rules: tuple[str, ...]) -> Pack:
    ref = resources.files("cskit") / "packs" / f"{name}.yaml"
    text = ref.read_text(encoding="utf-8")
    return _Loader(f"cskit/packs/{name}.yaml", text, True, rules).load()


@functools.lru_cache(maxsize=64)
def custom_pack(path: Path, mtime: float, display: str, rules: tuple[str, ...]) -> Pack:
    return load_pack(path, rules, display=display)
