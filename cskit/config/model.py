"""What cskit.yaml holds once loaded: the settings, the variable registry, facts, channels
and lint settings, and the vocabularies (kinds, stages, statuses, types) they use.

Rule options under ``lint.rules`` are checked against each rule's ``options`` by the linter,
which knows the registry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskit.dates import Duration
from cskit.yamlread import Path as KeyPath

CONFIG_NAME = "cskit.yaml"
KINDS = ("script", "faq", "policy", "product", "process", "case")
STAGES = ("greet", "identify", "resolve", "confirm", "follow_up")
STATUSES = ("draft", "active", "archived")
VAR_TYPES = ("str", "int", "number", "money", "bool", "date", "datetime", "list")
SEVERITIES = ("error", "warning", "info")
FAIL_ON = (*SEVERITIES, "never")
DEFAULT_REQUIRED = ("owner", "reviewed")  # cskit.yaml ``required`` when it is not set
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
    required: list[str] = field(default_factory=lambda: list(DEFAULT_REQUIRED))
    channels: dict[str, Channel] = field(default_factory=dict)
    variables: dict[str, Variable] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    samples: dict[str, dict[str, Any]] = field(default_factory=dict)
    lint: LintSettings = field(default_factory=LintSettings)
    extra_fields: list[str] = field(default_factory=list)
    import_files: dict[str, str] = field(default_factory=dict)
    # ``platforms:`` as written (name → profile settings); cskit.publish validates a profile
    # when it is used, with this file's lines. ``publish.context``: the shop-level values
    # published texts are rendered with (nested or dotted, registered variables only).
    platforms: dict[str, dict[str, Any]] = field(default_factory=dict)
    publish_context: dict[str, Any] = field(default_factory=dict)
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


# --- loading -----------------------------------------------------------------------------
