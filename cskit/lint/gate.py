"""What blocks an entry from reaching a customer: error-level findings of the families that
leak data or mislead (T templates, W004 off-platform, W005 review-for-reward, P privacy).

``cskit render`` refuses such an entry unless ``--force`` is given, and ``cskit publish``
leaves it out; both name the findings. The team's ``lint`` settings still apply: a rule the
config ignores or downgrades, or an entry's reasoned ``suppress`` item, does not block.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from cskit.findings import Finding
from cskit.library.model import Library

GATE_SELECT = ("T", "W004", "W005", "P")


def blocking_findings(
    library: Library,
    *,
    as_of: dt.date,
    entry_ids: Iterable[str] | None = None,
    templates: Iterable[str] = (),
) -> dict[str, list[Finding]]:
    """Entry id → its error-level findings of the gate's rules (only entries that have any).
    ``entry_ids`` limits the run to those entries (cross-entry rules still see all).
    ``templates`` (display paths of ``templates/*.j2``) block on their own findings too,
    keyed by the path."""
    from cskit.lint.engine import lint

    changed = None
    if entry_ids is not None:
        wanted = set(entry_ids)
        changed = {id(e) for e in library.entries if e.id in wanted}
    result = lint(library, as_of=as_of, select=GATE_SELECT, changed=changed)
    blocked: dict[str, list[Finding]] = {}
    files = set(templates)
    for finding in result.findings:
        if finding.severity != "error":
            continue
        if finding.entry_id:
            blocked.setdefault(finding.entry_id, []).append(finding)
        elif finding.file in files:
            blocked.setdefault(finding.file, []).append(finding)
    return blocked
