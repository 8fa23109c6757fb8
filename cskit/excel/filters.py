"""Which entries ``cskit export`` writes: the filters, checked against what exists.

A filter value is a key or the label the sheet shows (``--category 投诉纠纷`` is
``complaint``, ``--status 停用`` is ``archived``). A value that names nothing is a usage
error (exit 2) with a did-you-mean, never an empty workbook: ``--owner 售后`` asks
"是不是 售后组？". Filters that are each valid but select nothing together are not an error
(the command says so; an empty sheet is still a place to add new rows).
"""

from __future__ import annotations

import difflib
import fnmatch
from dataclasses import dataclass, field, replace

from cskit.errors import GitError, UsageError
from cskit.excel.base import git_ok, git_root, git_show, rel_path, row_values, values_by_id
from cskit.excel.typed import ENUMS, SYNONYMS, closest, named, options, resolve_choice
from cskit.library.model import Entry, Library


@dataclass
class ExportFilters:
    categories: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # exact ids or globs (order-*)
    changed_since: str | None = None


_OPTIONS = (
    ("categories", "category", "--category", "分类"),
    ("kinds", "kind", "--kind", "类型"),
    ("statuses", "status", "--status", "状态"),
    ("owners", "owner", "--owner", "负责人"),
)


def checked(lib: Library, f: ExportFilters) -> ExportFilters:
    """``f`` with every value as its key; :class:`UsageError` for a value that names
    nothing, with the closest name (key and label)."""
    out = replace(f)
    for attr, key, option, label in _OPTIONS:
        choices = _choices(lib, key)
        resolved = []
        for value in getattr(f, attr):
            found = resolve_choice(value, choices, SYNONYMS.get(key, {}))
            if found is None:
                raise _unknown(option, label, value, choices, key)
            resolved.append(found)
        setattr(out, attr, resolved)
    ids = [e.id for e in lib.entries if e.id]
    for pattern in f.ids:
        if not any(fnmatch.fnmatchcase(i, pattern) for i in ids):
            close = difflib.get_close_matches(pattern, ids, n=1, cutoff=0.6)
            raise UsageError(
                f"--ids “{pattern}”：没有这个编号的条目",
                hint=f"是不是 {close[0]}？" if close else "可以用 order-* 这样的通配符",
                en=f"--ids {pattern!r}: no entry has this id",
                hint_en=f"did you mean {close[0]}?" if close else "globs such as order-* work",
            )
    return out


def _choices(lib: Library, key: str) -> dict[str, str]:
    """The values a filter takes, with labels: the configured ones, plus any the library
    uses (a library without ``owners:`` in cskit.yaml still has owners)."""
    config = lib.config
    found = options(key, config.categories, config.owners)
    if key in ENUMS:
        return found
    used = {e.category if key == "category" else e.owner for e in lib.entries}
    return {**found, **{u: "" for u in sorted(used) if u and u not in found}}


def _unknown(option: str, label: str, value: str, choices: dict[str, str], key: str) -> UsageError:
    guess = closest(value, choices, SYNONYMS.get(key))
    listed = "、".join(named(k, v) for k, v in choices.items()) or "（无）"
    listed_en = ", ".join(named(k, v) for k, v in choices.items()) or "(none)"
    return UsageError(
        f"{option} “{value}”：没有这个{label}",
        hint=(f"是不是 {named(guess, choices[guess])}？" if guess else "") + f"可选：{listed}",
        en=f"{option} {value!r}: no such {key}",
        hint_en=(f"did you mean {named(guess, choices[guess])}? " if guess else "")
        + f"one of: {listed_en}",
    )


def select(lib: Library, f: ExportFilters) -> list[Entry]:
    changed = _changed_ids(lib, f.changed_since) if f.changed_since else None
    out = []
    for e in lib.entries:
        if f.categories and e.category not in f.categories:
            continue
        if f.kinds and e.kind not in f.kinds:
            continue
        if f.statuses and e.status not in f.statuses:
            continue
        if f.owners and e.owner not in f.owners:
            continue
        if f.ids and not any(fnmatch.fnmatchcase(e.id, p) for p in f.ids):
            continue
        if changed is not None and e.id not in changed:
            continue
        out.append(e)
    return out


def _changed_ids(lib: Library, ref: str) -> set[str]:
    """Ids whose rendered values differ from what the files said at ``ref`` (new ids too)."""
    root = lib.root.resolve()
    repo = git_root(root)
    if repo is None:
        raise GitError(
            "--changed-since 需要库在 git 仓库里",
            en="--changed-since needs the library to be in a git repository",
        )
    if not git_ok(root, ref):
        raise UsageError(
            f"--changed-since {ref!r}：没有这个提交",
            hint="试试 HEAD~1 或一个标签",
            en=f"--changed-since {ref!r}: no such commit",
            hint_en="try HEAD~1 or a tag",
        )
    before: dict[str, dict[str, str]] = {}
    for source in lib.files:
        blob = git_show(root, ref, rel_path(source.path.resolve(), repo))
        if blob is None:
            continue
        for rid, values in values_by_id(blob).items():
            before[rid] = values
    return {e.id for e in lib.entries if before.get(e.id) != row_values(e.data)}
