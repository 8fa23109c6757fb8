"""A git pre-commit hook that runs `cskit lint --staged`, for teams without the pre-commit
framework. `install` refuses to replace a hook cskit did not write unless given --force
(the old one is kept as pre-commit.bak); `uninstall` removes only cskit's own hook."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer

from cskit.commands.options import LibraryOpt
from cskit.errors import UsageError

MARKER = "# cskit-hook v1"

ForceOpt = Annotated[
    bool, typer.Option("--force", help="Replace a pre-commit hook cskit did not write.")
]


def install(library: LibraryOpt = None, force: ForceOpt = False) -> None:
    """Write the pre-commit hook (respects core.hooksPath)."""
    from cskit.fileio import atomic_write_text

    _top, hook, rel = _locate(library)
    if hook.exists() and not _ours(hook):
        if not force:
            raise UsageError(
                f"{hook} exists and was not written by cskit",
                hint="add `cskit lint --staged` to it yourself, or pass --force "
                "(the old hook is kept as pre-commit.bak)",
            )
        os.replace(hook, hook.with_name("pre-commit.bak"))
        typer.echo(f"kept the old hook as {hook.with_name('pre-commit.bak')}")
    hook.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(hook, script(rel))
    hook.chmod(0o755)
    typer.echo(f"installed {hook}: each commit runs `cskit lint --staged --library {rel}`")


def uninstall(library: LibraryOpt = None) -> None:
    """Remove the hook `cskit hook install` wrote (never anyone else's)."""
    _top, hook, _rel = _locate(library)
    if not hook.exists():
        typer.echo(f"no pre-commit hook at {hook}")
        return
    if not _ours(hook):
        raise UsageError(f"{hook} was not written by cskit; leaving it alone")
    hook.unlink()
    typer.echo(f"removed {hook}")


def script(library: str) -> str:
    """The hook: the Python that installed it, else ``cskit`` on PATH. Git runs hooks from
    the top of the work tree, so the library path is relative to it."""
    args = f"lint --staged --library {shlex.quote(library)}"
    python = shlex.quote(sys.executable)
    return f"""#!/bin/sh
{MARKER}: written by `cskit hook install`; `cskit hook uninstall` removes it.
# Lints the entries this commit changes; cross-entry rules (duplicates, ids) still see
# the whole library. Skip once with `git commit --no-verify`.
if [ -x {python} ] && {python} -c 'import cskit' 2>/dev/null; then
  exec {python} -m cskit {args}
elif command -v cskit >/dev/null 2>&1; then
  exec cskit {args}
else
  echo "cskit pre-commit hook: cskit is not installed (pip install cskit)" >&2
  exit 1
fi
"""


def _locate(library: Path | None) -> tuple[Path, Path, str]:
    """(repository top, hook file, library folder relative to the top)."""
    from cskit.config.load import discover
    from cskit.library.changes import git_path, repo_root

    _config, library_dir = discover(library)
    top = repo_root(library_dir)
    hook = git_path(top, "hooks") / "pre-commit"
    try:
        rel = library_dir.resolve().relative_to(top).as_posix() or "."
    except ValueError:
        raise UsageError(f"the library {library_dir} is not inside the repository {top}") from None
    return top, hook, rel


def _ours(hook: Path) -> bool:
    try:
        return MARKER in hook.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
