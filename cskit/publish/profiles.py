"""Loading and checking publishing profiles: the shipped ones (YAML in this package) and the
``platforms:`` section of cskit.yaml, which overrides a shipped profile key by key or adds a
new one (``base: NAME`` starts from another profile).

Merging: the mappings ``select``, ``group``, ``code`` and ``placeholders`` are merged key by
key; every other key, ``columns`` included, replaces the base's value. Every mistake is one
:class:`~cskit.errors.ConfigError` in Chinese and English at the line that says it
(``cskit.yaml:41``, or the shipped file's line).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cskit.config.model import Config
from cskit.errors import ConfigError, UsageError
from cskit.publish.profile import Profile
from cskit.publish.profilecheck import Checker
from cskit.text.suggest import suggest
from cskit.yamlread import Path as KeyPath
from cskit.yamlread import parse

SHIPPED = Path(__file__).resolve().parent / "profiles"
MERGED = ("select", "group", "code", "placeholders")


@dataclass
class _Layer:
    """One source of settings for a profile: its data and where each key was written."""

    data: dict[str, Any]
    where: Callable[[KeyPath], str]
    origin: str


@cache
def _shipped_layer(name: str) -> _Layer:
    path = SHIPPED / f"{name}.yaml"
    doc = parse(path.read_bytes())
    marks = doc.marks
    shown = f"cskit/publish/profiles/{path.name}"

    def where(kp: KeyPath) -> str:
        while kp:
            if kp in marks:
                return f"{shown}:{marks[kp][0]}"
            kp = kp[:-1]
        return shown

    return _Layer(dict(doc.data or {}), where, "shipped")


def _has(node: Any, part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def shipped_names() -> list[str]:
    return sorted(p.stem for p in SHIPPED.glob("*.yaml"))


def profile_names(config: Config) -> list[str]:
    return sorted({*shipped_names(), *config.platforms})


def load_profile(config: Config, name: str) -> Profile:
    """The profile ``name`` as cskit.yaml makes it, checked; UsageError if there is none."""
    names = profile_names(config)
    if name not in names:
        close = suggest(name, names)
        raise UsageError(
            f"没有名为 {name!r} 的发布配置",
            hint=(f"是不是 {close}？" if close else "") + "可用：" + "、".join(names),
            en=f"no publishing profile named {name!r}",
            hint_en=(f"did you mean {close}? " if close else "") + "available: " + ", ".join(names),
        )
    layers = _layers(config, name, ())
    merged: dict[str, Any] = {}
    owner: dict[str, _Layer] = {}  # top-level key → the layer that last set it
    for layer in layers:
        for key, value in layer.data.items():
            if key in MERGED and isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
            owner[key] = layer
    origins = {layer.origin for layer in layers}
    origin = "shipped + cskit.yaml" if len(origins) > 1 else layers[-1].origin

    def where(kp: KeyPath) -> str:
        # the last layer that wrote this path says where it is
        for layer in reversed(layers):
            node: Any = layer.data
            for part in kp:
                if not _has(node, part):
                    break
                node = node[part]
            else:
                return layer.where(kp)
        top = owner.get(str(kp[0])) if kp else None
        return (top or layers[-1]).where(kp[:1])

    return Checker(config, name, merged, where, origin).profile()


def _layers(config: Config, name: str, seen: tuple[str, ...]) -> list[_Layer]:
    """The settings that make ``name``, base first."""
    if name in seen:
        chain = " → ".join((*seen, name))
        raise ConfigError(
            f"发布配置的 base 循环引用：{chain}",
            where=config.where("platforms", name, "base"),
            en=f"profiles name each other as base in a cycle: {chain}",
        )
    own: list[_Layer] = []
    if name in shipped_names():
        own.append(_shipped_layer(name))
    if name in config.platforms:
        spec = config.platforms[name]
        own.append(_Layer(spec, lambda kp: config.where("platforms", name, *kp), "cskit.yaml"))
    base = next((layer.data["base"] for layer in reversed(own) if "base" in layer.data), None)
    if base is None:
        return own
    at = next(layer for layer in reversed(own) if "base" in layer.data)
    if not isinstance(base, str) or base not in profile_names(config):
        names = profile_names(config)
        close = suggest(str(base), names) if isinstance(base, str) else None
        raise ConfigError(
            f"base：没有名为 {base!r} 的发布配置",
            where=at.where(("base",)),
            hint=f"是不是 {close}？" if close else "可用：" + "、".join(names),
            en=f"base: no profile named {base!r}",
            hint_en=f"did you mean {close}?" if close else "available: " + ", ".join(names),
        )
    if base == name:  # a cskit.yaml override of a shipped profile names itself: no chain
        return own
    return [*_layers(config, base, (*seen, name)), *own]
