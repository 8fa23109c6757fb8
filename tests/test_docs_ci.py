"""docs/ci.md's blocks work when pasted: the revision they pin is a commit of this repository
with the hook and the action, and the pre-commit blocks run for real in a fresh repository
whose library folder is not ``library/`` (the GitHub URL stands for this checkout)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOOD_ENTRY, ROOT, entry_file
from tests.gitutil import Repo

DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
URL = "https://github.com/cskit/cskit"
BIN = Path(sys.executable).parent


def section(title: str) -> str:
    return DOC.split(title, 1)[1]


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


def pinned() -> set[str]:
    return set(re.findall(r"cskit(?:/cskit)?@([0-9a-f]{40})", DOC)) | set(
        re.findall(r"rev: ([0-9a-f]{40})", DOC)
    )


def test_the_pinned_revision_is_a_commit_with_the_hook_and_the_action() -> None:
    (rev,) = pinned()  # one revision on the whole page
    show = subprocess.run(
        ["git", "show", f"{rev}:.pre-commit-hooks.yaml"], cwd=ROOT, capture_output=True, text=True
    )
    shallow = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    if show.returncode != 0 and shallow == "true":
        pytest.skip("a shallow clone does not hold the pinned commit")
    assert show.returncode == 0, show.stderr
    assert "entry: cskit lint --skip-outside" in show.stdout
    for path in ("action.yml", "action/lint.sh"):
        assert subprocess.run(["git", "cat-file", "-e", f"{rev}:{path}"], cwd=ROOT).returncode == 0


@pytest.mark.slow
def test_the_pre_commit_blocks_work_in_a_fresh_repository(tmp_path: Path) -> None:
    plain, adopt = (
        yaml_blocks(section("## pre-commit framework"))[0],
        yaml_blocks(section("**Adopting cskit"))[0],
    )
    repo = Repo(tmp_path / "acme")
    env = {**os.environ, "CI": "1", "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("GIT_INDEX_FILE", None)
    subprocess.run([str(BIN / "cskit"), "init", "cs-lib"], cwd=repo.root, check=True, env=env)
    debt = GOOD_ENTRY.replace("greet-hello", "old-debt").replace("？", "？加我微信")
    repo.write("cs-lib/scripts/old.yaml", entry_file(debt))
    repo.write(".pre-commit-config.yaml", plain.replace(URL, str(ROOT)), dedent=False)
    repo.git("add", "-A")
    repo.git("commit", "-q", "--no-verify", "-m", "library with old debt")
    subprocess.run([str(BIN / "pre-commit"), "install"], cwd=repo.root, check=True, env=env)

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        repo.git("add", "-A")
        return subprocess.run(
            ["git", "commit", "-m", message], cwd=repo.root, capture_output=True, text=True, env=env
        )

    repo.write("cs-lib/scripts/old.yaml", entry_file(debt) + "# touched\n", dedent=False)
    blocked = commit("touch old debt")  # the plain hook reports what the touched file has
    assert blocked.returncode == 1 and "W004" in blocked.stdout + blocked.stderr
    repo.git("reset", "-q", "--hard")
    subprocess.run([str(BIN / "cskit"), "baseline", "write"], cwd=repo.root, check=True, env=env)
    repo.write(".pre-commit-config.yaml", adopt.replace(URL, str(ROOT)), dedent=False)
    assert commit("adopt with a baseline").returncode == 0
    repo.write("cs-lib/scripts/old.yaml", entry_file(debt) + "# touched\n", dedent=False)
    assert commit("touch old debt again").returncode == 0  # old findings are baselined
    new = GOOD_ENTRY.replace("greet-hello", "new-bad").replace("？", "？好评返现")
    repo.write("cs-lib/scripts/new.yaml", entry_file(new))
    added = commit("new problem")
    assert added.returncode == 1 and "W005" in added.stdout + added.stderr
    repo.git("reset", "-q", "--hard")
    repo.write(".github/workflows/ci.yml", "on: push\njobs: {}\n")
    assert commit("ci only").returncode == 0
