"""cskit.yaml: finding it, reading it and validating it (DESIGN §3).

A bad config is one :class:`ConfigError` naming the file, the line and what to write
instead. Rule options under ``lint.rules`` are checked against each rule's ``options``
by the linter, which knows the registry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskit.dates import Duration, parse_duration
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
                f"library folder {library} does not exist",
                hint="check the path (relative to the current folder)",
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
    from cskit.config_validate import Validator

    Validator(cfg, data).run()
    return cfg


def _must(d: Duration | None) -> Duration:
    assert d is not None
    return d
