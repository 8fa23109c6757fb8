"""Validating cskit.yaml: one :class:`ConfigError` naming ``cskit.yaml:LINE`` and what to
write instead. :func:`cskit.config.load.load_config` calls :class:`Validator` once per load.

The top-level keys, languages, categories, review intervals, channels and ``lint`` are checked
here; ``variables``/``facts`` in :mod:`cskit.config.variables`, ``platforms``/``publish`` in
:mod:`cskit.config.publishing`, on the checks of :mod:`cskit.config.checks`."""

from __future__ import annotations

from typing import Any

from cskit.config.checks import KEY_NAME, did_you_mean, kind_of
from cskit.config.model import (
    DEFAULT_REQUIRED,
    DEFAULT_REVIEW_EVERY,
    FAIL_ON,
    KINDS,
    LANGUAGES,
    Channel,
)
from cskit.config.publishing import PublishChecks
from cskit.config.schema import FIELDS
from cskit.config.variables import VariableChecks
from cskit.dates import parse_duration


class Validator(VariableChecks, PublishChecks):
    """All of cskit.yaml: :meth:`run` checks each section in turn and fills the config."""

    def run(self) -> None:
        data, cfg = self.data, self.cfg
        if not isinstance(data, dict):
            zh, en = kind_of(data)
            raise self.fail(
                (),
                f"文件内容应为映射（键: 值），而不是{zh}",
                f"the file must be a mapping, not {en}",
            )
        for key in data:
            if key not in _TOP_LEVEL:
                raise self.fail(
                    (key,), "未知设置", "unknown setting", did_you_mean(key, _TOP_LEVEL)
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
            if not isinstance(k, str) or not KEY_NAME.match(k):
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

    def review_every(self) -> None:
        given = self.mapping(self.data.get("review_every"), ("review_every",))
        merged = {**DEFAULT_REVIEW_EVERY, **given}
        for kind, text in merged.items():
            if kind not in KINDS:
                raise self.fail(
                    ("review_every", kind), "未知类型", "unknown kind", did_you_mean(kind, KINDS)
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
                        at, "未知渠道设置", "unknown channel setting", did_you_mean(key, allowed)
                    )
                if key == "signature":
                    if not isinstance(value, str):
                        raise self.fail(at, "应为文字", "must be text")
                    kwargs[key] = value
                else:
                    kwargs[key] = self.positive_int(value, at)
            self.cfg.channels[str(name)] = Channel(name=str(name), **kwargs)

    def lint(self) -> None:
        lint = self.mapping(self.data.get("lint"), ("lint",))
        allowed = ("select", "ignore", "fail_on", "per_file_ignores", "rules", "wordlists")
        for key in lint:
            if key not in allowed:
                raise self.fail(
                    ("lint", key),
                    "未知 lint 设置",
                    "unknown lint setting",
                    did_you_mean(key, allowed),
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
