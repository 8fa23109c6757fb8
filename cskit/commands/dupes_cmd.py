"""``cskit dupes``: duplicate, near-duplicate, shared-question and conflict clusters."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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

FORMATS = ("text", "json")


def dupes(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATHS]...",
            help="Only clusters with an entry from these files, or from the library files "
            "below these folders (compared with the whole library).",
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

    With PATHS (files, or folders: the library files below them), --staged or
    --changed-since, only clusters holding an entry of those files or a changed entry are
    shown (both given: an entry that is in both); the whole library is still compared, so an
    edited entry's unchanged twin is found. A path outside the library is an error (exit 2).
    """
    from cskit.commands.common import choice, emit
    from cskit.commands.options import normalise_lang, split_list
    from cskit.config.model import FAIL_ON
    from cskit.dates import parse_as_of
    from cskit.dupes.report import render, render_explain
    from cskit.errors import UsageError
    from cskit.lint.clusters import DupesOptions, explain_pair, run

    fmt = choice(format, FORMATS, "--format")
    if fail_on is not None:
        choice(fail_on, FAIL_ON, "--fail-on")
    language = normalise_lang(lang)
    if explain_ids is not None:
        if staged or changed_since:
            raise UsageError(
                "--explain 比较两个条目，不能与 --staged 或 --changed-since 同用",
                hint="去掉其中一个",
                en="--explain compares two entries; it does not combine with --staged or "
                "--changed-since",
                hint_en="drop one of them",
            )
        explained, configured = explain_pair(
            library, explain_ids, workers=workers, use_cache=not no_cache
        )
        emit(render_explain(explained, fmt, language or configured), output)
        raise typer.Exit(0)
    options = DupesOptions(
        as_of=parse_as_of(as_of),
        select=split_list(select),
        ignore=split_list(ignore),
        lang=language,
        fail_on=fail_on,
        paths=files or [],
        staged=staged,
        changed_since=changed_since,
        workers=workers,
        use_cache=not no_cache,
        starting=None if quiet else _looking,
    )
    outcome = run(library, options)
    emit(render(outcome.shown, fmt, quiet), output)
    raise typer.Exit(outcome.exit_code)


def _looking(language: str) -> None:
    """A line on a terminal before the search (it may take a while on a large library)."""
    from cskit.progress import bars_allowed

    if bars_allowed():
        typer.echo(
            "正在查找重复与冲突…" if language != "en" else "Looking for duplicates…", err=True
        )
