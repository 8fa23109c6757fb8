"""What a rule reports: a :class:`Finding`, with both languages kept so output can pick one."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cskit.library.model import Entry

SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
class Related:
    """Another entry a cross-entry finding involves."""

    entry_id: str
    file: str
    line: int

    def to_json(self) -> dict[str, Any]:
        return {"entry_id": self.entry_id, "file": self.file, "line": self.line}


@dataclass(frozen=True)
class Fix:
    """A text replacement inside one value, applied by ``lint --fix``. A safe fix keeps the
    meaning (typography); an ``unsafe`` one rewrites content (S004 writing a fact in) and
    is applied only with ``--unsafe-fixes``, as in ruff."""

    key: tuple[str | int, ...]  # entry key path, e.g. ("answer",)
    old: str
    new: str
    unsafe: bool = False


@dataclass
class Finding:
    code: str
    name: str
    severity: str
    message_zh: str
    message_en: str
    file: str
    line: int
    column: int
    entry_id: str | None = None
    key: str | None = None
    related: list[Related] = field(default_factory=list)
    evidence: str = ""  # the offending content, for stable fingerprints (baselines, SARIF)
    fixes: list[Fix] = field(default_factory=list)
    entry: Entry | None = field(default=None, repr=False, compare=False)

    def message(self, lang: str = "zh-Hans") -> str:
        return self.message_en if lang == "en" else self.message_zh

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.severity]

    def fingerprint(self) -> str:
        """Stable across moves and reformatting: rule + entry id + offending content."""
        basis = "\x1f".join(
            [self.code, self.entry_id or self.file, self.key_suffix(), self.evidence]
        )
        return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]

    def key_suffix(self) -> str:
        """The key path without the entry's position (``answer`` for ``entries[3].answer``)."""
        if not self.key:
            return ""
        head, _, rest = self.key.partition(".")
        return rest if head.startswith(("entries[", "defaults")) else self.key

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def to_json(self, lang: str) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message(lang),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "entry_id": self.entry_id,
            "key": self.key,
            "related": [r.to_json() for r in self.related],
        }
