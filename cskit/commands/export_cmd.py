"""``cskit export FILE.xlsx``: the library as a workbook for content editors (docs/excel.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cskit.commands.options import (
    AsOfOpt,
    LangOpt,
    LibraryOpt,
    NoCacheOpt,
    QuietOpt,
    normalise_lang,
    split_list,
)
from cskit.errors import set_language


def export(
    file: Annotated[Path, typer.Argument(help="The workbook to write (.xlsx).")],
    category: Annotated[
        list[str] | None,
        typer.Option("--category", help="Only these categories (comma-separated)."),
    ] = None,
    kind: Annotated[list[str] | None, typer.Option("--kind", help="Only these kinds.")] = None,
    status: Annotated[
        list[str] | None, typer.Option("--status", help="Only these statuses.")
    ] = None,
    owner: Annotated[list[str] | None, typer.Option("--owner", help="Only these owners.")] = None,
    ids: Annotated[
        list[str] | None, typer.Option("--ids", help="Only these ids; globs like order-* work.")
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option("--changed-since", help="Only entries changed since this git commit."),
    ] = None,
    problems: Annotated[
        bool,
        typer.Option(
            "--problems/--no-problems",
            help="Fill the 问题 column with each row's current findings (lints the library).",
        ),
    ] = True,
    library: LibraryOpt = None,
    quiet: QuietOpt = False,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write the library (or a selection) as an Excel workbook for content editors.

    Filter values may be keys or the labels the sheet shows (--category 投诉纠纷); a value
    that names nothing is exit 2 with a did-you-mean."""
    from cskit.dates import parse_as_of
    from cskit.excel.export import ExportFilters, export_workbook
    from cskit.library.load import load_library

    day = parse_as_of(as_of)
    lib = load_library(library, use_cache=not no_cache)
    language = normalise_lang(lang) or lib.config.language
    set_language(language)  # errors from here on speak it too
    en = language == "en"
    filters = ExportFilters(
        categories=split_list(category),
        kinds=split_list(kind),
        statuses=split_list(status),
        owners=split_list(owner),
        ids=split_list(ids),
        changed_since=changed_since,
    )
    result = export_workbook(
        lib, file, filters, as_of=day, problems=problems, lang=language, show_progress=not quiet
    )
    for rid, zh, en_reason in result.skipped:
        typer.echo(f"{'skipped' if en else '未导出'} {rid}: {en_reason if en else zh}", err=True)
    if result.rows == 0:
        typer.echo(
            "warning: no entry matches all these filters; the sheet has only its header "
            "(new rows may still be added)"
            if en
            else "警告：没有同时符合这些条件的条目，表格里只有表头（仍可在里面新增条目）",
            err=True,
        )
    if not quiet:
        if en:
            typer.echo(f"Exported {result.rows} entries to {file}.")
        else:
            typer.echo(f"已导出 {result.rows} 个条目到 {file}。")
