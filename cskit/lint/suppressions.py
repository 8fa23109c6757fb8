"""What silences a finding: an entry's ``suppress`` items and cskit.yaml's
``per_file_ignores``. The linter applies both; ``cskit dupes`` and ``cskit stale``, which
report without it, ask :func:`entry_suppresses` and :func:`apply_file_ignores` directly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fnmatch
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cskit.config.model import Config
from cskit.dates import as_date
from cskit.findings import Finding
from cskit.library.model import Entry
from cskit.rules.base import Context, Rule
from cskit.rules.registry import RULES
from cskit.rules.suppression.common import suppression_matches


def apply_suppressions(findings: list[Finding], rules: list[Rule], ctx: Context) -> list[Finding]:
    """Findings minus those a live ``suppress`` item of their entry silences; records in
    ``ctx.suppression_use`` which items were used (C001 reports the others)."""
    run_codes = [(r.code, r.name) for r in rules]
    for entry in ctx.library.entries:
        for i, item in live_suppressions(entry, ctx.as_of):
            token = str(item.get("rule", ""))
            if any(suppression_matches(token, c, n) for c, n in run_codes) or not any(
                suppression_matches(token, cls.code, cls.name) for cls in RULES
            ):
                ctx.suppression_use[(id(entry), i)] = False
    kept: list[Finding] = []
    for finding in findings:
        owner = finding.entry
        if owner is not None and _suppressed(finding, owner, ctx):
            continue
        kept.append(finding)
    return kept


def _suppressed(finding: Finding, entry: Entry, ctx: Context) -> bool:
    hit = False
    for i, item in enumerate(entry.suppressions):
        key = (id(entry), i)
        if key not in ctx.suppression_use:
            continue
        if suppression_matches(str(item.get("rule", "")), finding.code, finding.name):
            ctx.suppression_use[key] = True
            hit = True
    return hit


def live_suppressions(entry: Entry, as_of: dt.date) -> Iterator[tuple[int, dict[str, Any]]]:
    """(position, item) of the entry's ``suppress`` items that have not expired: an expired
    one (C003 reports it) silences nothing."""
    for i, item in enumerate(entry.suppressions):
        until = as_date(item.get("until"))
        if until is None or until >= as_of:
            yield i, item


def entry_suppresses(entry: Entry, code: str, name: str, as_of: dt.date) -> bool:
    """Does one of the entry's live ``suppress`` items silence this rule? For the commands
    that report without the linter (``dupes``, what ``stale`` shows as coming due)."""
    return any(
        suppression_matches(str(item.get("rule", "")), code, name)
        for _i, item in live_suppressions(entry, as_of)
    )


def apply_file_ignores(findings: list[Finding], config: Config) -> list[Finding]:
    """Findings minus those cskit.yaml ``per_file_ignores`` drops."""
    table = config.lint.per_file_ignores
    if not table:
        return findings
    roots = [config.root, config.library_dir]
    kept = []
    for f in findings:
        names = {f.file}
        for root in roots:
            with contextlib.suppress(ValueError):
                names.add(str(Path(f.file).resolve().relative_to(root.resolve())))
        ignored = False
        for pattern, tokens in table.items():
            if any(fnmatch.fnmatch(n, pattern) for n in names) and any(
                suppression_matches(t, f.code, f.name) or t.upper() == "ALL" for t in tokens
            ):
                ignored = True
                break
        if not ignored:
            kept.append(f)
    return kept
