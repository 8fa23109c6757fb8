"""Which rules a run uses: ``--select``/``--ignore`` and ``lint.select``/``lint.ignore``
(codes, prefixes, names, families, ``ALL``), with each rule's options and severity from
``lint.rules``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from cskit.config.model import SEVERITIES, Config
from cskit.errors import ConfigError, UsageError
from cskit.rules.base import Rule
from cskit.rules.registry import RULES


def rule_matches(rule: type[Rule], token: str) -> bool:
    """Selection like ruff plus names: ``ALL``, a code, a prefix (``S0``), a name, a family."""
    token = token.strip()
    if token.upper() == "ALL":
        return True
    if token == rule.name or token.lower() == rule.family():
        return True
    return bool(token) and rule.code.startswith(token.upper()) and token[0].isalpha()


def select_rules(
    config: Config,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
) -> list[Rule]:
    """Instantiate the rules chosen by config and command line (CLI ``select`` replaces the
    config's; CLI ``ignore`` adds to it). Unknown selectors and options are errors."""
    settings = config.lint
    chosen_select = list(select) if select else settings.select
    _check_selectors(chosen_select, config, None if select else ("lint", "select"))
    _check_selectors(ignore, config, None)
    _check_selectors(settings.ignore, config, ("lint", "ignore"))
    all_ignore = [*settings.ignore, *ignore]
    overrides = _rule_settings(config)
    rules: list[Rule] = []
    for cls in RULES:
        if not any(rule_matches(cls, t) for t in chosen_select):
            continue
        if any(rule_matches(cls, t) for t in all_ignore):
            continue
        options, severity = overrides.get(cls.code, ({}, None))
        rules.append(cls(options, severity))
    return rules


def _check_selectors(tokens: Iterable[str], config: Config, key: tuple[str, ...] | None) -> None:
    for i, token in enumerate(tokens):
        if not any(rule_matches(cls, token) for cls in RULES):
            texts = {
                "en": f"{token!r} selects no rule",
                "hint_en": "use a code (D003), a prefix (S0), a name (shared-question) or a family",
            }
            zh = f"{token!r} 没有选中任何规则"
            hint = "请用规则代码（D003）、前缀（S0）、名称（shared-question）或规则族（wording）"
            if key is None:
                raise UsageError(zh, hint=hint, **texts)
            raise ConfigError(zh, where=config.where(*key, i), hint=hint, **texts)


def _rule_settings(config: Config) -> dict[str, tuple[dict[str, Any], str | None]]:
    out: dict[str, tuple[dict[str, Any], str | None]] = {}
    for token, raw in config.lint.rules.items():
        matches = [cls for cls in RULES if cls.code == token.upper() or cls.name == token]
        if not matches:
            raise ConfigError(
                f"lint.rules.{token}：没有这个代码或名称的规则",
                where=config.where("lint", "rules", token),
                hint="`cskit rule` 列出全部规则",
                en=f"lint.rules.{token}: no rule has this code or name",
                hint_en="see `cskit rule` for the list",
            )
        cls = matches[0]
        options = dict(raw)
        severity = options.pop("severity", None)
        if severity is not None and severity not in SEVERITIES:
            raise ConfigError(
                f"lint.rules.{token}.severity：{severity!r} 不是 error、warning 或 info",
                where=config.where("lint", "rules", token, "severity"),
                en=f"lint.rules.{token}.severity: {severity!r} is not error, warning or info",
            )
        for name, value in options.items():
            if name not in cls.options:
                allowed = ", ".join(cls.options)
                raise ConfigError(
                    f"lint.rules.{token}：{cls.code} 没有选项 {name!r}",
                    where=config.where("lint", "rules", token, name),
                    hint=f"可用选项：{allowed or '无'}；以及 severity",
                    en=f"lint.rules.{token}: {cls.code} has no option {name!r}",
                    hint_en=f"options: {allowed or 'none'}; severity",
                )
            default = cls.options[name]
            if default is not None and not _same_type(default, value):
                wanted = type(default).__name__
                raise ConfigError(
                    f"lint.rules.{token}.{name}：应为 {wanted}，实际是 {value!r}",
                    where=config.where("lint", "rules", token, name),
                    en=f"lint.rules.{token}.{name}: expected {wanted}, got {value!r}",
                )
        out[cls.code] = (options, severity)
    return out


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))
