"""The 问题 column: each exported row's current lint findings, in the sheet's language.

Editors see which answers are flagged, and why, without a maintainer forwarding lint
output. The findings are the team's (cskit.yaml ``lint`` settings, suppressions) as of the
export day (``--as-of``); suggestions (info) are left out. The column is never imported.
"""

from __future__ import annotations

import datetime as dt

from cskit.excel.layout import MAX_CELL
from cskit.excel.phrasing import has_template, speak, text_of
from cskit.library.model import Entry, Library

_SEVERITY = {"error": ("错误", "error"), "warning": ("警告", "warning")}


def row_problems(
    lib: Library,
    entries: list[Entry],
    rows: dict[str, int],
    *,
    as_of: dt.date,
    lang: str,
    show_progress: bool = False,
) -> dict[str, str]:
    """Entry id → the 问题 cell text (one finding per line, errors first).

    With the library's cache the whole library is linted through the findings cache (after a
    ``cskit lint`` that costs about a second at 10,000 entries); without it, only the
    exported entries are."""
    from cskit.lint.engine import lint

    wanted = {id(e) for e in entries}
    whole = lib.use_cache or len(wanted) == len(lib.entries)
    findings = lint(
        lib,
        as_of=as_of,
        changed=None if whole else wanted,
        lang=lang,
        cache=lib.use_cache,
        show_progress=show_progress,
    ).findings
    lines: dict[str, list[tuple[int, str]]] = {}
    en = lang == "en"
    for f in findings:
        if f.entry is None or id(f.entry) not in wanted or f.severity not in _SEVERITY:
            continue
        zh_text, en_text = speak(
            f, lib.config, rows, template=has_template(text_of(f.entry, f.key))
        )
        label = _SEVERITY[f.severity][1 if en else 0]
        line = f"{label} {en_text if en else zh_text}"
        lines.setdefault(f.entry.id, []).append((0 if f.severity == "error" else 1, line))
    out = {}
    for rid, found in lines.items():
        text = "\n".join(line for _rank, line in sorted(found, key=lambda x: x[0]))
        out[rid] = text if len(text) < MAX_CELL - 100 else text[: MAX_CELL - 101] + "…"
    return out
