"""``cskit adopt FILE``: turn an existing quick-phrase export or sheet into library entries."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cskit.commands.common import choice, emit
from cskit.commands.options import (
    AsOfOpt,
    DryRunOpt,
    LangOpt,
    LibraryOpt,
    NoCacheOpt,
    OutputOpt,
    ReportFormatOpt,
    normalise_lang,
)
from cskit.errors import UsageError, set_language


def adopt(
    file: Annotated[Path, typer.Argument(help="The phrase export or sheet (.csv or .xlsx).")],
    profile: Annotated[
        str | None,
        typer.Option("--profile", "-p", help="Read the columns a publishing profile writes."),
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="Header mapping: 短语内容=text (fields: group code text title question "
            "similar questions conditions tags valid_from valid_until ignore).",
            show_default=False,
        ),
    ] = None,
    groups: Annotated[
        Path | None,
        typer.Option(
            "--groups",
            help="The group → category mapping file (written for you when it is missing).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[str, typer.Option("--kind", help="Kind of the new entries.")] = "script",
    stage: Annotated[
        str | None, typer.Option("--stage", help="Stage of new scripts.", show_default=False)
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="Owner of the new entries.", show_default=False)
    ] = None,
    category: Annotated[
        str | None,
        typer.Option("--category", help="Category for rows without a group.", show_default=False),
    ] = None,
    status: Annotated[
        str, typer.Option("--status", help="Status of the new entries: active or draft.")
    ] = "active",
    reviewed: Annotated[
        str | None,
        typer.Option(
            "--reviewed", help="Their reviewed date (default: --as-of).", show_default=False
        ),
    ] = None,
    into: Annotated[
        Path | None,
        typer.Option("--into", help="Put every new entry into this YAML file of the library."),
    ] = None,
    skip_duplicates: Annotated[
        bool,
        typer.Option(
            "--skip-duplicates", help="Leave out rows whose text an entry already has (D001)."
        ),
    ] = False,
    dry_run: DryRunOpt = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List warnings and notes too.")
    ] = False,
    as_of: AsOfOpt = None,
    library: LibraryOpt = None,
    format: ReportFormatOpt = "text",
    output: OutputOpt = None,
    no_cache: NoCacheOpt = False,
    lang: LangOpt = None,
) -> None:
    """Adopt existing quick phrases as new entries: all or nothing, duplicates reported first.

    Exit codes: 0 adopted (or a clean dry run); 1 refused (problems, duplicates, conflicts)
    or a group mapping file was written for you to fill in; 2 bad options or input.
    """
    from cskit.dates import as_date, parse_as_of
    from cskit.library.load import load_library
    from cskit.publish.adopt import adopt as run
    from cskit.publish.adoptmodel import Options
    from cskit.publish.adoptreport import render_json, render_text
    from cskit.publish.intake import parse_map
    from cskit.publish.profiles import load_profile

    set_language(normalise_lang(lang))
    fmt = choice(format, ("text", "json"), "--format")
    choice(status, ("active", "draft"), "--status")
    lib = load_library(library, use_cache=not no_cache)
    language = normalise_lang(lang) or lib.config.language
    set_language(language)
    day = parse_as_of(as_of)
    review_day = as_date(reviewed) if reviewed is not None else None
    if reviewed is not None and review_day is None:
        raise UsageError(
            f"--reviewed {reviewed!r} 不是日期",
            hint="写成 2026-11-22",
            en=f"--reviewed {reviewed!r} is not a date",
            hint_en="write it as YYYY-MM-DD",
        )
    options = Options(
        profile=load_profile(lib.config, profile) if profile else None,
        mapping=parse_map(map_),
        groups_file=groups,
        kind=kind,
        stage=stage or "",
        owner=owner or "",
        category=category or "",
        status=status,
        reviewed=review_day,
        into=into,
        skip_duplicates=skip_duplicates,
        dry_run=dry_run,
        as_of=day,
    )
    result = run(lib, file, options)
    if fmt == "json":
        emit(render_json(result, language), output)
    else:
        emit(render_text(result, language, verbose=verbose), output)
    raise typer.Exit(1 if result.refused else 0)
