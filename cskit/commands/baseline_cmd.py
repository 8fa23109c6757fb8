"""Accept the findings a library has today; `cskit lint --baseline FILE` then reports only
new ones. `write` records them, `prune` drops the ones that were fixed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cskit.commands.options import (
    AsOfOpt,
    IgnoreOpt,
    LibraryOpt,
    NoCacheOpt,
    QuietOpt,
    SelectOpt,
    split_list,
)

if TYPE_CHECKING:
    from cskit.findings import Finding
    from cskit.library.model import Library

FileArg = Annotated[
    Path | None,
    typer.Argument(
        help="Baseline file (default: .cskit-baseline.json next to cskit.yaml).",
        show_default=False,
    ),
]


def write(
    file: FileArg = None,
    library: LibraryOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Write every current finding to the baseline file (replacing it)."""
    from cskit.lint import baseline as baselines

    lib, findings = _lint(library, no_cache, as_of, select, ignore)
    path = file or baselines.default_path(lib.config)
    data = baselines.Baseline.from_findings(findings)
    baselines.save(path, data, lib.config.root)
    if not quiet:
        typer.echo(f"wrote {len(data)} finding(s) to {path}")


def prune(
    file: FileArg = None,
    library: LibraryOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Drop baseline items that no longer occur (fixed findings); never adds new ones."""
    from cskit.lint import baseline as baselines

    lib, findings = _lint(library, no_cache, as_of, select, ignore)
    path = file or baselines.default_path(lib.config)
    loaded = baselines.load(path)
    pruned, removed = baselines.prune(loaded, findings)
    if removed:
        baselines.save(path, pruned, lib.config.root, expect=loaded.digest)
    if not quiet:
        typer.echo(f"removed {removed} item(s) from {path}; {len(pruned)} left")


def _lint(
    library: Path | None,
    no_cache: bool,
    as_of: str | None,
    select: list[str] | None,
    ignore: list[str] | None,
) -> tuple[Library, list[Finding]]:
    from cskit.dates import parse_as_of
    from cskit.library.load import load_library
    from cskit.lint.engine import lint

    lib = load_library(library, use_cache=not no_cache)
    result = lint(
        lib,
        as_of=parse_as_of(as_of),
        select=split_list(select) or None,
        ignore=split_list(ignore),
        cache=not no_cache,
    )
    return lib, result.findings
