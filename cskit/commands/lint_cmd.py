"""``cskit lint``: run the rules and report (the run itself is :mod:`cskit.lint.run`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cskit.commands.common import choice, emit, notes
from cskit.commands.options import (
    AsOfOpt,
    ChangedSinceOpt,
    FailOnOpt,
    FormatOpt,
    IgnoreOpt,
    LangOpt,
    LibraryOpt,
    NoCacheOpt,
    OutputOpt,
    QuietOpt,
    SelectOpt,
    StagedOpt,
    normalise_lang,
    split_list,
)


def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATHS]...",
            help="Report only findings touching these files, or the library files below these "
            "folders (the whole library is still loaded). A folder holding cskit.yaml is that "
            "library. A path outside the library is an error (exit 2).",
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
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Apply the safe fixes (typography), then report what remains.",
        ),
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes",
            help="With --fix or --diff, also the fixes that rewrite content (S004: a "
            "hard-coded value replaced by its fact). Review them.",
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Show the fixes as a unified diff; write nothing."),
    ] = False,
    skip_outside: Annotated[
        bool,
        typer.Option(
            "--skip-outside",
            help="Skip paths outside the library instead of failing (the pre-commit hook "
            "passes every staged YAML file).",
        ),
    ] = False,
    # -- changed-only runs and baselines (cskit.library.changes, cskit.lint.baseline) --
    staged: StagedOpt = False,
    changed_since: ChangedSinceOpt = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Report only findings not in this baseline (see `cskit baseline write`).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check the library: schema, templates, duplicates, staleness, wording, typography."""
    from cskit.config.model import FAIL_ON
    from cskit.dates import parse_as_of
    from cskit.lint.report import FORMATS, render
    from cskit.lint.run import LintOptions, run

    fmt = choice(format, FORMATS, "--format")
    if fail_on is not None:
        choice(fail_on, FAIL_ON, "--fail-on")
    options = LintOptions(
        as_of=parse_as_of(as_of),
        select=split_list(select) or None,
        ignore=split_list(ignore),
        lang=normalise_lang(lang),
        fail_on=fail_on,
        paths=paths or [],
        skip_outside=skip_outside,
        staged=staged,
        changed_since=changed_since,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        baseline=baseline,
        use_cache=not no_cache,
        show_progress=not quiet,
        outputs=[output] if output is not None else [],
    )
    outcome = run(library, options)
    notes(outcome.notes, quiet)
    if outcome.diff is not None:
        emit(outcome.diff, output)
    else:
        emit(render(outcome.result, fmt, quiet=quiet, fail_on=outcome.fail_on), output)
    raise typer.Exit(outcome.exit_code)
