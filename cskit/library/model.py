"""What a loaded library is: source files, entries with the position of every key, and the
library that holds them. Loading is in :mod:`cskit.library.load`."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskit.cachefile import CACHE_DIR
from cskit.config.model import Config
from cskit.config.schema import FIELDS
from cskit.dates import Duration, as_date, parse_duration
from cskit.yamlread import Document, Mark, YamlError
from cskit.yamlread import Path as KeyPath

__all__ = ["CACHE_DIR", "LINT_CACHE_FILE", "Entry", "Library", "SourceFile", "display_path"]


LINT_CACHE_FILE = "lint.pickle"  # cskit.lint.cache's; named here so a cold run can check cheaply
_KIND = FIELDS["kind"].default  # what an entry is when neither it nor defaults: says
_STATUS = FIELDS["status"].default


@dataclass
class SourceFile:
    """One entry file as read: its display path, content hash and parse result."""

    path: Path
    display: str  # relative to the current folder, as shown in findings
    digest: str
    doc: Document | None
    error: YamlError | None = None
    entries: list[Entry] = field(default_factory=list)

    @property
    def data(self) -> Any:
        return self.doc.data if self.doc else None

    def mark(self, key: KeyPath) -> Mark | None:
        return self.doc.marks.get(key) if self.doc else None


@dataclass(eq=False)
class Entry:
    """One entry: its own fields (``raw``), with the file's ``defaults`` merged (``data``)."""

    file: SourceFile
    index: int
    raw: dict[str, Any]
    data: dict[str, Any]

    # -- identity and position --------------------------------------------------------
    @property
    def id(self) -> str:
        value = self.data.get("id")
        return value if isinstance(value, str) else ""

    @property
    def line(self) -> int:
        mark = self.file.mark(("entries", self.index))
        return mark[0] if mark else 1

    @property
    def column(self) -> int:
        mark = self.file.mark(("entries", self.index))
        return mark[1] if mark else 1

    def key_path(self, *key: str | int) -> str:
        """``entries[3].answer`` style path (a finding's ``key``), or ``defaults.owner`` if inherited."""
        if key and key[0] not in self.raw and key[0] in self.data:
            base = "defaults"
        else:
            base = f"entries[{self.index}]"
        for k in key:
            base += f"[{k}]" if isinstance(k, int) else f".{k}"
        return base

    def position(self, *key: str | int) -> tuple[int, int]:
        """(line, column) of a key, its value's item, or the entry itself."""
        if key and key[0] not in self.raw and key[0] in self.data:
            mark = self.file.mark(("defaults", *key))
        else:
            mark = self.file.mark(("entries", self.index, *key)) if key else None
        if mark:
            return mark[0], mark[1]
        return self.line, self.column

    def value_mark(self, *key: str | int) -> Mark | None:
        """The full mark of a value (its own line and style), for mapping template lines."""
        if key and key[0] not in self.raw and key[0] in self.data:
            return self.file.mark(("defaults", *key))
        return self.file.mark(("entries", self.index, *key))

    # -- typed views (None / defaults when the value is invalid: E rules report those) --
    @property
    def kind(self) -> str:
        value = self.data.get("kind", _KIND)
        return value if isinstance(value, str) else _KIND

    @property
    def status(self) -> str:
        value = self.data.get("status", _STATUS)
        return value if isinstance(value, str) else _STATUS

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def title(self) -> str:
        value = self.data.get("title")
        return value if isinstance(value, str) else ""

    @property
    def answer(self) -> str:
        value = self.data.get("answer")
        return value if isinstance(value, str) else ""

    @property
    def questions(self) -> list[str]:
        value = self.data.get("questions")
        if not isinstance(value, list):
            return []
        return [q for q in value if isinstance(q, str)]

    @property
    def channels(self) -> dict[str, str]:
        value = self.data.get("channels")
        if not isinstance(value, dict):
            return {}
        return {str(k): v for k, v in value.items() if isinstance(v, str)}

    @property
    def conditions(self) -> dict[str, list[str]]:
        value = self.data.get("conditions")
        if not isinstance(value, dict):
            return {}
        return {
            str(k): [str(i) for i in (v if isinstance(v, list) else [v])] for k, v in value.items()
        }

    @property
    def owner(self) -> str:
        value = self.data.get("owner")
        return value if isinstance(value, str) else ""

    @property
    def category(self) -> str:
        value = self.data.get("category")
        return value if isinstance(value, str) else ""

    def date(self, name: str) -> dt.date | None:
        return as_date(self.data.get(name))

    @property
    def review_every(self) -> Duration | None:
        return parse_duration(self.data.get("review_every"))

    @property
    def suppressions(self) -> list[dict[str, Any]]:
        value = self.data.get("suppress")
        if not isinstance(value, list):
            return []
        return [s for s in value if isinstance(s, dict) and isinstance(s.get("rule"), str)]

    def texts(self) -> tuple[tuple[tuple[str | int, ...], str], ...]:
        """Every customer-visible text with its key: the answer, then channel overrides.
        (Computed once: a lint run asks for each entry's texts some twenty times.)"""
        found: tuple[tuple[tuple[str | int, ...], str], ...] | None = self.__dict__.get("_texts")
        if found is None:
            items: list[tuple[tuple[str | int, ...], str]] = []
            if self.answer:
                items.append((("answer",), self.answer))
            items.extend((("channels", name), text) for name, text in self.channels.items())
            found = self.__dict__["_texts"] = tuple(items)
        return found


@dataclass
class Library:
    """A loaded library: config, files in path order, entries in file order."""

    config: Config
    files: list[SourceFile]
    entries: list[Entry]
    cache_hits: int = 0
    use_cache: bool = True  # False with --no-cache: rules keep their caches in memory only

    @property
    def root(self) -> Path:
        return self.config.library_dir

    def by_id(self) -> dict[str, list[Entry]]:
        index: dict[str, list[Entry]] = {}
        for entry in self.entries:
            if entry.id:
                index.setdefault(entry.id, []).append(entry)
        return index

    def get(self, entry_id: str) -> Entry | None:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        return None


def display_path(path: Path) -> str:
    """A path as findings show it: relative to the current folder when possible."""
    try:  # realpath: a symlink loop still has a name to show
        return str(Path(os.path.realpath(path)).relative_to(os.path.realpath(Path.cwd())))
    except ValueError:
        return str(path)
