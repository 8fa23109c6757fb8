"""The cache in .cskit_cache/ (next to cskit.yaml): parsed files, findings, template
analyses and the duplicate index, keyed by file content, config, cskit version, word packs
and rule options, so it is never stale. `clean` removes it; `--no-cache` neither reads nor
writes it."""

from __future__ import annotations

import typer

from cskit.commands.options import LibraryOpt


def clean(library: LibraryOpt = None) -> None:
    """Remove the library's .cskit_cache/ folder."""
    from cskit.config.load import discover
    from cskit.lint.cache import clean as clean_cache

    config_path, library_dir = discover(library)
    root = config_path.parent if config_path else library_dir
    removed = clean_cache(root)
    typer.echo(f"removed {removed[0]}" if removed else f"no cache in {root}")
