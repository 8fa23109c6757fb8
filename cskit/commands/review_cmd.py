"""``cskit review ID…``: mark entries reviewed today (or ``--as-of``) in one step."""

from __future__ import annotations

from typing import Annotated

import typer

from cskit.commands.options import (
    AsOfOpt,
    LangOpt,
    LibraryOpt,
    NoCacheOpt,
    QuietOpt,
    normalise_lang,
)
from cskit.errors import set_language


def review(
    ids: Annotated[
        list[str] | None,
        typer.Argument(help="Entry ids to mark reviewed; globs such as 'promo-*' work."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Say what would change; write nothing.")
    ] = False,
    library: LibraryOpt = None,
    quiet: QuietOpt = False,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    """Mark entries reviewed: their `reviewed` date becomes today (or --as-of).

    Entries already reviewed on that day or later are left as they are. Only the changed
    lines are rewritten; comments and formatting stay."""
    import datetime as dt

    from cskit.dates import parse_as_of
    from cskit.library.load import load_library
    from cskit.review.mark import mark_reviewed

    day = parse_as_of(as_of)
    lib = load_library(library, use_cache=not no_cache)
    language = normalise_lang(lang) or lib.config.language
    set_language(language)  # errors from here on speak it too
    en = language == "en"
    result = mark_reviewed(lib, ids or [], day, today=dt.date.today(), dry_run=dry_run)
    if quiet:
        return
    for entry in result.current:
        reviewed = entry.date("reviewed")
        typer.echo(
            f"unchanged {entry.id}: already reviewed {reviewed}"
            if en
            else f"未改动 {entry.id}：审核日期已是 {reviewed}"
        )
    for entry in result.marked:
        typer.echo(f"{'reviewed' if en else '已复核'} {entry.id} ({entry.file.display})")
    n = len(result.marked)
    if en:
        verb = "would be marked" if dry_run else "marked"
        typer.echo(f"{n} entr{'y' if n == 1 else 'ies'} {verb} reviewed on {day}.")
    elif dry_run:
        typer.echo(f"试运行：将把 {n} 个条目的审核日期记为 {day}，本次未写入。")
    else:
        typer.echo(f"已把 {n} 个条目的审核日期记为 {day}。")
