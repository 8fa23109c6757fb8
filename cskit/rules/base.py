"""The rule contract. A rule is a class with a code, a kebab name, a family, a default
severity, options, and a docstring with a ``Bad:`` and a ``Good:`` example (shown by
``cskit rule CODE``, run by ``tests/rules/test_examples.py``: the bad one must make the rule
fire, the good one must give no finding; the format is in docs/contributing.md).

Entry rules see one entry at a time (``check_entry``); library rules see everything
(``check_library``); any rule may also check cskit.yaml itself once (``check_config``). Rules yield findings built with :meth:`Rule.report`; the linter applies
selection, severity overrides, suppressions and per-file ignores afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from cskit.config.model import Config
from cskit.findings import Finding, Fix, Related
from cskit.library.model import Entry, Library, SourceFile

FAMILIES = {
    "E": "schema",
    "T": "template",
    "D": "duplicates",
    "S": "stale",
    "W": "wording",
    "P": "privacy",
    "M": "channel",
    "Z": "typography",
    "C": "suppression",
}


@dataclass
class Context:
    """What every rule may look at during one run."""

    library: Library
    as_of: dt.date
    lang: str = "zh-Hans"
    # Changed-only runs: the entries that changed (None: all). Library rules report groups
    # with at least one changed member.
    changed: set[int] | None = None
    # Memo shared by rules within a run (parsed templates, canonical texts…).
    memo: dict[str, Any] = field(default_factory=dict)
    # Filled by the linter before "post" rules run: (entry, suppression index) → used?
    suppression_use: dict[tuple[int, int], bool] = field(default_factory=dict)
    suppressed_by_selection: set[str] = field(default_factory=set)
    # Threads a rule may start (None: one per core). A two-process run leaves out the core
    # the other process keeps busy: more threads than free cores only cost switching.
    threads: int | None = None
    # Every rule cskit knows (the registry), for rules that judge rule names (C001); the
    # linter fills it, so no rule module imports the registry that imports it.
    catalogue: Sequence[type[Rule]] = ()

    @property
    def config(self) -> Config:
        return self.library.config

    def is_changed(self, entry: Entry) -> bool:
        return self.changed is None or id(entry) in self.changed


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str] = "error"
    scope: ClassVar[str] = "entry"  # entry | library
    phase: ClassVar[str] = "main"  # main | post (runs after suppressions are applied)
    options: ClassVar[dict[str, Any]] = {}
    # Short "why" line for docs and SARIF, both languages.
    summary_zh: ClassVar[str] = ""
    summary_en: ClassVar[str] = ""
    # Why an entry with this rule's finding is in the review queue (``cskit stale``): a
    # category of cskit.review.reasons.CATEGORIES; None: the queue does not list it.
    queue_category: ClassVar[str | None] = None

    def __init__(self, options: dict[str, Any] | None = None, severity: str | None = None):
        self.opts: dict[str, Any] = {**self.options, **(options or {})}
        self.level = severity or self.severity

    @classmethod
    def family(cls) -> str:
        return FAMILIES[cls.code[0]]

    def check_entry(self, entry: Entry, ctx: Context) -> Iterable[Finding]:
        return ()

    def check_library(self, ctx: Context) -> Iterable[Finding]:
        return ()

    def prepare(self, ctx: Context) -> None:
        """Set-up every process of a run needs (word packs compiled into ``ctx.memo``):
        the linter calls it before forking, so the work is done once."""

    def check_config(self, ctx: Context) -> Iterable[Finding]:
        """Findings about cskit.yaml itself, once per run, whatever the rule's scope (P001
        and P002 scan its ``samples``; the linter calls this in the main process)."""
        return ()

    # -- helpers for rule authors -----------------------------------------------------
    def report(
        self,
        entry: Entry,
        key: Sequence[str | int],
        zh: str,
        en: str,
        *,
        position: tuple[int, int] | None = None,
        related: Iterable[Entry] = (),
        evidence: str = "",
        severity: str | None = None,
        fixes: Sequence[Fix] = (),
    ) -> Finding:
        """A finding about ``entry`` at ``key`` (the key's line unless ``position`` given)."""
        line, column = position or entry.position(*key)
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.level,
            message_zh=zh,
            message_en=en,
            file=entry.file.display,
            line=line,
            column=column,
            entry_id=entry.id or None,
            key=entry.key_path(*key) if key else f"entries[{entry.index}]",
            related=[related_of(e) for e in related],
            evidence=evidence,
            fixes=list(fixes),
            entry=entry,
        )

    def report_file(
        self,
        source: SourceFile | str,
        line: int,
        column: int,
        zh: str,
        en: str,
        *,
        key: str | None = None,
        evidence: str = "",
    ) -> Finding:
        """A finding about a file as a whole (syntax errors, file-level keys)."""
        return Finding(
            code=self.code,
            name=self.name,
            severity=self.level,
            message_zh=zh,
            message_en=en,
            file=source if isinstance(source, str) else source.display,
            line=line,
            column=column,
            key=key,
            evidence=evidence,
        )


def related_of(entry: Entry) -> Related:
    return Related(entry_id=entry.id, file=entry.file.display, line=entry.line)


def doc_sections(rule: type[Rule]) -> dict[str, str]:
    """Split a rule docstring into its summary, body, ``Bad:`` and ``Good:`` parts."""
    import inspect
    import textwrap

    text = inspect.cleandoc(rule.__doc__ or "")
    sections: dict[str, list[str]] = {"summary": [], "body": []}
    current = "summary"
    for line in text.splitlines():
        head = line.strip().rstrip(":").lower()
        if line.strip().endswith(":") and head in ("bad", "good", "options", "why"):
            current = head
            sections[current] = []
            continue
        if current == "summary" and not line.strip() and sections["summary"]:
            current = "body"
            continue
        sections[current].append(line)
    return {k: textwrap.dedent("\n".join(v)).strip("\n") for k, v in sections.items()}


def iter_entries(ctx: Context, *, active_only: bool = False) -> Iterator[Entry]:
    for entry in ctx.library.entries:
        if active_only and not entry.active:
            continue
        yield entry
