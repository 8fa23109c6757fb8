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
from cskit.text.regexcheck import catastrophic, why_zh
from cskit.yamlread import Path as KeyPath

_VAR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_KEY_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Validator:
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
            zh, en = _kind(value)
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

    def run(self) -> None:
        data, cfg = self.data, self.cfg
        if not isinstance(data, dict):
            zh, en = _kind(data)
            raise self.fail(
                (),
                f"文件内容应为映射（键: 值），而不是{zh}",
                f"the file must be a mapping, not {en}",
            )
        for key in data:
            if key not in _TOP_LEVEL:
                raise self.fail(
                    (key,), "未知设置", "unknown setting", _did_you_mean(key, _TOP_LEVEL)
                )
        version = data.get("version", 1)
        if version != 1:
            raise self.fail(
                ("version",),
                f"不支持的版本 {version!r}",
                f"unsupported version {version!r}",
                ("写 1", "write 1"),
            )
        language = data.get("language", "zh-Hans")
        aliases = {"zh": "zh-Hans", "zh-CN": "zh-Hans", "zh-cn": "zh-Hans", "zh-hans": "zh-Hans"}
        language = aliases.get(language, language) if isinstance(language, str) else language
        cfg.language = self.choice(language, ("language",), LANGUAGES)
        if "templates" in data:
            if not isinstance(data["templates"], str):
                raise self.fail(("templates",), "应为文件夹路径", "must be a folder path")
            cfg.templates_dir = cfg.root / data["templates"]
        elif (cfg.root / "templates").is_dir():
            cfg.templates_dir = cfg.root / "templates"
        elif (cfg.root.parent / "templates").is_dir():
            cfg.templates_dir = cfg.root.parent / "templates"
        cats = self.mapping(data.get("categories"), ("categories",))
        for k, v in cats.items():
            if not isinstance(k, str) or not _KEY_NAME.match(k):
                raise self.fail(
                    ("categories", k),
                    "分类的键应为英文名，例如 after_sales",
                    "category keys are ascii names like after_sales",
                )
            cfg.categories[k] = str(v) if v is not None else k
        if "owners" in data:
            cfg.owners = self.str_list(data["owners"], ("owners",))
        self.review_every()
        cfg.required = self.str_list(data.get("required", list(DEFAULT_REQUIRED)), ("required",))
        cfg.extra_fields = self.str_list(data.get("extra_fields"), ("extra_fields",))
        from cskit.config.schema import FIELDS  # late: schema imports this module

        for i, name in enumerate(cfg.required):
            if name not in FIELDS and name not in cfg.extra_fields:
                raise self.fail(
                    ("required", i), f"{name!r} 不是条目字段", f"{name!r} is not an entry field"
                )
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
            listed = ", ".join(allowed)
            raise self.fail(
                key, f"{value!r} 不是可选值之一：{listed}", f"{value!r} is not one of {listed}"
            )
        return str(value)

    def review_every(self) -> None:
        given = self.mapping(self.data.get("review_every"), ("review_every",))
        merged = {**DEFAULT_REVIEW_EVERY, **given}
        for kind, text in merged.items():
            if kind not in KINDS:
                raise self.fail(
                    ("review_every", kind), "未知类型", "unknown kind", _did_you_mean(kind, KINDS)
                )
            duration = parse_duration(text)
            if duration is None:
                raise self.fail(
                    ("review_every", kind),
                    f"{text!r} 不是时长",
                    f"{text!r} is not a duration",
                    ("写成 30d、6w、3m 或 1y", "write 30d, 6w, 3m or 1y"),
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
                    raise self.fail(
                        at, "未知渠道设置", "unknown channel setting", _did_you_mean(key, allowed)
                    )
                if key == "signature":
                    if not isinstance(value, str):
                        raise self.fail(at, "应为文字", "must be text")
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
                raise self.fail(
                    at,
                    "变量名应为带点的英文名，例如 order.id",
                    "variable names are dotted names like order.id",
                )
            if name.split(".")[0] in ("facts", "reply"):
                head = name.split(".")[0]
                raise self.fail(at, f"{head!r} 是保留名", f"{head!r} is reserved")
            spec = self.mapping(spec, at)
            for key in spec:
                if key not in allowed:
                    raise self.fail(
                        (*at, key),
                        "未知变量设置",
                        "unknown variable setting",
                        _did_you_mean(key, allowed),
                    )
            vtype = self.choice(spec.get("type", "str"), (*at, "type"), VAR_TYPES)
            for flag in ("optional", "pii"):
                if not isinstance(spec.get(flag, False), bool):
                    raise self.fail((*at, flag), "应为 true 或 false", "must be true or false")
            enum = spec.get("enum")
            if enum is not None and (not isinstance(enum, list) or not enum):
                raise self.fail(
                    (*at, "enum"),
                    "应为非空的可选值列表",
                    "must be a non-empty list of allowed values",
                )
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
                    parent = ".".join(parts[:i])
                    raise self.fail(
                        ("variables", name),
                        f"{parent!r} 已经是一个变量",
                        f"{parent!r} is already a variable",
                    )

    def facts(self) -> None:
        facts = self.mapping(self.data.get("facts"), ("facts",))
        allowed = ("value", "changed", "label", "mentions")
        for key, spec in facts.items():
            at: KeyPath = ("facts", key)
            if not isinstance(key, str) or not _KEY_NAME.match(key):
                raise self.fail(
                    at,
                    "事实的键应为英文名，例如 return_days",
                    "fact keys are names like return_days",
                )
            if not isinstance(spec, dict):  # shorthand: return_days: 7
                spec = {"value": spec}
            for k in spec:
                if k not in allowed:
                    raise self.fail(
                        (*at, k), "未知事实设置", "unknown fact setting", _did_you_mean(k, allowed)
                    )
            if "value" not in spec:
                raise self.fail(at, "事实需要 value", "a fact needs a value")
            changed = None
            if spec.get("changed") is not None:
                changed = as_date(spec["changed"])
                if changed is None:
                    raise self.fail(
                        (*at, "changed"),
                        "应为日期",
                        "must be a date",
                        ("写成 YYYY-MM-DD", "write YYYY-MM-DD"),
                    )
            mentions = self.str_list(spec.get("mentions"), (*at, "mentions"))
            for i, pattern in enumerate(mentions):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise self.fail(
                        (*at, "mentions", i),
                        f"正则表达式有误：{exc}",
                        f"bad regular expression: {exc}",
                    ) from None
                why = catastrophic(pattern)
                if why:  # (a+)+$ would hang every lint: refused before any matching
                    raise self.fail(
                        (*at, "mentions", i),
                        f"{pattern!r} 的匹配时间可能呈指数增长（{why_zh(why)}）",
                        f"{pattern!r} can take exponential time to match ({why})",
                        (
                            r"每个重复只写一次，例如写 (\d+)，不要写 (\d+)+",
                            r"write each repetition once, e.g. (\d+) instead of (\d+)+",
                        ),
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
                    ("lint", key),
                    "未知 lint 设置",
                    "unknown lint setting",
                    _did_you_mean(key, allowed),
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


def _kind(value: Any) -> tuple[str, str]:
    """What a value is, (zh, en), for "must be a mapping, not …"."""
    names: dict[type, tuple[str, str]] = {
        list: ("列表", "a list"),
        dict: ("映射", "a mapping"),
        str: ("文字", "text"),
    }
    return names.get(type(value), (f" {value!r}", repr(value)))


def _did_you_mean(word: object, choices: tuple[str, ...] | list[str]) -> tuple[str, str]:
    """The hint for an unknown name, (zh, en): the closest allowed one, or all of them."""
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    if close:
        return f"是不是想写 {close[0]!r}？", f"did you mean {close[0]!r}?"
    listed = ", ".join(choices)
    return f"可用：{listed}", f"allowed: {listed}"
