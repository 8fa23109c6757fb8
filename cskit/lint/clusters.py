"""One ``cskit dupes`` run, from options to the clusters to show: the library API behind the
command. The duplicate finder (:mod:`cskit.dupes`) finds the clusters; this module applies
the team's lint settings to them (``--select``/``--ignore``, severities, each entry's
``suppress`` items), path arguments and ``--staged``/``--changed-since``. It lives in
``lint/`` because it uses the linter's rule selection, which sits above the finder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cskit.errors import UsageError

if TYPE_CHECKING:
    from cskit.dupes.finder import Cluster, Explanation
    from cskit.dupes.report import Shown
    from cskit.library.model import Entry, Library


@dataclass
class DupesOptions:
    as_of: dt.date
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    lang: str | None = None
    fail_on: str | None = None
    paths: Sequence[Path] = ()
    staged: bool = False
    changed_since: str | None = None
    workers: int | None = None
    use_cache: bool = True
    # told once the library is loaded, before the search starts (a terminal's "looking…")
    starting: Callable[[str], None] | None = None


@dataclass
class DupesOutcome:
    shown: Shown
    exit_code: int


def run(library: Path | None, options: DupesOptions) -> DupesOutcome:
    """Find the clusters to show and the exit code (1: a member at or above ``fail_on``)."""
    from cskit.dupes.finder import Settings, find_dupes
    from cskit.dupes.report import Shown
    from cskit.findings import SEVERITY_RANK
    from cskit.library import changes as gitdiff
    from cskit.library.paths import narrow
    from cskit.lint.selection import select_rules

    if options.workers is not None and options.workers < 1:
        raise UsageError(
            f"--workers {options.workers} 至少为 1",
            en=f"--workers {options.workers} must be 1 or more",
        )
    lib = _load(library, options.paths, options.use_cache)
    language = options.lang or lib.config.language
    settings = Settings.from_config(lib.config, workers=options.workers)
    rules = select_rules(lib.config, options.select or ["D"], options.ignore)
    severity = {r.code: r.level for r in rules if r.code.startswith("D")}
    if not severity:
        raise UsageError(
            "--select 没有选中任何 D 规则",
            hint="请用 D、D001…D004 或它们的名称",
            en="--select chooses no D rule",
            hint_en="use D, D001…D004 or their names",
        )
    changed = _changed(lib, options.paths) if options.paths else None
    changes = gitdiff.from_options(lib, staged_=options.staged, since=options.changed_since)
    if changes is not None:
        changed, _ = narrow((changed, None), changes.as_lint_args())
    if options.starting is not None:
        options.starting(language)
    result = find_dupes(lib, settings, changed, cache=options.use_cache)
    clusters = _keep(result.clusters, severity, options.as_of)
    floor = options.fail_on or lib.config.lint.fail_on
    worst = max((SEVERITY_RANK[severity[m.code]] for c in clusters for m in c.members), default=0)
    code = 1 if floor != "never" and worst >= SEVERITY_RANK[floor] else 0
    return DupesOutcome(Shown(result, clusters, severity, language), code)


def explain_pair(
    library: Path | None, ids: tuple[str, str], *, workers: int | None, use_cache: bool
) -> tuple[Explanation, str]:
    """``--explain A B``: canon texts, score and verdict of two entries, and the language."""
    from cskit.dupes.finder import Settings, explain

    lib = _load(library, (), use_cache)
    settings = Settings.from_config(lib.config, workers=workers)
    a, b = (_entry(lib, i) for i in ids)
    return explain(a, b, settings), lib.config.language


def _load(library: Path | None, paths: Sequence[Path], use_cache: bool) -> Library:
    from cskit.config.load import load_config
    from cskit.library.load import load_entries
    from cskit.library.paths import discover_for

    return load_entries(load_config(*discover_for(library, paths)), use_cache=use_cache)


def _entry(lib: Library, entry_id: str) -> Entry:
    entry = lib.get(entry_id)
    if entry is None:
        raise UsageError(
            f"--explain：没有 id 为 {entry_id!r} 的条目",
            hint="id 区分大小写",
            en=f"--explain: no entry has id {entry_id!r}",
            hint_en="ids are case-sensitive",
        )
    return entry


def _changed(lib: Library, paths: Sequence[Path]) -> set[int] | None:
    """Entries of the files the paths name (None: the whole library); a path outside the
    library is an error."""
    from cskit.library.load import custom_pack_paths, template_paths
    from cskit.library.paths import outside_error, select

    entry_paths = [s.path for s in lib.files]
    sel = select(
        lib.config, entry_paths, template_paths(lib.config), custom_pack_paths(lib.config), paths
    )
    if sel.outside:
        raise outside_error(sel.outside[0], lib.config)
    if sel.everything:
        return None
    return {id(e) for s in lib.files if s.path.resolve() in sel.files for e in s.entries}


def _keep(clusters: list[Cluster], severity: dict[str, str], day: dt.date) -> list[Cluster]:
    """Members of selected codes, minus those the entry suppresses (as ``lint`` does)."""
    from cskit.dupes.finder import Cluster

    kept = []
    for cluster in clusters:
        members = [
            m
            for m in cluster.members
            if m.code in severity and not _suppressed(m.entry, m.code, day)
        ]
        if members:
            kept.append(Cluster(cluster.kind, cluster.representative, members, cluster.question))
    return kept


def _suppressed(entry: Entry, code: str, day: dt.date) -> bool:
    from cskit.lint.suppressions import entry_suppresses
    from cskit.rules.registry import BY_CODE

    return entry_suppresses(entry, code, BY_CODE[code].name, day)
