"""``cskit init DIR``: scaffold a small library that lints clean."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path
from typing import Annotated

import typer

from cskit.commands.common import say
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
    """Create a working library: cskit.yaml, a few entries, a template, a pre-commit config
    (with the library folder written in, relative to the git repository's root)."""
    written, folder = scaffold(directory, force=force)
    for path in written:
        say(f"已创建 {path}", f"created {path}")
    config = shlex.quote(str(directory / ".pre-commit-config.yaml"))
    lint = f"cskit lint --library {shlex.quote(str(directory))}"
    say(f"下一步：{lint}", f"next: {lint}")
    say(
        f"pre-commit：在仓库根目录执行 cp {config} .pre-commit-config.yaml && pre-commit install"
        f"（配置里的库路径是 {folder}）",
        f"pre-commit: at the repository root, cp {config} .pre-commit-config.yaml && "
        f"pre-commit install (the config names the library as {folder})",
    )


def scaffold(
    directory: Path, *, force: bool = False, today: dt.date | None = None
) -> tuple[list[Path], str]:
    """Write the scaffold into ``directory``; refuse to overwrite unless ``force``. Returns
    the files written and the library folder as the pre-commit config names it."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(
            f"{directory} 已存在，且不是文件夹", en=f"{directory} exists and is not a folder"
        )
    targets = {src: directory / dst for src, dst in _FILES.items()}
    clashes = [t for t in targets.values() if t.exists()]
    if clashes and not force:
        raise UsageError(
            f"{clashes[0]} 已存在",
            hint="请选一个空文件夹，或加 --force",
            en=f"{clashes[0]} already exists",
            hint_en="choose an empty folder or pass --force",
        )
    from importlib import resources

    from cskit.fileio import atomic_write_text

    directory.mkdir(parents=True, exist_ok=True)
    folder = _from_repository_root(directory)
    stamp = (today or dt.date.today()).isoformat()
    root = resources.files("cskit") / "scaffold"
    for src, target in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        text = (root / src).read_text(encoding="utf-8")
        text = text.replace("__TODAY__", stamp).replace("__LIBRARY__", _yaml_word(folder))
        atomic_write_text(target, text)
    return list(targets.values()), folder


def _from_repository_root(directory: Path) -> str:
    """The library folder as hooks see it: relative to the top of the git work tree that
    holds it, else to the current folder (where the repository will be), else as given."""
    from cskit.errors import CskitError
    from cskit.library.changes import repo_root

    real = directory.resolve()
    try:
        top = repo_root(real)
    except CskitError:  # not in a repository (yet), or no git
        top = Path.cwd().resolve()
    try:
        return real.relative_to(top).as_posix() or "."
    except ValueError:
        return real.as_posix()


def _yaml_word(path: str) -> str:
    """``path`` as one word of the hook's ``entry`` (pre-commit splits it like a shell)."""
    return shlex.quote(path)
