"""``cskit lint``: run the rules and report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cskit.commands.common import choice, emit
from cskit.config import CONFIG_NAME, FAIL_ON
from cskit.dates import parse_as_of
from cskit.library import Library, load_library
from cskit.linter import lint as run_lint
from cskit.options import (
    AsOfOpt,
    FailOnOpt,
    FormatOpt,
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
from cskit.report import FORMATS, render


def lint(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Report only findings touching these files (the whole library is still loaded).",
            show_default=False,
        ),
    ] = None,
    library: LibraryOpt = None,
    format: FormatOpt = "text",
    output: OutputOpt = None,
    quiet: QuietOpt = False,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = None,
    lang: LangOpt = None,
) -> None:
    """Check the library: schema, templates, duplicates, staleness, wording, typography."""
    fmt = choice(format, FORMATS, "--format")
    if fail_on is not None:
        choice(fail_on, FAIL_ON, "--fail-on")
    lib = load_library(library, use_cache=not no_cache)
    changed, changed_files = _limit_to(lib, files) if files else (None, None)
    result = run_lint(
        lib,
        as_of=parse_as_of(as_of),
        select=split_list(select) or None,
        ignore=split_list(ignore),
        lang=normalise_lang(lang),
        changed=changed,
        changed_files=changed_files,
        show_progress=not quiet,
    )
    emit(render(result, fmt, quiet=quiet), output)
    raise typer.Exit(result.exit_code(fail_on or lib.config.lint.fail_on))


def _limit_to(lib: Library, files: list[Path]) -> tuple[set[int] | None, set[str] | None]:
    """Entries and display paths of the given files; a changed cskit.yaml means everything."""
    wanted = {p.resolve() for p in files}
    if any(p.name == CONFIG_NAME for p in wanted):
        return None, None
    sources = [s for s in lib.files if s.path.resolve() in wanted]
    changed = {id(e) for s in sources for e in s.entries}
    return changed, {s.display for s in sources} | {str(p) for p in files}
