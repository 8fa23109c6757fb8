"""``cskit review ID…``: record that entries were reviewed today, without hand-editing dates.

Each entry's ``reviewed`` becomes the review day (``--as-of``, default today). Ids may be
exact or globs (``promo-*``); one that names nothing is a usage error with a did-you-mean.
An entry already reviewed on that day or later is left as it is. The write goes through
:func:`cskit.library.yamlwrite.apply_edits`, like ``cskit import``: only the changed lines,
every file or none.
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

from cskit.errors import UsageError
from cskit.library.model import Entry, Library
from cskit.library.yamlwrite import FileEdit, apply_edits, plan_text


@dataclass
class Reviewed:
    day: dt.date
    marked: list[Entry] = field(default_factory=list)  # reviewed is now ``day``
    current: list[Entry] = field(default_factory=list)  # already reviewed that day or later
    files: list[Path] = field(default_factory=list)  # written (or, dry run, would be)
    written: bool = False


def mark_reviewed(
    lib: Library, patterns: list[str], day: dt.date, *, today: dt.date, dry_run: bool = False
) -> Reviewed:
    """Set ``reviewed: day`` on every entry ``patterns`` name; write unless ``dry_run``."""
    if day > today + dt.timedelta(days=1):  # a day of slack for time zones, as S002 allows
        raise UsageError(
            f"--as-of {day} 在将来：复核日期不能记到将来",
            hint="不写 --as-of 就是今天",
            en=f"--as-of {day} is in the future; a review cannot be recorded ahead",
            hint_en="leave out --as-of for today",
        )
    result = Reviewed(day)
    edits: dict[Path, FileEdit] = {}
    for entry in chosen(lib, patterns):
        current = entry.date("reviewed")
        if current is not None and current >= day:
            result.current.append(entry)
            continue
        edit = edits.setdefault(entry.file.path, FileEdit(entry.file.path))
        edit.updates[entry.index] = {"reviewed": day}
        result.marked.append(entry)
    if not edits:
        return result
    planned = list(edits.values())
    if dry_run:
        for edit in planned:
            plan_text(edit)  # what would fail a write (an anchor in the entry) fails here too
        result.files = [e.path for e in planned]
    else:
        result.files = apply_edits(planned, lib)  # locked, checked against what was read
        result.written = bool(result.files)
    return result


def chosen(lib: Library, patterns: list[str]) -> list[Entry]:
    """The entries the ids or globs name, in library order; an unknown one is an error."""
    if not patterns:
        raise UsageError(
            "请写出要标记为已复核的条目编号",
            hint="例如 cskit review order-cancel，或 cskit review 'promo-*'",
            en="name the entries to mark as reviewed",
            hint_en="e.g. cskit review order-cancel, or cskit review 'promo-*'",
        )
    ids = [e.id for e in lib.entries if e.id]
    for pattern in patterns:
        if not any(fnmatch.fnmatchcase(i, pattern) for i in ids):
            close = difflib.get_close_matches(pattern, ids, n=1, cutoff=0.6)
            raise UsageError(
                f"没有编号为 {pattern} 的条目",
                hint=f"是不是 {close[0]}？" if close else "可以用 order-* 这样的通配符",
                en=f"no entry has the id {pattern!r}",
                hint_en=f"did you mean {close[0]}?" if close else "globs such as order-* work",
            )
    return [e for e in lib.entries if e.id and any(fnmatch.fnmatchcase(e.id, p) for p in patterns)]
