"""Validating cskit.yaml: one :class:`ConfigError` naming ``cskit.yaml:LINE`` and what to
write instead. :func:`cskit.config.model.load_config` calls :class:`Validator` once per load."""

from __future__ import annotations

import difflib
import re
from typing import Any

from cskit.config.model import (
    DEFAULT_REQUIRED,
    DEFAULT_REVIEW_EVERY,
    FAIL_ON,
    KINDS,
    LANGUAGES,
    VAR_TYPES,
    Channel,
    Config,
    Fact,
    Variable,
)
from cskit.dates import as_date, parse_duration
from cskit.errors import ConfigError
from cskit.text.regexcheck import catastrophic
from cskit.yamlread import Path as KeyPath

_VAR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_KEY_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Validator:
    def __init__(self, cfg: Config, data: Any) -> None:
        self.cfg = cfg
        self.data = data

    def fail(self, key: KeyPath, message: str, hint: str | None = None) -> ConfigError:
        label = ".".join(str(k) for k in key)
        return ConfigError(
            f"{label}: {message}" if label else message, where=self.cfg.where(*key), hint=hint
        )

    def mapping(self, value: Any, key: KeyPath) -> dict[Any, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(key, f"must be a mapping, not {_kind(value)}")
        return value

    def str_list(self, value: Any, key: KeyPath) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "must be a list of strings", hint="write it as [a, b]")
        return list(value)

    def positive_int(self, value: Any, key: KeyPath) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise self.fail(key, f"must be a positive whole number, not {value!r}")
        return value

    def run(self) -> None:
        data, cfg = self.data, self.cfg
        if not isinstance(data, dict):
            raise self.fail((), f"the file must be a mapping, not {_kind(data)}")
        for key in data:
            if key not in _TOP_LEVEL:
                raise self.fail((key,), "unknown setting", hint=_did_you_mean(key, _TOP_LEVEL))
        version = data.get("version", 1)
        if version != 1:
            raise self.fail(("version",), f"unsupported version {version!r}", hint="write 1")
        language = data.get("language", "zh-Hans")
        aliases = {"zh": "zh-Hans", "zh-CN": "zh-Hans", "zh-cn": "zh-Hans", "zh-hans": "zh-Hans"}
        language = aliases.get(language, language) if isinstance(language, str) else language
        cfg.language = self.choice(language, ("language",), LANGUAGES)
        if "templates" in data:
            if not isinstance(data["templates"], str):
                raise self.fail(("templates",), "must be a folder path")
            cfg.templates_dir = cfg.root / data["templates"]
        elif (cfg.root / "templates").is_dir():
            cfg.templates_dir = cfg.root / "templates"
        elif (cfg.root.parent / "templates").is_dir():
            cfg.templates_dir = cfg.root.parent / "templates"
        cats = self.mapping(data.get("categories"), ("categories",))
        for k, v in cats.items():
            if not isinstance(k, str) or not _KEY_NAME.match(k):
                raise self.fail(("categories", k), "category keys are ascii names like after_sales")
            cfg.categories[k] = str(v) if v is not None else k
        if "owners" in data:
            cfg.owners = self.str_list(data["owners"], ("owners",))
        self.review_every()
        cfg.required = self.str_list(data.get("required", list(DEFAULT_REQUIRED)), ("required",))
        cfg.extra_fields = self.str_list(data.get("extra_fields"), ("extra_fields",))
        from cskit.config.schema import FIELDS  # late: schema imports this module

        for i, name in enumerate(cfg.required):
            if name not in FIELDS and name not in cfg.extra_fields:
                raise self.fail(("required", i), f"{name!r} is not an entry field")
        self.channels()
        self.variables()
        self.facts()
        samples = self.mapping(data.get("samples"), ("samples",))
        for name, ctx in samples.items():
            cfg.samples[str(name)] = self.mapping(ctx, ("samples", name))
        self.lint()
        files = self.mapping(data.get("import_files"), ("import_files",))
        cfg.import_files = {str(k): str(v) for k, v in files.items()}
        self.platforms()
        self.publish()

    def choice(self, value: Any, key: KeyPath, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            raise self.fail(key, f"{value!r} is not one of {', '.join(allowed)}")
        return str(value)

    def review_every(self) -> None:
        given = self.mapping(self.data.get("review_every"), ("review_every",))
        merged = {**DEFAULT_REVIEW_EVERY, **given}
        for kind, text in merged.items():
            if kind not in KINDS:
                raise self.fail(
                    ("review_every", kind), "unknown kind", hint=_did_you_mean(kind, KINDS)
                )
            duration = parse_duration(text)
            if duration is None:
                raise self.fail(
                    ("review_every", kind),
                    f"{text!r} is not a duration",
                    hint="write 30d, 6w, 3m or 1y",
                )
            self.cfg.review_every[kind] = duration

    def channels(self) -> None:
        channels = self.mapping(self.data.get("channels"), ("channels",))
        allowed = ("max_chars", "signature", "segment_chars", "multipart_chars", "max_segments")
        for name, spec in channels.items():
            spec = self.mapping(spec, ("channels", name))
            kwargs: dict[str, Any] = {}
            for key, value in spec.items():
                at = ("channels", name, key)
                if key not in allowed:
                    raise self.fail(at, "unknown channel setting", hint=_did_you_mean(key, allowed))
                if key == "signature":
                    if not isinstance(value, str):
                        raise self.fail(at, "must be text")
                    kwargs[key] = value
                else:
                    kwargs[key] = self.positive_int(value, at)
            self.cfg.channels[str(name)] = Channel(name=str(name), **kwargs)

    def variables(self) -> None:
        variables = self.mapping(self.data.get("variables"), ("variables",))
        allowed = ("type", "optional", "pii", "enum", "label", "example")
        for name, spec in variables.items():
            at: KeyPath = ("variables", name)
            if not isinstance(name, str) or not _VAR_NAME.match(name):
                raise self.fail(at, "variable names are dotted names like order.id")
            if name.split(".")[0] in ("facts", "reply"):
                raise self.fail(at, f"{name.split('.')[0]!r} is reserved")
            spec = self.mapping(spec, at)
            for key in spec:
                if key not in allowed:
                    raise self.fail(
                        (*at, key), "unknown variable setting", hint=_did_you_mean(key, allowed)
                    )
            vtype = self.choice(spec.get("type", "str"), (*at, "type"), VAR_TYPES)
            for flag in ("optional", "pii"):
                if not isinstance(spec.get(flag, False), bool):
                    raise self.fail((*at, flag), "must be true or false")
            enum = spec.get("enum")
            if enum is not None and (not isinstance(enum, list) or not enum):
                raise self.fail((*at, "enum"), "must be a non-empty list of allowed values")
            self.cfg.variables[name] = Variable(
                name=name,
                type=vtype,
                optional=bool(spec.get("optional", False)),
                pii=bool(spec.get("pii", False)),
                enum=tuple(enum) if enum else None,
                label=str(spec.get("label") or ""),
                example=spec.get("example"),
            )
        names = set(self.cfg.variables)
        for name in names:  # order.id and order.id.x cannot both be leaves
            parts = name.split(".")
            for i in range(1, len(parts)):
                if ".".join(parts[:i]) in names:
                    raise self.fail(
                        ("variables", name), f"{'.'.join(parts[:i])!r} is already a variable"
                    )

    def facts(self) -> None:
        facts = self.mapping(self.data.get("facts"), ("facts",))
        allowed = ("value", "changed", "label", "mentions")
        for key, spec in facts.items():
            at: KeyPath = ("facts", key)
            if not isinstance(key, str) or not _KEY_NAME.match(key):
                raise self.fail(at, "fact keys are names like return_days")
            if not isinstance(spec, dict):  # shorthand: return_days: 7
                spec = {"value": spec}
            for k in spec:
                if k not in allowed:
                    raise self.fail(
                        (*at, k), "unknown fact setting", hint=_did_you_mean(k, allowed)
                    )
            if "value" not in spec:
                raise self.fail(at, "a fact needs a value")
            changed = None
            if spec.get("changed") is not None:
                changed = as_date(spec["changed"])
                if changed is None:
                    raise self.fail((*at, "changed"), "must be a date", hint="write YYYY-MM-DD")
            mentions = self.str_list(spec.get("mentions"), (*at, "mentions"))
            for i, pattern in enumerate(mentions):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise self.fail(
                        (*at, "mentions", i), f"bad regular expression: {exc}"
                    ) from None
                why = catastrophic(pattern)
                if why:  # (a+)+$ would hang every lint: refused before any matching
                    raise self.fail(
                        (*at, "mentions", i),
                        f"{pattern!r} can take exponential time to match ({why})",
                        hint=r"write each repetition once, e.g. (\d+) instead of (\d+)+",
                    )
            self.cfg.facts[key] = Fact(
                key=key,
                value=spec["value"],
                changed=changed,
                label=str(spec.get("label") or ""),
                mentions=tuple(mentions),
            )

    def lint(self) -> None:
        lint = self.mapping(self.data.get("lint"), ("lint",))
        allowed = ("select", "ignore", "fail_on", "per_file_ignores", "rules", "wordlists")
        for key in lint:
            if key not in allowed:
                raise self.fail(
                    ("lint", key), "unknown lint setting", hint=_did_you_mean(key, allowed)
                )
        settings = self.cfg.lint
        if "select" in lint:
            settings.select = self.str_list(lint["select"], ("lint", "select"))
        settings.ignore = self.str_list(lint.get("ignore"), ("lint", "ignore"))
        settings.fail_on = self.choice(lint.get("fail_on", "error"), ("lint", "fail_on"), FAIL_ON)
        pfi = self.mapping(lint.get("per_file_ignores"), ("lint", "per_file_ignores"))
        settings.per_file_ignores = {
            str(k): self.str_list(v, ("lint", "per_file_ignores", k)) for k, v in pfi.items()
        }
        rules = self.mapping(lint.get("rules"), ("lint", "rules"))
        settings.rules = {str(k): self.mapping(v, ("lint", "rules", k)) for k, v in rules.items()}
        if "wordlists" in lint:
            settings.wordlists = self.str_list(lint["wordlists"], ("lint", "wordlists"))

    # -- publishing: the sections' shape here; cskit.publish checks a profile's settings ----
    def fail_both(
        self, key: KeyPath, zh: str, en: str, hint_zh: str = "", hint_en: str = ""
    ) -> ConfigError:
        label = ".".join(str(k) for k in key)
        return ConfigError(
            f"{label}：{zh}" if label else zh,
            where=self.cfg.where(*key),
            hint=hint_zh or None,
            en=f"{label}: {en}" if label else en,
            hint_en=hint_en or None,
        )

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


_PROFILE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")

_TOP_LEVEL = (
    "version",
    "language",
    "templates",
    "categories",
    "owners",
    "review_every",
    "required",
    "channels",
    "variables",
    "facts",
    "samples",
    "lint",
    "extra_fields",
    "import_files",
    "platforms",
    "publish",
)


def _kind(value: Any) -> str:
    names: dict[type, str] = {list: "a list", dict: "a mapping", str: "text"}
    return names.get(type(value), repr(value))


def _did_you_mean(word: object, choices: tuple[str, ...] | list[str]) -> str:

    close = difflib.get_close_matches(str(word), list(choices), n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return "allowed: " + ", ".join(choices)
