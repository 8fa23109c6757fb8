"""``cskit init DIR``: scaffold a small library that lints clean."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from cskit.errors import UsageError

# scaffold file → where it goes in the new library
_FILES = {
    "cskit.yaml": "cskit.yaml",  # cskit.config.model.CONFIG_NAME (not imported: it loads PyYAML)
    "scripts/basics.yaml": "scripts/basics.yaml",
    "templates/shipped-notice.j2": "templates/shipped-notice.j2",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
}


def init(
    directory: Annotated[
        Path, typer.Argument(help="Folder for the new library (created if needed).")
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the scaffold's files if they exist.")
    ] = False,
) -> None:
    """Create a working library: cskit.yaml, a few entries, a template, a pre-commit config."""
    written = scaffold(directory, force=force)
    for path in written:
        typer.echo(f"created {path}")
    typer.echo(f"next: cskit lint --library {directory}")


def scaffold(directory: Path, *, force: bool = False, today: dt.date | None = None) -> list[Path]:
    """Write the scaffold into ``directory``; refuse to overwrite unless ``force``."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} exists and is not a folder")
    targets = {src: directory / dst for src, dst in _FILES.items()}
    clashes = [t for t in targets.values() if t.exists()]
    if clashes and not force:
        raise UsageError(
            f"{clashes[0]} already exists", hint="choose an empty folder or pass --force"
        )
    from importlib import resources

    from cskit.fileio import atomic_write_text

    stamp = (today or dt.date.today()).isoformat()
    root = resources.files("cskit") / "scaffold"
    for src, target in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        text = (root / src).read_text(encoding="utf-8").replace("__TODAY__", stamp)
        atomic_write_text(target, text)
    return list(targets.values())
