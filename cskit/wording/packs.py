"""Word packs: wording, compliance and privacy rules kept as data (``cskit/packs/*.yaml``).

A pack is a YAML file naming the rule it feeds (``rule: W003``) and a list of items. Each
item has regex ``patterns`` matched against normalised text (width-folded, Traditional →
Simplified, Jinja tags masked; case-insensitive; no word boundaries, so it works inside Han
text), and may narrow them:

- ``exemptions``: regexes; a hit that overlaps an exemption match is not a hit
  (``第一次`` is not the absolute claim ``第一``);
- ``unless``: ``{patterns, before, after}``; the hit is cleared when one of the patterns
  occurs within ``before`` characters before it or ``after`` characters after it (``all`` =
  to the start/end of the reply; defaults 0 and ``all``): a refusal followed by an offered
  alternative, template empathy followed by a concrete step;
- ``requires``: regexes of which one must occur somewhere in the reply (``你`` only counts
  when the reply also says ``您``);
- ``validate``: a named check in code (``mobile``, ``id_card`` ISO 7064 MOD 11-2,
  ``bank_card`` Luhn + context).

Every item carries ``message_zh``/``message_en`` (why), a ``suggestion`` (a better phrasing)
and ``examples: {match: [...], no_match: [...]}``, which the test suite runs for every
built-in pack; custom packs have their examples checked when they are loaded.
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
from cskit.yamlread import YamlError, parse

_PACK_KEYS = ("pack", "rule", "title", "source", "description", "items")
_ITEM_KEYS = (
    "id",
    "rule",
    "patterns",
    "exemptions",
    "unless",
    "requires",
    "validate",
    "severity",
    "message_zh",
    "message_en",
    "suggestion",
    "examples",
    "note",
)
ALL = None  # an unbounded window


@dataclass(frozen=True)
class Unless:
    patterns: tuple[re.Pattern[str], ...]
    before: int | None = 0
    after: int | None = ALL

    def found(self, text: str, start: int, end: int) -> bool:
        lo = 0 if self.before is None else max(0, start - self.before)
        hi = len(text) if self.after is None else min(len(text), end + self.after)
        left, right = text[lo:start], text[end:hi]
        return any(p.search(left) or p.search(right) for p in self.patterns)


@dataclass(frozen=True)
class Hit:
    item: PackItem
    start: int
    end: int
    text: str


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
    unless: Unless | None = None
    requires: tuple[re.Pattern[str], ...] = ()
    validate: str | None = None
    severity: str | None = None
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    where: str = ""

    def find(self, text: str) -> list[Hit]:
        """Hits in already-normalised ``text``, after exemptions, windows and checks."""
        if self.requires and not any(r.search(text) for r in self.requires):
            return []
        hits: list[Hit] = []
        exempt: list[tuple[int, int]] | None = None
        for pattern in self.patterns:
            for m in pattern.finditer(text):
                start, end = m.span()
                if start == end:
                    continue
                if self.exemptions:
                    if exempt is None:
                        exempt = [x.span() for e in self.exemptions for x in e.finditer(text)]
                    if any(a < end and b > start for a, b in exempt):
                        continue
                if self.unless and self.unless.found(text, start, end):
                    continue
                if self.validate and not VALIDATORS[self.validate](text, start, end):
                    continue
                hits.append(Hit(self, start, end, m.group()))
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
        item = PackItem(
            id=item_id,
            rule=str(item_rule),
            pack=pack,
            patterns=self.regexes(raw.get("patterns"), (*key, "patterns"), required=True),
            exemptions=self.regexes(raw.get("exemptions"), (*key, "exemptions")),
            unless=self.unless(raw.get("unless"), (*key, "unless")),
            requires=self.regexes(raw.get("requires"), (*key, "requires")),
            validate=validate,
            severity=severity,
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

    def unless(self, raw: Any, key: tuple[str | int, ...]) -> Unless | None:
        if raw is None:
            return None
        if (
            not isinstance(raw, dict)
            or "patterns" not in raw
            or set(raw) - {"patterns", "before", "after"}
        ):
            raise self.fail(key, "unless: {patterns: [...], before: N|all, after: N|all}")

        def window(name: str, default: int | None) -> int | None:
            value = raw.get(name, default if default is not None else "all")
            if value == "all":
                return None
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise self.fail((*key, name), f"{name} must be a number of characters or all")
            return value

        return Unless(
            self.regexes(raw["patterns"], (*key, "patterns"), required=True),
            window("before", 0),
            window("after", None),
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
