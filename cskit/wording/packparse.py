"""Parsing and checking one word pack's YAML into a :class:`~cskit.wording.packitem.Pack`.

Every key, pattern and search is checked (unknown keys, bad or exponential-time regexes,
unknown scan, clause kinds, scopes or validators, duplicate item ids), and a custom pack's
``examples`` are run; any fault is one :class:`~cskit.errors.ConfigError` with file:line.
The format is described in :mod:`cskit.wording.packs`.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from cskit.config.model import SEVERITIES
from cskit.errors import ConfigError
from cskit.text.idnumbers import VALIDATORS
from cskit.text.regexcheck import catastrophic, why_zh
from cskit.wording.matching import KINDS, SCANS, SCOPES, Scope
from cskit.wording.packitem import Pack, PackItem
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


class PackParser:
    """One pack file's text, parsed; :meth:`load` checks it and builds the pack."""

    def __init__(self, path: str, text: str, builtin: bool, rules: tuple[str, ...]) -> None:
        self.path = path
        self.builtin = builtin
        self.rules = rules  # the codes of the rules packs feed (the registry's pack rules)
        try:
            self.doc = parse(text)
        except YamlError as exc:
            from cskit.yamlread import explain_zh

            raise ConfigError(
                f"词包无法解析：{explain_zh(exc.message)}",
                where=f"{path}:{exc.line}",
                en=f"word pack does not parse: {exc.message}",
            ) from None

    def where(self, *key: str | int) -> str:
        while key:
            mark = self.doc.marks.get(tuple(key))
            if mark:
                return f"{self.path}:{mark[0]}"
            key = key[:-1]
        return f"{self.path}:1"

    def not_one_of(
        self, key: tuple[str | int, ...], name: str, value: object, allowed: tuple[str, ...]
    ) -> ConfigError:
        """The error for a ``name`` value outside ``allowed`` (scan, scope, skip…)."""
        listed = ", ".join(allowed)
        return self.fail(
            key, f"{name} {value!r} 不是 {listed} 之一", f"{name} {value!r} is not one of {listed}"
        )

    def fail(
        self,
        key: tuple[str | int, ...],
        zh: str,
        en: str,
        hint: tuple[str, str] | None = None,
    ) -> ConfigError:
        """The error at ``key``: the message and the ``hint`` as (zh, en)."""
        return ConfigError(
            f"词包：{zh}",
            where=self.where(*key),
            hint=hint[0] if hint else None,
            en=f"word pack: {en}",
            hint_en=hint[1] if hint else None,
        )

    def strings(
        self, value: Any, key: tuple[str | int, ...], *, required: bool = False
    ) -> list[str]:
        if value is None and not required:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"{key[-1]} 应为文字列表", f"{key[-1]} must be a list of strings")
        if required and not value:
            raise self.fail(key, f"{key[-1]} 不能为空", f"{key[-1]} must not be empty")
        return value

    def regexes(
        self, value: Any, key: tuple[str | int, ...], *, required: bool = False
    ) -> tuple[re.Pattern[str], ...]:
        out = []
        for i, source in enumerate(self.strings(value, key, required=required)):
            try:
                # (case only matters to a pattern with letters in it, and compiling a
                # Han range case-insensitively is slow: built-in packs skip the flag then)
                flags = re.I if not self.builtin or _cased(source) else 0
                out.append(re.compile(source, flags))
            except re.error as exc:
                raise self.fail(
                    (*key, i), f"正则表达式 {source!r} 有误：{exc}", f"bad regex {source!r}: {exc}"
                ) from None
            # (built-in packs are checked by cskit's tests, not on every run)
            why = None if self.builtin else catastrophic(source)
            if why:  # would hang every lint
                raise self.fail(
                    (*key, i),
                    f"正则表达式 {source!r} 的匹配时间可能呈指数增长（{why_zh(why)}）",
                    f"regex {source!r} can take exponential time ({why})",
                )
        return tuple(out)

    def text(self, item: dict[str, Any], name: str, key: tuple[str | int, ...]) -> str:
        value = item.get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(
                (*key, name), f"词条需要非空的 {name}", f"item needs a non-empty {name}"
            )
        return value.strip()

    def load(self) -> Pack:
        data = self.doc.data
        if not isinstance(data, dict):
            raise self.fail(
                (),
                "词包应为含 pack、rule 和 items 的映射",
                "a pack is a mapping with pack, rule and items",
            )
        for k in data:
            if k not in _PACK_KEYS:
                listed = ", ".join(_PACK_KEYS)
                raise self.fail(
                    (k,),
                    f"未知的键 {k!r}",
                    f"unknown key {k!r}",
                    (f"可用：{listed}", f"allowed: {listed}"),
                )
        name = data.get("pack")
        if not isinstance(name, str) or not name:
            raise self.fail(
                ("pack",), "词包需要名称（pack: my-words）", "pack needs a name (pack: my-words)"
            )
        rule = data.get("rule")
        if rule not in self.rules:
            listed = ", ".join(self.rules)
            raise self.fail(
                ("rule",),
                f"规则 {rule!r} 不使用词包",
                f"rule {rule!r} is not fed by packs",
                (f"可选：{listed}", f"one of {listed}"),
            )
        items = data.get("items")
        if not isinstance(items, list) or not items:
            raise self.fail(("items",), "items 应为非空列表", "items must be a non-empty list")
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
            raise self.fail(
                key,
                "词条应为映射（id、patterns、messages、examples）",
                "an item is a mapping (id, patterns, messages, examples)",
            )
        for k in raw:
            if k not in _ITEM_KEYS:
                listed = ", ".join(_ITEM_KEYS)
                raise self.fail(
                    (*key, k),
                    f"未知的词条键 {k!r}",
                    f"unknown item key {k!r}",
                    (f"可用：{listed}", f"allowed: {listed}"),
                )
        item_id = raw.get("id")
        if not isinstance(item_id, str) or not item_id or item_id in seen:
            raise self.fail(
                (*key, "id"),
                f"词条 id {item_id!r} 缺失或重复",
                f"item id {item_id!r} missing or repeated",
            )
        seen.add(item_id)
        severity = raw.get("severity")
        if severity is not None and severity not in SEVERITIES:
            raise self.fail(
                (*key, "severity"),
                f"severity {severity!r} 不是 error、warning 或 info",
                f"severity {severity!r} is not error, warning or info",
            )
        validate = raw.get("validate")
        if validate is not None and validate not in VALIDATORS:
            listed = ", ".join(VALIDATORS)
            raise self.fail(
                (*key, "validate"),
                f"没有名为 {validate!r} 的校验",
                f"no check named {validate!r}",
                (listed, listed),
            )
        examples = raw.get("examples")
        if not isinstance(examples, dict) or set(examples) - {"match", "no_match"}:
            shape = "examples: {match: [...], no_match: [...]}"
            raise self.fail((*key, "examples"), f"应写成 {shape}", f"write {shape}")
        item_rule = raw.get("rule", rule)
        if item_rule not in self.rules:
            raise self.fail(
                (*key, "rule"),
                f"规则 {item_rule!r} 不使用词包",
                f"rule {item_rule!r} is not fed by packs",
            )
        scan = raw.get("scan", "words")
        if scan not in SCANS:
            raise self.not_one_of((*key, "scan"), "scan", scan, SCANS)
        quote = raw.get("quote", "words")
        if quote not in ("words", "clause"):
            raise self.fail(
                (*key, "quote"), "quote 只能是 words 或 clause", "quote is words or clause"
            )
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
                raise self.not_one_of((*key, i), "skip", kind, KINDS)
        return frozenset(found)

    def searches(self, raw: Any, key: tuple[str | int, ...]) -> tuple[Scope, ...]:
        if raw is None:
            return ()
        if isinstance(raw, dict):
            return (self.search(raw, key),)
        if isinstance(raw, list) and raw and all(isinstance(r, dict) for r in raw):
            return tuple(self.search(r, (*key, i)) for i, r in enumerate(raw))
        raise self.fail(
            key,
            f"{key[-1]} 应为一个搜索 {{patterns, scope, …}} 或其列表",
            f"{key[-1]}: a search {{patterns, scope, …}} or a list of them",
        )

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
                key,
                f"{key[-1]} 应写成 {{patterns: [...], scope, before, after, ignore, skip}}",
                f"{key[-1]}: {{patterns: [...], scope, before, after, ignore, skip}}",
            )
        scope = raw.get("scope", "window")
        if scope not in SCOPES:
            raise self.not_one_of((*key, "scope"), "scope", scope, SCOPES)
        if scope not in ("window", "clause") and ("before" in raw or "after" in raw):
            raise self.fail(
                key,
                "before/after 只用于 scope: window 或 clause",
                "before/after belong to scope: window or clause",
            )

        def window(name: str, default: int | None) -> int | None:
            value = raw.get(name, default if default is not None else "all")
            if value == "all":
                return None
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise self.fail(
                    (*key, name),
                    f"{name} 应为字符数或 all",
                    f"{name} must be a number of characters or all",
                )
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
                    f"词条 {item.id}：例句 {text!r} 应当命中，但没有命中",
                    f"item {item.id}: example {text!r} should match but does not",
                )
        for i, text in enumerate(item.no_match):
            if item.matches(text):
                raise self.fail(
                    (*key, "examples", "no_match", i),
                    f"词条 {item.id}：例句 {text!r} 不应命中，但命中了",
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


_ESCAPED = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2})")


def _cased(source: str) -> bool:
    """Does regex ``source`` hold a character that has case (escapes such as ``\\u0041``
    read as the character, ``\\d``/``\\s`` as none)?"""
    text = _ESCAPED.sub(lambda m: chr(int(m.group(1)[1:], 16)), source)
    text = re.sub(r"\\.", "", text)
    return any(c.lower() != c.upper() for c in text)
