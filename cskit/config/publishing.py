"""The ``platforms`` and ``publish`` sections of cskit.yaml, checked for shape only.

A platform profile's own settings are checked by :mod:`cskit.publish` when it is used; here a
profile needs a valid name and a mapping, and every leaf of ``publish.context`` must name a
variable declared under ``variables``.
"""

from __future__ import annotations

import re
from typing import Any

from cskit.config.checks import Checker
from cskit.yamlread import Path as KeyPath

_PROFILE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


class PublishChecks(Checker):
    """Fills ``cfg.platforms`` and ``cfg.publish_context``."""

    def platforms(self) -> None:
        value = self.data.get("platforms")
        if value is not None and not isinstance(value, dict):
            raise self.fail_both(
                ("platforms",), "应为映射（配置名: 设置）", "must be a mapping of profile: settings"
            )
        for name, spec in (value or {}).items():
            at: KeyPath = ("platforms", name)
            if not isinstance(name, str) or not _PROFILE_NAME.match(name):
                raise self.fail_both(
                    at,
                    "发布配置名只能用小写字母、数字、- 和 _，如 jd-phrases",
                    "profile names are lower-case letters, digits, - and _, like jd-phrases",
                )
            if not isinstance(spec, dict):
                raise self.fail_both(
                    at,
                    "应为映射（columns、code、group 等设置）",
                    "must be a mapping of settings (columns, code, group…)",
                    "写法见 docs/publishing.md",
                    "see docs/publishing.md",
                )
            self.cfg.platforms[name] = spec

    def publish(self) -> None:
        value = self.data.get("publish")
        if value is None:
            return
        if not isinstance(value, dict):
            raise self.fail_both(("publish",), "应为映射", "must be a mapping")
        for key in value:
            if key != "context":
                raise self.fail_both(
                    ("publish", key),
                    "未知的发布设置",
                    "unknown publish setting",
                    "可用：context",
                    "allowed: context",
                )
        context = value.get("context")
        if context is None:
            return
        if not isinstance(context, dict):
            raise self.fail_both(
                ("publish", "context"),
                "应为映射，如 shop: {name: 示例旗舰店}",
                "must be a mapping, like shop: {name: My Shop}",
            )
        self._context(context, ("publish", "context"), "")
        self.cfg.publish_context = context

    def _context(self, value: dict[Any, Any], at: KeyPath, prefix: str) -> None:
        """Every leaf of ``publish.context`` names a registered variable (nested or dotted)."""
        names = self.cfg.variables
        for key, child in value.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            here: KeyPath = (*at, key)
            if name in names:
                continue
            if isinstance(child, dict) and any(v.startswith(name + ".") for v in names):
                self._context(child, here, name)
                continue
            from cskit.text.suggest import suggest

            close = suggest(name, list(names))
            raise self.fail_both(
                here,
                f"{name} 不是 variables 里登记的变量",
                f"{name} is not a variable declared under variables",
                f"是不是 {close}？" if close else "先在 variables 里登记它",
                f"did you mean {close}?" if close else "declare it under variables first",
            )
