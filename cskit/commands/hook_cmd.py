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

from cskit.commands.common import say
from cskit.commands.options import LibraryOpt
from cskit.errors import UsageError

MARKER = "# cskit-hook v1"

ForceOpt = Annotated[
    bool, typer.Option("--force", help="Replace a pre-commit hook cskit did not write.")
]


def install(library: LibraryOpt = None, force: ForceOpt = False) -> None:
    """Write the pre-commit hook (respects core.hooksPath)."""
    from cskit.fileio import atomic_write_text

    hook, rel = _locate(library)
    if hook.exists() and not _ours(hook):
        if not force:
            raise UsageError(
                f"{hook} 已存在，且不是 cskit 写的",
                hint="请自己在里面加上 `cskit lint --staged`，或加 --force（旧钩子保存为 pre-commit.bak）",
                en=f"{hook} exists and was not written by cskit",
                hint_en="add `cskit lint --staged` to it yourself, or pass --force "
                "(the old hook is kept as pre-commit.bak)",
            )
        backup = hook.with_name("pre-commit.bak")
        os.replace(hook, backup)
        say(f"原来的钩子已保存为 {backup}", f"kept the old hook as {backup}")
    hook.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(hook, script(rel))
    hook.chmod(0o755)
    command = f"cskit lint --staged --library {rel}"
    say(
        f"已安装 {hook}：每次提交都会运行 `{command}`",
        f"installed {hook}: each commit runs `{command}`",
    )


def uninstall(
    library: Annotated[
        Path | None,
        typer.Option(
            "--library",
            "-L",
            help="A folder in the repository (default: the current folder). No cskit.yaml needed.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Remove the hook `cskit hook install` wrote (never anyone else's). Needs only the git
    repository, not a library."""
    from cskit.library.changes import git_path, repo_root

    hook = git_path(repo_root(library or Path.cwd()), "hooks") / "pre-commit"
    if not hook.exists():
        say(f"{hook} 处没有 pre-commit 钩子", f"no pre-commit hook at {hook}")
        return
    if not _ours(hook):
        raise UsageError(
            f"{hook} 不是 cskit 写的，保持原样",
            en=f"{hook} was not written by cskit; leaving it alone",
        )
    hook.unlink()
    say(f"已删除 {hook}", f"removed {hook}")


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
  echo "cskit pre-commit hook: cskit is not installed (see docs/ci.md: pipx install from git)" >&2
  exit 1
fi
"""


def _locate(library: Path | None) -> tuple[Path, str]:
    """(hook file, library folder relative to the repository top)."""
    from cskit.config.load import discover
    from cskit.library.changes import git_path, repo_root

    _config, library_dir = discover(library)
    top = repo_root(library_dir)
    hook = git_path(top, "hooks") / "pre-commit"
    try:
        rel = library_dir.resolve().relative_to(top).as_posix() or "."
    except ValueError:
        raise UsageError(
            f"库 {library_dir} 不在仓库 {top} 里",
            en=f"the library {library_dir} is not inside the repository {top}",
        ) from None
    return hook, rel


def _ours(hook: Path) -> bool:
    try:
        return MARKER in hook.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
