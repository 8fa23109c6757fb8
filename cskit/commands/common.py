"""Small helpers the command modules share: output destination and option checks."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cskit.errors import UsageError


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it atomically to ``output``."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from cskit.fileio import atomic_write_text

    try:
        atomic_write_text(output, text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror}") from None


def choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise UsageError(f"{option} {value!r} is not one of {', '.join(allowed)}")
    return value


def exit_with(code: int) -> None:
    raise typer.Exit(code)
