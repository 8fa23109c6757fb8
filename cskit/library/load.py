"""The library on disk: entry files, entries with positions, and the parse cache.

``load_library`` is the one way in. It reads every ``*.yaml`` under the library folder,
parses changed files with the fast reader (``cskit.yamlread``) and takes unchanged ones from
``.cskit_cache/`` (keyed by content hash), so a warm run does almost no YAML work.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from cskit import gcpause
from cskit.config.load import discover, load_config
from cskit.config.model import CONFIG_NAME, Config
from cskit.errors import InputError
from cskit.fileio import read_input, reason
from cskit.library.model import CACHE_DIR, Entry, Library, SourceFile, display_path
from cskit.library.parsecache import (
    CACHE_FILE,
    load_item,
    parse_bytes,
    parse_many,
    read_cache,
    write_cache,
)
from cskit.yamlread import Document, YamlError

_SKIP_DIRS = {CACHE_DIR, "node_modules", "__pycache__"}
# One entry file: about 28,000 entries. A bigger file is refused (E001) unread, so a huge or
# endless file cannot stall a run; split it into several files.
MAX_FILE_BYTES = 16 << 20


def entry_files(library_dir: Path, config_path: Path | None) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` below the library folder except config and hidden folders.
    A folder that cannot be read is an error (exit 2), never silently skipped."""
    skip = os.path.realpath(config_path) if config_path else None
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        raise InputError(
            f"无法读取文件夹：{exc.strerror}",
            str(exc.filename or library_dir),
            "检查文件夹权限：话术库的每个文件夹都必须可读",
            en=f"cannot read the folder: {exc.strerror}",
            hint_en="check the folder's permissions: every folder of the library must be readable",
        )

    for folder, dirs, names in os.walk(library_dir, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        for name in sorted(names):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                path = Path(folder) / name
                if name == CONFIG_NAME and (skip is None or os.path.realpath(path) == skip):
                    continue
                found.append(path)
    return found


def load_library(
    library: Path | None = None, *, use_cache: bool = True, start: Path | None = None
) -> Library:
    """Discover, read and parse a library. Raises ``CskitError`` for what stops the run."""
    config_path, library_dir = discover(library, start)
    config = load_config(config_path, library_dir)
    return load_entries(config, use_cache=use_cache)


def library_paths(config: Config) -> list[Path]:
    """The entry files of a library: every YAML file below it except cskit.yaml and the
    custom word packs named in ``lint.wordlists`` (which may live in the library folder)."""
    paths = entry_files(config.library_dir, config.path)
    packs = custom_pack_paths(config)
    if packs:
        paths = [p for p in paths if Path(os.path.realpath(p)) not in packs]
    return paths


def custom_pack_path(config: Config, token: str) -> Path | None:
    """The pack file a ``lint.wordlists`` token names (a path ending in .yaml/.yml or
    holding a ``/``, relative to cskit.yaml), or None for built-in names and ``-name``."""
    if token.startswith("-") or not (token.endswith((".yaml", ".yml")) or "/" in token):
        return None
    return (config.root / token).resolve()


def custom_pack_paths(config: Config) -> set[Path]:
    """Resolved paths of the custom word pack files ``lint.wordlists`` names."""
    paths = (custom_pack_path(config, t) for t in config.lint.wordlists or ())
    return {p for p in paths if p is not None}


def load_entries(
    config: Config, *, use_cache: bool = True, meanwhile: Callable[[], object] | None = None
) -> Library:
    """Read and parse the library's entry files (from the parse cache where it can).
    ``meanwhile``: work to do while a forked child parses (see ``parse_many``)."""
    with gcpause.loading():
        return _load_entries(config, use_cache, meanwhile)


def _load_entries(
    config: Config, use_cache: bool, meanwhile: Callable[[], object] | None
) -> Library:
    paths = library_paths(config)
    cache_path = config.root / CACHE_DIR / CACHE_FILE
    cached = read_cache(cache_path) if use_cache else {}
    # Each file's parse result is pickled on its own, so a run that re-parses one file
    # rewrites the cache by copying the other files' bytes, not by pickling them again;
    # new results are pickled one at a time while the cache is written.
    fresh: dict[str, tuple[str, Any]] = {}
    files: list[SourceFile] = []
    hits = 0
    misses: list[tuple[int, str, bytes]] = []  # (position in files, cache key, content)
    for path in paths:
        try:
            blob = read_input(path, MAX_FILE_BYTES)  # no FIFO, device or endless file
        except OSError as exc:
            err = YamlError(f"cannot read file: {reason(exc)}", 1, 1)
            files.append(SourceFile(path, display_path(path), "", None, err))
            continue
        digest = hashlib.blake2b(blob, digest_size=16).hexdigest()
        key = os.path.realpath(path)
        hit = cached.get(key)
        parsed: tuple[Document | None, YamlError | None] | None = None
        if hit and hit[0] == digest:
            parsed = load_item(hit[1])  # None: a damaged item is parsed again
            if parsed is not None:
                hits += 1
                fresh[key] = hit
        if parsed is None:
            misses.append((len(files), key, blob))
            parsed = (None, None)
        doc, error = parsed
        files.append(SourceFile(path, display_path(path), digest, doc, error))
    for (position, key, _blob), result in zip(
        misses, parse_many(misses, meanwhile, use_cache), strict=True
    ):
        item, parsed = result
        source = files[position]
        source.doc, source.error = parsed
        if use_cache:
            fresh[key] = (source.digest, item)
    if use_cache and (hits != len(paths) or len(cached) != len(fresh)):
        write_cache(cache_path, fresh)
    entries = list(_entries(files))
    return Library(
        config=config, files=files, entries=entries, cache_hits=hits, use_cache=use_cache
    )


def with_texts(library: Library, texts: dict[Path, str]) -> Library:
    """The library as it would be if some files (new ones too) had these texts: for checking
    planned edits with the linter before anything is written. ``library`` is not changed."""
    wanted = {p.resolve(): t for p, t in texts.items()}
    files: list[SourceFile] = []
    for source in library.files:
        text = wanted.pop(source.path.resolve(), None)
        if text is None:
            files.append(
                SourceFile(source.path, source.display, source.digest, source.doc, source.error)
            )
        else:
            files.append(_source_from_text(source.path, text))
    files += [_source_from_text(path, text) for path, text in sorted(wanted.items())]
    entries = list(_entries(files))
    return Library(config=library.config, files=files, entries=entries)


def _source_from_text(path: Path, text: str) -> SourceFile:
    blob = text.encode("utf-8")
    doc, error = parse_bytes(blob)
    digest = hashlib.blake2b(blob, digest_size=16).hexdigest()
    return SourceFile(path, display_path(path), digest, doc, error)


def _entries(files: Iterable[SourceFile]) -> Iterator[Entry]:
    for source in files:
        data = source.data
        if not isinstance(data, dict):
            continue
        defaults = data.get("defaults")
        defaults = defaults if isinstance(defaults, dict) else {}
        items = data.get("entries")
        if not isinstance(items, list):
            continue
        for index, raw in enumerate(items):
            if not isinstance(raw, dict):
                continue
            merged = {**defaults, **raw} if defaults else raw
            entry = Entry(file=source, index=index, raw=raw, data=merged)
            source.entries.append(entry)
            yield entry


def template_paths(config: Config) -> list[Path]:
    """The composed message templates (``templates/*.j2``), sorted."""
    folder = config.templates_dir
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.j2") if p.is_file())
