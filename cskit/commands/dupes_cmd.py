"""``cskit dupes``: duplicate, near-duplicate, shared-question and conflict clusters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cskit.commands.options import (
    AsOfOpt,
    FailOnOpt,
    IgnoreOpt,
    LangOpt,
    LibraryOpt,
    NoCacheOpt,
    OutputOpt,
    QuietOpt,
    SelectOpt,
)

if TYPE_CHECKING:
    from cskit.dupes.finder import Cluster
    from cskit.library.model import Entry, Library

FORMATS = ("text", "json")


def dupes(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Only clusters with an entry from these files (compared with the whole library).",
            show_default=False,
        ),
    ] = None,
    library: LibraryOpt = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text or json.")
    ] = "text",
    output: OutputOpt = None,
    quiet: QuietOpt = False,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = None,
    lang: LangOpt = None,
    explain_ids: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--explain",
            metavar="A B",
            help="Show canon texts, score and diff of two entries.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            help="Threads for the similarity search (default: all cores).",
            show_default=False,
        ),
    ] = None,
    # -- changed-only runs (cskit.library.changes), as in `cskit lint` --
    staged: Annotated[
        bool,
        typer.Option(
            "--staged",
            help="Only clusters with an entry changed in the git index (the pre-commit case); "
            "changed entries are still compared with the whole library.",
        ),
    ] = False,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REF",
            help="Only clusters with an entry changed since the merge base of REF and HEAD "
            "(e.g. origin/main).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Find duplicate, near-duplicate and conflicting answers and shared questions, as clusters.

    With FILES, --staged or --changed-since, only clusters holding an entry of those files or
    a changed entry are shown (both given: an entry that is in both); the whole library is
    still compared, so an edited entry's unchanged twin is found.
    """
    from cskit.commands.common import choice, emit, narrow
    from cskit.commands.options import normalise_lang, split_list
    from cskit.config.model import FAIL_ON
    from cskit.dates import parse_as_of
    from cskit.dupes.finder import Settings, explain, find_dupes
    from cskit.dupes.report import Shown, render, render_explain
    from cskit.errors import UsageError
    from cskit.findings import SEVERITY_RANK
    from cskit.library import changes as gitdiff
    from cskit.library.load import load_library
    from cskit.lint.selection import select_rules
    from cskit.progress import bars_allowed

    fmt = choice(format, FORMATS, "--format")
    if fail_on is not None:
        choice(fail_on, FAIL_ON, "--fail-on")
    for path in files or ():
        if not path.exists():
            raise UsageError(f"{path} does not exist", hint="pass files of the library")
    day = parse_as_of(as_of)
    if workers is not None and workers < 1:
        raise UsageError(f"--workers {workers} must be 1 or more")
    lib = load_library(library, use_cache=not no_cache)
    language = normalise_lang(lang) or lib.config.language
    settings = Settings.from_config(lib.config, workers=workers)
    if explain_ids is not None:
        if staged or changed_since:
            raise UsageError(
                "--explain compares two entries; it does not combine with --staged or "
                "--changed-since",
                hint="drop one of them",
            )
        a, b = (_entry(lib, i) for i in explain_ids)
        emit(render_explain(explain(a, b, settings), fmt, language), output)
        raise typer.Exit(0)
    rules = select_rules(lib.config, split_list(select) or ["D"], split_list(ignore))
    severity = {r.code: r.level for r in rules if r.code.startswith("D")}
    if not severity:
        raise UsageError("--select chooses no D rule", hint="use D, D001…D004 or their names")
    changed = _changed(lib, files) if files else None
    changes = gitdiff.from_options(lib, staged_=staged, since=changed_since)
    if changes is not None:
        changed, _ = narrow((changed, None), changes.as_lint_args())
    if not quiet and bars_allowed():
        typer.echo(
            "正在查找重复与冲突…" if language != "en" else "Looking for duplicates…", err=True
        )
    result = find_dupes(lib, settings, changed, cache=not no_cache)
    clusters = _keep(result.clusters, severity, day)
    emit(render(Shown(result, clusters, severity, language), fmt, quiet), output)
    floor = fail_on or lib.config.lint.fail_on
    worst = max((SEVERITY_RANK[severity[m.code]] for c in clusters for m in c.members), default=0)
    raise typer.Exit(1 if floor != "never" and worst >= SEVERITY_RANK[floor] else 0)


def _entry(lib: Library, entry_id: str) -> Entry:
    from cskit.errors import UsageError

    entry = lib.get(entry_id)
    if entry is None:
        raise UsageError(f"--explain: no entry has id {entry_id!r}", hint="ids are case-sensitive")
    return entry


def _changed(lib: Library, files: list[Path]) -> set[int] | None:
    from cskit.config.model import CONFIG_NAME

    wanted = {p.resolve() for p in files}
    if any(p.name == CONFIG_NAME for p in wanted):
        return None
    known = {s.path.resolve() for s in lib.files}
    for path in sorted(wanted - known):
        typer.echo(f"note: {path} is not part of the library; skipped", err=True)
    return {id(e) for s in lib.files if s.path.resolve() in wanted for e in s.entries}


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
