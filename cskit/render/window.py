"""An entry is rendered only inside its validity window (``valid_from``..``valid_until``).

A campaign planned ahead (active, ``valid_from`` still to come) is *scheduled*: ``cskit
render`` refuses it until that day, as it refuses an expired one, and says how to preview
it (``--as-of``). Templates that ``reply()`` such an entry fail the same way.
"""

from __future__ import annotations

import datetime as dt

from cskit.errors import UsageError
from cskit.library.model import Entry
from cskit.stale.checks import scheduled, validity


def outside_window(entry: Entry, as_of: dt.date) -> tuple[str, str] | None:
    """(zh, en) of why ``entry`` is not rendered on ``as_of``, or ``None`` when it is."""
    start = scheduled(entry, as_of)
    if start is not None:
        return (
            f"计划在 {start} 生效，在那之前不渲染",
            f"is scheduled from {start}; not rendered before",
        )
    state = validity(entry, as_of)
    if state is not None and state.state == "expired":
        return (
            f"有效期到 {state.day} 已结束，不再渲染",
            f"expired on {state.day}; no longer rendered",
        )
    return None


def refuse_outside(entry: Entry, as_of: dt.date) -> None:
    """:class:`UsageError` (exit 2) when ``entry`` is outside its window on ``as_of``."""
    why = outside_window(entry, as_of)
    if why is None:
        return
    day = entry.date("valid_from") if scheduled(entry, as_of) else entry.date("valid_until")
    raise UsageError(
        f"条目 {entry.id} {why[0]}",
        where=f"{entry.file.display}:{entry.line}",
        hint=f"要预览那天的样子，请加 --as-of {day}",
        en=f"entry {entry.id!r} {why[1]}",
        hint_en=f"to preview it as of that day, add --as-of {day}",
    )
