"""Git hooks for real: `cskit hook install` and the pre-commit framework blocking commits."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CONFIG as BASE_CONFIG
from tests.conftest import GOOD_ENTRY, ROOT, entry_file
from tests.gitutil import Repo

# These fixtures copy one entry several times; the duplicate rules (D) are tested in
# tests/rules/test_*answer*.py and would only add findings here.
CONFIG = BASE_CONFIG.replace("  fail_on: error\n", "  fail_on: error\n  ignore: [D]\n")

# The bad commit uses a variable the registry does not declare: T002 must block it.
BAD_CODE = "T002"
BAD_ENTRY = GOOD_ENTRY.replace("{{ agent.name }}", "{{ order.tracking }}")


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    r = Repo(tmp_path / "shop")
    r.write("library/cskit.yaml", CONFIG)
    r.write("library/scripts/greet.yaml", entry_file(GOOD_ENTRY))
    r.commit("library")
    return r


def commit(repo: Repo, message: str) -> subprocess.CompletedProcess[str]:
    repo.git("add", "-A")
    env = {**os.environ, "CI": "1"}
    env.pop("GIT_INDEX_FILE", None)
    return subprocess.run(
        ["git", "commit", "-m", message],
        cwd=repo.root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def add_entry(repo: Repo, body: str, entry_id: str) -> None:
    repo.write("library/scripts/more.yaml", entry_file(body.replace("greet-hello", entry_id)))


def test_installed_hook_passes_good_and_blocks_bad_commits(
    repo: Repo, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.root)
    result = cli("hook", "install")
    assert result.exit_code == 0, result.output
    hook = repo.root / ".git" / "hooks" / "pre-commit"
    assert os.access(hook, os.X_OK)
    assert "--staged --library library" in hook.read_text()

    add_entry(repo, GOOD_ENTRY, "greet-good")
    ok = commit(repo, "good entry")
    assert ok.returncode == 0, ok.stderr + ok.stdout

    add_entry(repo, BAD_ENTRY, "greet-bad")
    blocked = commit(repo, "bad entry")
    assert blocked.returncode == 1
    assert f"{BAD_CODE} " in blocked.stdout + blocked.stderr
    assert "greet-bad" in blocked.stdout + blocked.stderr
    assert repo.git("log", "--format=%s", "-1").strip() == "good entry"


def test_hook_only_reports_what_the_commit_changes(
    repo: Repo, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # an old problem already committed (with --no-verify) does not block an unrelated commit
    add_entry(repo, BAD_ENTRY, "greet-old-bad")
    repo.commit("old problem")
    monkeypatch.chdir(repo.root)
    assert cli("hook", "install").exit_code == 0
    repo.write("library/scripts/other.yaml", entry_file(GOOD_ENTRY.replace("greet-hello", "x-new")))
    done = commit(repo, "unrelated")
    assert done.returncode == 0, done.stdout + done.stderr


def test_install_refuses_foreign_hook_and_force_keeps_a_backup(
    repo: Repo, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.root)
    hook = repo.root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho theirs\n")
    refused = cli("hook", "install")
    assert refused.exit_code == 2
    assert "不是 cskit 写的" in refused.output
    assert hook.read_text() == "#!/bin/sh\necho theirs\n"
    assert cli("hook", "uninstall").exit_code == 2  # not ours: left alone
    forced = cli("hook", "install", "--force")
    assert forced.exit_code == 0
    assert (hook.parent / "pre-commit.bak").read_text() == "#!/bin/sh\necho theirs\n"
    assert cli("hook", "install").exit_code == 0  # re-installing our own hook is fine
    assert cli("hook", "uninstall").exit_code == 0
    assert not hook.exists()


def test_install_respects_core_hooks_path_and_library_in_a_subfolder(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    r = Repo(tmp_path / "mono")
    r.write("content/cs/cskit.yaml", CONFIG)
    r.write("content/cs/lib/a.yaml", entry_file(GOOD_ENTRY))
    r.commit()
    r.git("config", "core.hooksPath", ".githooks")
    monkeypatch.chdir(r.root / "content")
    assert cli("hook", "install", "--library", "cs/lib").exit_code == 0
    hook = r.root / ".githooks" / "pre-commit"
    assert "--library content/cs/lib" in hook.read_text()
    assert not (r.root / ".git" / "hooks" / "pre-commit").exists()
    r.write("content/cs/lib/a.yaml", entry_file(BAD_ENTRY))
    assert commit(r, "bad").returncode == 1


def test_outside_a_repository_is_a_clear_error(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cskit.yaml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("hook", "install")
    assert result.exit_code == 2
    assert "不在 git 仓库里" in result.output


@pytest.mark.slow
def test_pre_commit_framework_runs_the_hook(repo: Repo) -> None:
    """The real pre-commit framework installs cskit from this repository (at HEAD, from
    PyPI for its dependencies) and runs `cskit-lint` with the staged file names."""
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    repo.write(
        ".pre-commit-config.yaml",
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: cskit-lint\n",
        dedent=False,
    )
    repo.commit("pre-commit config")
    pre_commit = Path(sys.executable).with_name("pre-commit")
    subprocess.run([str(pre_commit), "install"], cwd=repo.root, check=True, capture_output=True)

    add_entry(repo, GOOD_ENTRY, "greet-good")
    ok = commit(repo, "good entry")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "cskit lint" in ok.stdout + ok.stderr and "Passed" in ok.stdout + ok.stderr

    add_entry(repo, BAD_ENTRY, "greet-bad")
    blocked = commit(repo, "bad entry")
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode == 1, out
    assert "Failed" in out and f"{BAD_CODE} " in out and "greet-bad" in out

    # a duplicate id across files: only one file is staged, the other is not passed,
    # yet the whole library is loaded and the clash is found
    repo.git("reset", "-q", "--hard")
    repo.write("library/scripts/clash.yaml", entry_file(GOOD_ENTRY))
    clash = commit(repo, "duplicate id")
    assert clash.returncode == 1
    assert "E007 " in clash.stdout + clash.stderr


def test_manifest_is_valid_for_pre_commit() -> None:
    pre_commit = Path(sys.executable).with_name("pre-commit")
    manifest = ROOT / ".pre-commit-hooks.yaml"
    proc = subprocess.run(
        [str(pre_commit), "validate-manifest", str(manifest)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = manifest.read_text(encoding="utf-8")
    for line in ("id: cskit-lint", "language: python", "require_serial: true", "entry: cskit lint"):
        assert line in text


def test_a_passed_template_reports_its_own_findings(
    sample_library: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What pre-commit does when only templates/*.j2 changed (types_or: [yaml, jinja])."""
    monkeypatch.chdir(sample_library.parent)
    template = sorted(Path("templates").glob("*.j2"))[0]
    clean = cli("lint", template, "--as-of", "2026-11-22")
    assert clean.exit_code == 0, clean.stdout
    template.write_text(
        template.read_text(encoding="utf-8") + "{{ order.tracking }}\n", encoding="utf-8"
    )
    result = cli("lint", template, "--as-of", "2026-11-22")
    assert result.exit_code == 1
    assert f"{template}:" in result.stdout and "T002" in result.stdout
