"""``cskit import FILE.xlsx``: merge an edited workbook into the library (docs/excel.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cskit.commands.common import check_outputs, choice, emit
from cskit.commands.options import (
    AsOfOpt,
    DryRunOpt,
    LangOpt,
    LibraryOpt,
    NoCacheOpt,
    OutputOpt,
    normalise_lang,
)
from cskit.errors import set_language


def import_(
    file: Annotated[Path, typer.Argument(help="The edited workbook (.xlsx from cskit export).")],
    dry_run: DryRunOpt = False,
    annotate_to: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            help="Also write a copy of the workbook with every reported cell marked.",
            show_default=False,
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List unchanged entries too.")
    ] = False,
    library: LibraryOpt = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Report format: text or json.")
    ] = "text",
    output: OutputOpt = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Print the report only when the import is refused."),
    ] = False,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    """Merge an edited workbook into the library: all or nothing, with a per-cell report."""
    from cskit.dates import parse_as_of
    from cskit.excel.importer import import_sheet
    from cskit.excel.read import read_sheet
    from cskit.excel.report import annotate, render_json, render_text
    from cskit.fileio import protect
    from cskit.library.load import load_library

    fmt = choice(format, ("text", "json"), "--format")
    lib = load_library(library, use_cache=not no_cache)
    protect([file])  # no report or annotated copy may replace the workbook itself
    check_outputs(annotate_to, output)  # before anything is written
    language = normalise_lang(lang) or lib.config.language
    set_language(language)  # errors from here on speak it too
    sheet = read_sheet(file)
    result = import_sheet(lib, sheet, as_of=parse_as_of(as_of), dry_run=dry_run, lang=language)
    if annotate_to is not None:
        annotate(file, annotate_to, result, lang=language)
    if fmt == "json":
        emit(render_json(result, lang=language), output)
    elif not quiet or result.refused:
        emit(render_text(result, lang=language, dry_run=dry_run, verbose=verbose), output)
    raise typer.Exit(1 if result.refused else 0)
