"""The checks every section of cskit.yaml is built from, and the error they raise.

A wrong value is one :class:`~cskit.errors.ConfigError` naming ``cskit.yaml:LINE`` and the
dotted key, in Chinese and English, with a hint of what to write instead (for an unknown
name, the closest allowed one).
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from cskit.config.model import Config
from cskit.errors import ConfigError
from cskit.yamlread import Path as KeyPath

# a plain key: category and fact keys
KEY_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Checker:
    """Reads one part of the raw ``data`` into ``cfg``; the section checks subclass it."""

    def __init__(self, cfg: Config, data: Any) -> None:
        self.cfg = cfg
        self.data = data

    def fail(
        self,
        key: KeyPath,
        zh: str,
        en: str,
        hint: tuple[str, str] | None = None,
    ) -> ConfigError:
        """The error for ``key``: ``zh``/``en`` message, ``hint`` as (zh, en)."""
        label = ".".join(str(k) for k in key)
        return ConfigError(
            f"{label}：{zh}" if label else zh,
            where=self.cfg.where(*key),
            hint=hint[0] if hint else None,
            en=f"{label}: {en}" if label else en,
            hint_en=hint[1] if hint else None,
        )

    def mapping(self, value: Any, key: KeyPath) -> dict[Any, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            zh, en = kind_of(value)
            raise self.fail(key, f"应为映射（键: 值），而不是{zh}", f"must be a mapping, not {en}")
        return value

    def str_list(self, value: Any, key: KeyPath) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(
                key,
                "应为文字列表",
                "must be a list of strings",
                ("写成 [a, b]", "write it as [a, b]"),
            )
        return list(value)

    def positive_int(self, value: Any, key: KeyPath) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise self.fail(
                key,
                f"应为正整数，而不是 {value!r}",
                f"must be a positive whole number, not {value!r}",
            )
        return value

    def choice(self, value: Any, key: KeyPath, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            listed = ", ".join(allowed)
            raise self.fail(
                key, f"{value!r} 不是可选值之一：{listed}", f"{value!r} is not one of {listed}"
            )
        return str(value)

    def fail_both(
        self, key: KeyPath, zh: str, en: str, hint_zh: str = "", hint_en: str = ""
    ) -> ConfigError:
        """Like :meth:`fail`, the hint given as two texts (either may be empty)."""
        label = ".".join(str(k) for k in key)
        return ConfigError(
            f"{label}：{zh}" if label else zh,
            where=self.cfg.where(*key),
            hint=hint_zh or None,
            en=f"{label}: {en}" if label else en,
            hint_en=hint_en or None,
        )


def kind_of(value: Any) -> tuple[str, str]:
    """What a value is, (zh, en), for "must be a mapping, not …"."""
    names: dict[type, tuple[str, str]] = {
        list: ("列表", "a list"),
        dict: ("映射", "a mapping"),
        str: ("文字", "text"),
    }
    return names.get(type(value), (f" {value!r}", repr(value)))


def did_you_mean(word: object, choices: tuple[str, ...] | list[str]) -> tuple[str, str]:
    """The hint for an unknown name, (zh, en): the closest allowed one, or all of them."""
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    if close:
        return f"是不是想写 {close[0]!r}？", f"did you mean {close[0]!r}?"
    listed = ", ".join(choices)
    return f"可用：{listed}", f"allowed: {listed}"
