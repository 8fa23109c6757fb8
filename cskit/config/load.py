"""Finding cskit.yaml (``--library``, or ``.``/``./library/`` walking up) and loading it.

A bad config is one :class:`ConfigError` naming the file, the line and what to write
instead; the checks themselves are in :mod:`cskit.config.validate`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from cskit import transaction
from cskit.config.model import CONFIG_NAME, DEFAULT_REVIEW_EVERY, Config
from cskit.dates import Duration, parse_duration
from cskit.errors import ConfigError, LibraryNotFound
from cskit.fileio import protect
from cskit.yamlread import Path as KeyPath
from cskit.yamlread import YamlError, parse


def discover(library: Path | None, start: Path | None = None) -> tuple[Path | None, Path]:
    """Return ``(config file or None, library folder)``.

    With ``--library DIR``: DIR's own cskit.yaml, else the nearest one above it. Without:
    the nearest ``cskit.yaml`` or ``library/cskit.yaml`` from the current folder upwards.
    A config at a repository root whose ``library/`` folder exists serves that folder.
    """
    if library is not None:
        if not library.exists():
            raise LibraryNotFound(
                f"library folder {library} does not exist",
                hint="check the path (relative to the current folder)",
            )
        if not library.is_dir():
            raise LibraryNotFound(f"{library} is not a folder", hint="pass the library folder")
        for folder in (library, *library.resolve().parents):
            if (folder / CONFIG_NAME).is_file():
                return folder / CONFIG_NAME, library
        return None, library
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for candidate in (folder / CONFIG_NAME, folder / "library" / CONFIG_NAME):
            if candidate.is_file():
                config = _relative(candidate)
                lib = config.parent
                if (lib / "library").is_dir() and candidate.parent == folder:
                    lib = lib / "library"
                return config, lib
    raise LibraryNotFound(
        "no cskit.yaml found here or in any parent folder",
        hint="run inside a library, pass --library DIR, or create one with `cskit init DIR`",
    )


def _relative(path: Path) -> Path:
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def load_config(path: Path | None, library_dir: Path) -> Config:
    """Read and validate cskit.yaml (or return defaults when there is none). First, a write
    that a killed run left half done is completed or undone (:func:`transaction.recover`)."""
    transaction.recover(path.parent if path is not None else library_dir)
    if path is None:
        cfg = Config(path=None, library_dir=library_dir)
        cfg.review_every = {k: _must(parse_duration(v)) for k, v in DEFAULT_REVIEW_EVERY.items()}
        _protect(cfg)
        return cfg
    try:
        raw_bytes = path.read_bytes()
        text = raw_bytes.decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"not UTF-8 (byte {exc.start})", where=str(path), hint="save the file as UTF-8"
        ) from None
    try:
        doc = parse(text)
    except YamlError as exc:
        raise ConfigError(
            exc.message, where=f"{path}:{exc.line}", hint="fix the YAML syntax"
        ) from None
    if doc.duplicate_keys:
        _kp, key, line, _ = doc.duplicate_keys[0]
        raise ConfigError(
            f"key {key!r} appears twice in the same mapping",
            where=f"{path}:{line}",
            hint="keep one of them",
        )
    data = doc.data if doc.data is not None else {}
    marks = doc.marks

    def line_of(kp: KeyPath) -> int | None:
        while kp:
            if kp in marks:
                return marks[kp][0]
            kp = kp[:-1]
        return None

    cfg = Config(path=path, library_dir=library_dir, raw=data, line_of=line_of)
    cfg.digest = hashlib.blake2b(raw_bytes, digest_size=16).hexdigest()
    from cskit.config.validate import Validator

    Validator(cfg, data).run()
    _protect(cfg)
    return cfg


def _protect(cfg: Config) -> None:
    """No output of this run may land on cskit.yaml, an entry file or a template."""
    trees: list[tuple[Path, tuple[str, ...]]] = [(cfg.library_dir, (".yaml", ".yml"))]
    if cfg.templates_dir is not None:
        trees.append((cfg.templates_dir, (".j2",)))
    protect([cfg.path] if cfg.path is not None else [], trees)


def _must(d: Duration | None) -> Duration:
    assert d is not None
    return d
