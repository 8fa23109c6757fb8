"""The result of one lint run: its findings, counts and exit code."""

from __future__ import annotations

from dataclasses import dataclass, field

from cskit.findings import SEVERITY_RANK, Finding
from cskit.rules.base import Rule


@dataclass
class LintResult:
    findings: list[Finding]
    files: int
    entries: int
    lang: str = "zh-Hans"
    rules: list[Rule] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in ("error", "warning", "info")}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def exit_code(self, fail_on: str) -> int:
        """0 when nothing is at or above ``fail_on``, else 1 (docs/cli.md, exit codes)."""
        if fail_on == "never":
            return 0
        floor = SEVERITY_RANK[fail_on]
        return 1 if any(f.rank >= floor for f in self.findings) else 0
