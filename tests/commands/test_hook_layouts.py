"""Pre-commit in any layout: a library folder that is not ``library/``, the config ``cskit
init`` writes, the ``repo:`` form with no arguments, and ``cskit hook uninstall`` without a
library. The real pre-commit framework runs the hook on real commits."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOOD_ENTRY, ROOT, entry_file
from tests.gitutil import Repo

BIN = Path(sys.executable).parent
BAD_ENTRY = GOOD_ENTRY.replace("{{ agent.name }}", "{{ order.tracking }}")  # T002


def env() -> dict[str, str]:
    out = {**os.environ, "CI": "1", "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    out.pop("GIT_INDEX_FILE", None)
    return out


def commit(repo: Repo, message: str) -> subprocess.CompletedProcess[str]:
    repo.git("add", "-A")
    return subprocess.run(
        ["git", "commit", "-m", message],
        cwd=repo.root,
        capture_output=True,
        text=True,
        env=env(),
        check=False,
    )


def pre_commit_install(repo: Repo) -> None:
    subprocess.run(
        [str(BIN / "pre-commit"), "install"],
        cwd=repo.root,
        check=True,
        capture_output=True,
        env=env(),
    )


def three_commits(repo: Repo, entries: str) -> None:
    """A good entry passes, a bad one is blocked, a commit of a CI file only passes."""
    repo.write(f"{entries}/more.yaml", entry_file(GOOD_ENTRY.replace("greet-hello", "greet-ok")))
    ok = commit(repo, "good entry")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "cskit lint" in ok.stdout + ok.stderr
    repo.write(f"{entries}/more.yaml", entry_file(BAD_ENTRY.replace("greet-hello", "greet-bad")))
    blocked = commit(repo, "bad entry")
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode == 1 and "T002 " in out and "greet-bad" in out, out
    repo.git("reset", "-q", "--hard")
    repo.write(".github/workflows/ci.yml", "on: push\njobs: {}\n")
    other = commit(repo, "ci only")
    assert other.returncode == 0, other.stdout + other.stderr


def test_the_config_cskit_init_writes_works_from_the_repository_root(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "shop")
    init = subprocess.run(
        [str(BIN / "cskit"), "init", "lib"], cwd=repo.root, capture_output=True, text=True
    )
    assert init.returncode == 0, init.stderr
    assert "cp lib/.pre-commit-config.yaml .pre-commit-config.yaml" in init.stdout
    config = (repo.root / "lib" / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "--library lib" in config
    shutil.copy(
        repo.root / "lib" / ".pre-commit-config.yaml", repo.root / ".pre-commit-config.yaml"
    )
    repo.commit("library and hook config")
    pre_commit_install(repo)
    three_commits(repo, "lib/scripts")


def test_init_inside_a_repository_names_the_folder_from_its_top(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "mono")
    (repo.root / "content").mkdir()
    run = subprocess.run(
        [str(BIN / "cskit"), "init", "cs"],
        cwd=repo.root / "content",
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    config = (repo.root / "content" / "cs" / ".pre-commit-config.yaml").read_text()
    assert "--library content/cs" in config


@pytest.mark.slow
def test_the_repo_form_finds_the_library_from_the_staged_files(tmp_path: Path) -> None:
    """``repo:`` this repository at HEAD, ``id: cskit-lint`` and nothing else: the library
    folder is ``lib/`` and the hook finds it from the files pre-commit passes."""
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    repo = Repo(tmp_path / "shop")
    init = subprocess.run([str(BIN / "cskit"), "init", "lib"], cwd=repo.root, capture_output=True)
    assert init.returncode == 0
    (repo.root / "lib" / ".pre-commit-config.yaml").unlink()
    repo.write(
        ".pre-commit-config.yaml",
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: cskit-lint\n",
        dedent=False,
    )
    repo.commit("library and hook config")
    pre_commit_install(repo)
    three_commits(repo, "lib/scripts")


def test_hook_uninstall_needs_no_library(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "plain")  # a repository without any cskit.yaml
    repo.commit("empty")
    from cskit.commands.hook_cmd import script

    hook = repo.root / ".git" / "hooks" / "pre-commit"
    hook.write_text(script("lib"), encoding="utf-8")
    run = subprocess.run(
        [str(BIN / "cskit"), "hook", "uninstall"], cwd=repo.root, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert not hook.exists() and "已删除" in run.stdout
    again = subprocess.run(
        [str(BIN / "cskit"), "hook", "uninstall"], cwd=repo.root, capture_output=True, text=True
    )
    assert again.returncode == 0 and "没有 pre-commit 钩子" in again.stdout
