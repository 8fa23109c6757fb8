"""cskit.yaml: finding it, reading it and validating it (DESIGN §3).

A bad config is one :class:`ConfigError` naming the file, the line and what to write
instead. Rule options under ``lint.rules`` are checked against each rule's ``options``
by the linter, which knows the registry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskit.dates import Duration, as_date, parse_duration
from cskit.errors import ConfigError, LibraryNotFound
from cskit.yamlread import Path as KeyPath
from cskit.yamlread import YamlError, parse

CONFIG_NAME = "cskit.yaml"
KINDS = ("script", "faq", "policy", "product", "process", "case")
STAGES = ("greet", "identify", "resolve", "confirm", "follow_up")
STATUSES = ("draft", "active", "archived")
VAR_TYPES = ("str", "int", "number", "money", "bool", "date", "datetime", "list")
SEVERITIES = ("error", "warning", "info")
FAIL_ON = (*SEVERITIES, "never")
LANGUAGES = ("zh-Hans", "en")
_VAR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_KEY_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

DEFAULT_REVIEW_EVERY = {
    "policy": "30d",
    "product": "90d",
    "faq": "90d",
    "script": "180d",
    "process": "180d",
    "case": "365d",
}


@dataclass(frozen=True)
class Variable:
    """One entry of the typed variable registry."""

    name: str
    type: str = "str"
    optional: bool = False
    pii: bool = False
    enum: tuple[Any, ...] | None = None
    label: str = ""
    example: Any = None


@dataclass(frozen=True)
class Fact:
    """A policy constant, one source of truth for ``{{ facts.KEY }}``."""

    key: str
    value: Any
    changed: dt.date | None = None
    label: str = ""
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Channel:
    name: str
    max_chars: int | None = None
    signature: str = ""
    segment_chars: int = 70
    multipart_chars: int = 67
    max_segments: int | None = None


@dataclass
class LintSettings:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    wordlists: list[str] | None = None  # None: the built-in default set


@dataclass
class Config:
    """Everything cskit.yaml says, with defaults filled in."""

    path: Path | None
    library_dir: Path
    language: str = "zh-Hans"
    templates_dir: Path | None = None
    categories: dict[str, str] = field(default_factory=dict)
    owners: list[str] | None = None
    review_every: dict[str, Duration] = field(default_factory=dict)
    required: list[str] = field(default_factory=lambda: ["owner", "reviewed"])
    channels: dict[str, Channel] = field(default_factory=dict)
    variables: dict[str, Variable] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    samples: dict[str, dict[str, Any]] = field(default_factory=dict)
    lint: LintSettings = field(default_factory=LintSettings)
    extra_fields: list[str] = field(default_factory=list)
    import_files: dict[str, str] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    digest: str = ""
    line_of: Callable[[KeyPath], int | None] = field(default=lambda _p: None, repr=False)

    @property
    def root(self) -> Path:
        """The folder relative paths in the config are resolved against."""
        return self.path.parent if self.path else self.library_dir

    def where(self, *key: str | int) -> str:
        """``cskit.yaml:12`` for a key path, for messages about config values."""
        name = str(self.path) if self.path else CONFIG_NAME
        line = self.line_of(tuple(key))
        return f"{name}:{line}" if line else name


# --- discovery ---------------------------------------------------------------------------


def discover(library: Path | None, start: Path | None = None) -> tuple[Path | None, Path]:
    """Return ``(config file or None, library folder)``.

    With ``--library DIR``: DIR's own cskit.yaml, else the nearest one above it. Without:
    the nearest ``cskit.yaml`` or ``library/cskit.yaml`` from the current folder upwards.
    A config at a repository root whose ``library/`` folder exists serves that folder.
    """
    if library is not None:
        if not library.exists():
            raise LibraryNotFound(
                f"library folder {library} does not exist", hint="pass --library DIR"
            )
        if not library.is_dir():
            raise LibraryNotFound(f"{library} is not a folder", hint="pass the library folder")
        for folder in (library, *library.resolve().parents):
            if (folder / CONFIG_NAME).is_file():
                return folder / CONFIG_NAME, library
        return None, library
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for candidate in (folder / CONFIG_NAME, folder / "library" / CONFIG_NAME):
            if candidate.is_file():
                config = _relative(candidate)
                lib = config.parent
                if (lib / "library").is_dir() and candidate.parent == folder:
                    lib = lib / "library"
                return config, lib
    raise LibraryNotFound(
        "no cskit.yaml found here or in any parent folder",
        hint="run inside a library, pass --library DIR, or create one with `cskit init DIR`",
    )


def _relative(path: Path) -> Path:
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


# --- loading -----------------------------------------------------------------------------


def load_config(path: Path | None, library_dir: Path) -> Config:
    """Read and validate cskit.yaml (or return defaults when there is none)."""
    if path is None:
        cfg = Config(path=None, library_dir=library_dir)
        cfg.review_every = {k: _must(parse_duration(v)) for k, v in DEFAULT_REVIEW_EVERY.items()}
        return cfg
    try:
        raw_bytes = path.read_bytes()
        text = raw_bytes.decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"not UTF-8 (byte {exc.start})", where=str(path), hint="save the file as UTF-8"
        ) from None
    try:
        doc = parse(text)
    except YamlError as exc:
        raise ConfigError(
            exc.message, where=f"{path}:{exc.line}", hint="fix the YAML syntax"
        ) from None
    if doc.duplicate_keys:
        _kp, key, line, _ = doc.duplicate_keys[0]
        raise ConfigError(
            f"key {key!r} appears twice in the same mapping",
            where=f"{path}:{line}",
            hint="keep one of them",
        )
    data = doc.data if doc.data is not None else {}
    marks = doc.marks

    def line_of(kp: KeyPath) -> int | None:
        while kp:
            if kp in marks:
                return marks[kp][0]
            kp = kp[:-1]
        return None

    cfg = Config(path=path, library_dir=library_dir, raw=data, line_of=line_of)
    cfg.digest = hashlib.blake2b(raw_bytes, digest_size=16).hexdigest()
    _Validator(cfg, data).run()
    return cfg


def _must(d: Duration | None) -> Duration:
    assert d is not None
    return d


class _Validator:
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
        cfg.required = self.str_list(data.get("required", ["owner", "reviewed"]), ("required",))
        cfg.extra_fields = self.str_list(data.get("extra_fields"), ("extra_fields",))
        from cskit.schema import FIELDS  # late: schema imports this module

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
)


def _kind(value: Any) -> str:
    names: dict[type, str] = {list: "a list", dict: "a mapping", str: "text"}
    return names.get(type(value), repr(value))


def _did_you_mean(word: object, choices: tuple[str, ...] | list[str]) -> str:
    import difflib  # only on the error path

    close = difflib.get_close_matches(str(word), list(choices), n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return "allowed: " + ", ".join(choices)
