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
        listed = ", ".join(allowed)
        raise UsageError(
            f"{option} {value!r} 不是可选值之一：{listed}",
            en=f"{option} {value!r} is not one of {listed}",
        )
    return value


def notes(lines: list[str], quiet: bool) -> None:
    """Notes for the person at the terminal (stderr, so machine formats stay clean)."""
    if quiet:
        return
    for line in lines:
        typer.echo(line, err=True)


def say(zh: str, en: str, *, err: bool = False) -> None:
    """One line in the process language (``--lang``, else cskit.yaml's ``language``)."""
    from cskit.errors import language

    typer.echo(en if language() == "en" else zh, err=err)


def exit_with(code: int) -> None:
    raise typer.Exit(code)
