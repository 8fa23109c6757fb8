"""Loading the lexicon: the shipped file, a team's own ``--lexicon`` files, and their checks.

:func:`load_lexicon` reads ``cskit/intent/data/lexicon.yaml`` and then each extra file in
order, merging them into one :class:`~cskit.intent.lexicon.Lexicon`. A file that cannot be
read, is not YAML, or breaks the format is a ConfigError naming the file and the key.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from cskit.errors import ConfigError
from cskit.intent.lexicon import ASKS, WANTS, Intent, Lexicon, Rule
from cskit.yamlread import YamlError, parse

SHIPPED = "data/lexicon.yaml"


def extend(lex: Lexicon, data: Mapping[str, Any], where: str) -> None:
    """Merge one lexicon file's content (already parsed) into ``lex``."""
    _Reader(lex, where).read(data)
    lex.forget_compiled()


class _Reader:
    """Validates one lexicon file; every problem is a ConfigError naming file and key."""

    def __init__(self, lex: Lexicon, where: str) -> None:
        self.lex = lex
        self.where = where

    def fail(self, key: str, zh: str, en: str) -> ConfigError:
        return ConfigError(
            f"词库 {key}：{zh}",
            self.where,
            "格式见 cskit/intent/data/lexicon.yaml 开头的说明",
            en=f"lexicon {key}: {en}",
            hint_en="the format is described at the top of cskit/intent/data/lexicon.yaml",
        )

    def words(self, value: Any, key: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            raise self.fail(key, "应为字符串列表", "must be a list of strings")
        return [str(v) for v in value]

    def read(self, data: Mapping[str, Any]) -> None:
        if not isinstance(data, Mapping):
            raise self.fail("(文件)", "应为映射（concepts / intents / …）", "must be a mapping")
        known = {"version", "concepts", "intents", "chitchat", "signals", "synonyms"}
        for key in data:
            if key not in known:
                raise self.fail(str(key), "未知的键", f"unknown key (known: {sorted(known)})")
        concepts = data.get("concepts") or {}
        if not isinstance(concepts, Mapping):
            raise self.fail("concepts", "应为 名称: [词, …] 的映射", "must map names to word lists")
        for name, words in concepts.items():
            self.lex.concepts.setdefault(str(name), []).extend(
                self.words(words, f"concepts.{name}")
            )
        chitchat = data.get("chitchat") or {}
        self.lex.chitchat.extend(self.words(chitchat.get("phrases", []), "chitchat.phrases"))
        self.lex.fillers.extend(self.words(chitchat.get("fillers", []), "chitchat.fillers"))
        self.lex.acks.extend(self.words(chitchat.get("acks", []), "chitchat.acks"))
        self.lex.thanks.extend(self.words(chitchat.get("thanks", []), "chitchat.thanks"))
        signals = data.get("signals") or {}
        self.lex.question.extend(self.words(signals.get("question", []), "signals.question"))
        self.lex.request.extend(self.words(signals.get("request", []), "signals.request"))
        self.lex.final.extend(self.words(signals.get("final", []), "signals.final"))
        self.synonyms(data.get("synonyms") or {})
        intents = data.get("intents") or {}
        if not isinstance(intents, Mapping):
            raise self.fail("intents", "应为 名称: {…} 的映射", "must map names to intents")
        for name, raw in intents.items():
            self.intent(str(name), raw)

    def synonyms(self, raw: Any) -> None:
        if not isinstance(raw, Mapping):
            raise self.fail("synonyms", "应为映射（groups / neutral）", "must be a mapping")
        groups = raw.get("groups") or []
        if not isinstance(groups, list):
            raise self.fail("synonyms.groups", "应为同义词组的列表", "must be a list of groups")
        for i, group in enumerate(groups):
            words = self.words(group, f"synonyms.groups[{i}]")
            if len(words) < 2:
                raise self.fail(
                    f"synonyms.groups[{i}]", "至少需要两个词", "needs two words or more"
                )
            self.lex.synonyms.append(words)
        self.lex.neutral.extend(self.words(raw.get("neutral", []), "synonyms.neutral"))

    def intent(self, name: str, raw: Any) -> None:
        key = f"intents.{name}"
        if not isinstance(raw, Mapping):
            raise self.fail(key, "应为映射", "must be a mapping")
        phrases = self.words(raw.get("phrases", []), f"{key}.phrases")
        rules = []
        for i, text in enumerate(self.words(raw.get("when", []), f"{key}.when")):
            needs: set[str] = set()
            forbids: set[str] = set()
            for part in (p.strip() for p in text.split("+")):
                target = forbids if part.startswith("!") else needs
                concept = part.lstrip("!").strip()
                if concept not in self.lex.concepts and concept not in (ASKS, WANTS):
                    raise self.fail(
                        f"{key}.when[{i}]",
                        f"未定义的概念 {concept!r}",
                        f"unknown concept {concept!r}",
                    )
                target.add(concept)
            if not needs:
                raise self.fail(f"{key}.when[{i}]", "至少需要一个概念", "needs a concept")
            rules.append(Rule(frozenset(needs), frozenset(forbids)))
        if not phrases and not rules:
            raise self.fail(key, "需要 phrases 或 when", "needs phrases or when")
        unless = self.words(raw.get("unless", []), f"{key}.unless")
        examples = raw.get("examples") or {}
        self.lex.intents[name] = Intent(
            name=name,
            category=str(raw.get("category", "")),
            label=str(raw.get("label", name)),
            rules=tuple(rules),
            phrases=tuple(phrases),
            unless=frozenset(unless),
            fallback=raw.get("fallback") is True,
            statement=raw.get("statement") is True,
            match=tuple(self.words(examples.get("match", []), f"{key}.examples.match")),
            no_match=tuple(self.words(examples.get("no_match", []), f"{key}.examples.no_match")),
        )


def _read_file(text: str, where: str) -> Any:
    try:
        return parse(text).data
    except YamlError as exc:
        raise ConfigError(
            f"词库不是有效的 YAML：{exc.message}",
            f"{where}:{exc.line}",
            "修正 YAML",
            en=f"lexicon is not valid YAML: {exc.message}",
            hint_en="fix the YAML",
        ) from None


@functools.lru_cache(maxsize=8)
def load_lexicon(extra: tuple[Path, ...] = ()) -> Lexicon:
    """The shipped lexicon, extended by ``extra`` files in order."""
    lex = Lexicon()
    ref = resources.files("cskit.intent") / SHIPPED
    extend(lex, _read_file(ref.read_text(encoding="utf-8"), "cskit/intent/" + SHIPPED), SHIPPED)
    for path in extra:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or "不是 UTF-8 文本"
            raise ConfigError(
                f"无法读取词库：{reason}",
                str(path),
                "检查 --lexicon 的路径",
                en=f"cannot read the lexicon: {reason}",
                hint_en="check the --lexicon path",
            ) from None
        extend(lex, _read_file(text, str(path)) or {}, str(path))
    return lex
