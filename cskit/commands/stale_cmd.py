"""``cskit stale``: the review queue, by owner, most urgent first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cskit.commands.common import choice, emit
from cskit.commands.options import (
    AsOfOpt,
    ChangedSinceOpt,
    FailOnOpt,
    IgnoreOpt,
    LangOpt,
    LibraryOpt,
    NoCacheOpt,
    OutputOpt,
    QuietOpt,
    SelectOpt,
    normalise_lang,
    split_list,
)

if TYPE_CHECKING:
    from cskit.library.model import Library
    from cskit.review.queue import Usage


def stale(
    library: LibraryOpt = None,
    owner: Annotated[
        list[str] | None,
        typer.Option(
            "--owner",
            help="Only these owners' entries (repeat or comma-separate).",
            show_default=False,
        ),
    ] = None,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            help="Also list what becomes due within this window (14d, 2w, 1m), marked 即将到期.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text, json or csv.")
    ] = "text",
    output: OutputOpt = None,
    quiet: QuietOpt = False,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = None,
    lang: LangOpt = None,
    # -- changed-only runs (cskit.library.changes), as in `cskit lint` --
    staged: Annotated[
        bool,
        typer.Option(
            "--staged",
            help="Only entries changed in the git index (the pre-commit case).",
        ),
    ] = False,
    changed_since: ChangedSinceOpt = None,
    # -- usage from chat logs (cskit.coverage.usage) --
    usage: Annotated[
        list[Path] | None,
        typer.Option(
            "--usage",
            help="Chat logs (csv, xlsx, jsonl): queue active entries agents have not sent "
            "for --unused-days (repeatable).",
            show_default=False,
        ),
    ] = None,
    unused_days: Annotated[
        int, typer.Option("--unused-days", help="With --usage: days without a use.")
    ] = 90,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="With --usage: name a log column or role value (as in cskit coverage).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """The review queue: expired, contradicting, fact-changed and overdue entries, by owner.

    Exit code 1 when a stale entry has a finding at or above --fail-on (default: the
    config's lint.fail_on), else 0; entries only coming due never fail the run.

    With --staged or --changed-since, only changed entries are queued (and entries whose
    reference points at an entry the change archived, as `cskit lint` reports them).

    With --usage, agent turns of the chat logs are matched to entry answers, and active
    entries not sent for --unused-days days are queued as 久未使用 (info).
    """
    from cskit.config.model import FAIL_ON
    from cskit.dates import parse_as_of, parse_within
    from cskit.library import changes as gitdiff
    from cskit.library.load import load_library
    from cskit.review.queue import review_queue
    from cskit.review.report import FORMATS, render

    fmt = choice(format, FORMATS, "--format")
    if fail_on is not None:
        choice(fail_on, FAIL_ON, "--fail-on")
    day = parse_as_of(as_of)
    window = parse_within(within) if within is not None else None
    language = normalise_lang(lang)
    lib = load_library(library, use_cache=not no_cache)
    changes = gitdiff.from_options(lib, staged_=staged, since=changed_since)
    changed, changed_files = changes.as_lint_args() if changes is not None else (None, None)
    if usage:
        from cskit.commands.common import check_outputs
        from cskit.fileio import protect

        protect(usage)  # a chat log read is never the report's target
        check_outputs(output)
    used = _usage(lib, usage, unused_days, map_) if usage else None
    queue = review_queue(
        lib,
        as_of=day,
        within=window,
        owners=split_list(owner),
        select=split_list(select) or None,
        ignore=split_list(ignore),
        lang=language,
        show_progress=not quiet,
        changed=changed,
        changed_files=changed_files,
        usage=used,
    )
    emit(render(queue, fmt, lang=language or lib.config.language, quiet=quiet), output)
    raise typer.Exit(queue.exit_code(fail_on or lib.config.lint.fail_on))


def _usage(lib: Library, logs: list[Path], days: int, map_: list[str] | None) -> Usage:
    """When agents last sent each active entry, from the chat logs."""
    from cskit.coverage.logcolumns import Mapping_
    from cskit.coverage.usage import agent_usage
    from cskit.errors import UsageError
    from cskit.review.queue import Usage

    if days < 1:
        raise UsageError(
            f"--unused-days {days} 至少为 1", en=f"--unused-days {days} must be 1 or more"
        )
    entries = [(e.id, [e.answer, *e.channels.values()]) for e in lib.entries if e.id and e.active]
    found = agent_usage(entries, logs, Mapping_.parse(split_list(map_)))
    return Usage(found.last_used, found.first_day, found.last_day, days)
