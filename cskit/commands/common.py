"""Small helpers the command modules share: output destination and option checks."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cskit.errors import UsageError


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it atomically to ``output``: a regular file, never one of
    the library's or the run's inputs (:func:`cskit.fileio.write_output`)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from cskit.fileio import write_output

    write_output(output, text.encode("utf-8"))


def check_outputs(*paths: Path | None) -> None:
    """Refuse bad output paths before a command does any work (or writes the library)."""
    from cskit.fileio import check_output

    for path in paths:
        if path is not None:
            check_output(path)


def choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise UsageError(f"{option} {value!r} is not one of {', '.join(allowed)}")
    return value


Limit = tuple[set[int] | None, set[str] | None]
"""``(entries, files)`` a run reports on: ``id()`` of entries and display paths; None is all."""


def narrow(a: Limit, b: Limit) -> Limit:
    """Both limits at once (``--staged`` with the files pre-commit passes): None is "all"."""
    entries = a[0] if b[0] is None else b[0] if a[0] is None else a[0] & b[0]
    files = a[1] if b[1] is None else b[1] if a[1] is None else a[1] & b[1]
    return entries, files


def exit_with(code: int) -> None:
    raise typer.Exit(code)
