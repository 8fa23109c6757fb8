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
    Failing that, in the top folder of a git repository: the one cskit.yaml up to three
    folders below it (``lib/``, ``content/cs/``); several there is an error.
    """
    if library is not None:
        if not library.exists():
            raise LibraryNotFound(
                f"库文件夹 {library} 不存在",
                hint="请检查路径（相对于当前文件夹）",
                en=f"library folder {library} does not exist",
                hint_en="check the path (relative to the current folder)",
            )
        if not library.is_dir():
            raise LibraryNotFound(
                f"{library} 不是文件夹",
                hint="请传入库文件夹",
                en=f"{library} is not a folder",
                hint_en="pass the library folder",
            )
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
    # a repository's top folder above its one library (lib/, content/cs/…): CI and hooks
    # run there
    below = _below(here) if (here / ".git").exists() else []
    if len(below) == 1:
        config = _relative(below[0])
        return config, config.parent
    if below:
        listed = ", ".join(str(_relative(p)) for p in below[:5]) + ("…" if len(below) > 5 else "")
        raise LibraryNotFound(
            f"这里有 {len(below)} 个库：{listed}",
            hint="用 --library DIR 指明要用哪一个",
            en=f"there are {len(below)} libraries here: {listed}",
            hint_en="choose one with --library DIR",
        )
    raise LibraryNotFound(
        "在当前文件夹及其上级文件夹里都没有找到 cskit.yaml（也没有 library/cskit.yaml）",
        hint="在库文件夹里运行、用 --library DIR 指明，或用 `cskit init DIR` 新建一个库",
        en="no cskit.yaml found here or in any parent folder (nor library/cskit.yaml)",
        hint_en="run inside a library, pass --library DIR, or create one with `cskit init DIR`",
    )


_NOT_LIBRARIES = {"node_modules", "__pycache__", "site-packages", "venv", "build", "dist"}


def _below(folder: Path, depth: int = 3) -> list[Path]:
    """Every cskit.yaml at most ``depth`` folders below ``folder`` (hidden folders and
    package folders skipped), for a run from a repository root whose library is not at
    ``./library/``."""
    found: list[Path] = []
    level = [folder]
    for _ in range(depth):
        nxt: list[Path] = []
        for parent in level:
            try:
                children = sorted(p for p in parent.iterdir() if p.is_dir())
            except OSError:
                continue
            for child in children:
                if child.name.startswith(".") or child.name in _NOT_LIBRARIES:
                    continue
                if (child / CONFIG_NAME).is_file():
                    found.append(child / CONFIG_NAME)
                else:
                    nxt.append(child)
        level = nxt
    return found


def configured_language(path: Path | None) -> str | None:
    """The ``language:`` a cskit.yaml sets, read without parsing it (errors raised while the
    file loads must already speak it); None when unset or unreadable."""
    if path is None:
        return None
    import re

    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    found = re.search(r"""^language:[ \t]*["']?([A-Za-z-]+)""", text, re.MULTILINE)
    if found is None:
        return None
    value = found.group(1).lower()
    return "en" if value == "en" else "zh-Hans" if value.startswith("zh") else None


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
        raise ConfigError(
            f"无法读取 {path}：{exc.strerror}", en=f"cannot read {path}: {exc.strerror}"
        ) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"不是 UTF-8 编码（第 {exc.start} 字节）",
            where=str(path),
            hint="请把文件另存为 UTF-8",
            en=f"not UTF-8 (byte {exc.start})",
            hint_en="save the file as UTF-8",
        ) from None
    try:
        doc = parse(text)
    except YamlError as exc:
        from cskit.yamlread import explain_zh

        raise ConfigError(
            explain_zh(exc.message),
            where=f"{path}:{exc.line}",
            hint="请修正 YAML 语法",
            en=exc.message,
            hint_en="fix the YAML syntax",
        ) from None
    if doc.duplicate_keys:
        _kp, key, line, _ = doc.duplicate_keys[0]
        raise ConfigError(
            f"键 {key!r} 在同一个映射里出现了两次",
            where=f"{path}:{line}",
            hint="只保留一个",
            en=f"key {key!r} appears twice in the same mapping",
            hint_en="keep one of them",
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
