"""The cache in .cskit_cache/ (next to cskit.yaml): parsed files, findings, template
analyses and the duplicate index, keyed by file content, config, cskit version, word packs
and rule options, so it is never stale. `clean` removes it; `--no-cache` neither reads nor
writes it."""

from __future__ import annotations

from cskit.commands.common import say
from cskit.commands.options import LibraryOpt


def clean(library: LibraryOpt = None) -> None:
    """Remove the library's .cskit_cache/ folder."""
    from cskit.config.load import discover
    from cskit.lint.cache import clean as clean_cache

    config_path, library_dir = discover(library)
    root = config_path.parent if config_path else library_dir
    removed = clean_cache(root)
    if removed:
        say(f"已删除 {removed[0]}", f"removed {removed[0]}")
    else:
        say(f"{root} 里没有缓存", f"no cache in {root}")
