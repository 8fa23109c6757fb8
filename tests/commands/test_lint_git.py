"""`cskit lint --staged / --changed-since` with real git, in-process and as a subprocess."""

from __future__ import annotations

import json
import subprocess
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


def good(entry_id: str, extra: str = "") -> str:
    return GOOD_ENTRY.replace("greet-hello", entry_id) + extra


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    r = Repo(tmp_path / "shop")
    r.write("library/cskit.yaml", CONFIG)
    # an old problem that is already committed
    r.write("library/a.yaml", entry_file(good("a-old", "anwser: 旧问题\n"), good("a-two")))
    r.write("library/b.yaml", entry_file(good("b-one")))
    r.commit("base")
    monkeypatch.chdir(r.root)
    return r


def test_staged_reports_only_changed_entries(repo: Repo, cli: Callable[..., Any]) -> None:
    assert cli("lint", "--staged").exit_code == 0  # nothing staged: the old problem is quiet
    assert cli("lint").exit_code == 1  # a full run still sees it
    repo.write(
        "library/a.yaml",
        entry_file(good("a-old", "anwser: 旧问题\n"), good("a-two", "titel: 新\n")),
    )
    repo.git("add", "-A")
    result = cli("lint", "--staged")
    assert result.exit_code == 1
    assert "'titel'" in result.stdout
    assert "'anwser'" not in result.stdout


def test_cross_file_duplicate_id_is_found_from_the_changed_side(
    repo: Repo, cli: Callable[..., Any]
) -> None:
    repo.write(
        "library/c.yaml",
        entry_file(good("b-one", "title: 另一个\n").replace("title: 首次问候\n", "")),
    )
    repo.git("add", "-A")
    result = cli("lint", "--staged", "--select", "E007")
    assert result.exit_code == 1
    assert "E007" in result.stdout
    assert "b-one" in result.stdout


def test_staged_with_passed_files_narrows_both_ways(repo: Repo, cli: Callable[..., Any]) -> None:
    repo.write(
        "library/a.yaml",
        entry_file(good("a-old", "anwser: 旧问题\n"), good("a-two", "titel: 新\n")),
    )
    repo.write("library/b.yaml", entry_file(good("b-one", "titel: 也新\n")))
    repo.git("add", "-A")
    result = cli("lint", "--staged", "library/b.yaml")
    assert result.exit_code == 1
    assert "b-one" in result.stdout and "a-two" not in result.stdout


def test_changed_since_a_branch(repo: Repo, cli: Callable[..., Any]) -> None:
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("library/b.yaml", entry_file(good("b-one"), good("b-new", "titel: x\n")))
    repo.commit("feature work")
    result = cli("lint", "--changed-since", "main", "--format", "json")
    assert result.exit_code == 1
    ids = {f["entry_id"] for f in json.loads(result.stdout)["findings"]}
    assert ids == {"b-new"}


def test_git_errors_are_one_line_exit_2(
    repo: Repo, cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    both = cli("lint", "--staged", "--changed-since", "main")
    assert both.exit_code == 2 and "不能同时使用" in both.output
    bad_ref = cli("lint", "--changed-since", "nope")
    assert bad_ref.exit_code == 2 and "nope" in bad_ref.output
    assert "不认识这个版本" in bad_ref.output and "共同祖先" not in bad_ref.output
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "cskit.yaml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(plain)
    outside = cli("lint", "--staged")
    assert outside.exit_code == 2
    assert outside.output.startswith("错误：") and "不在 git 仓库里" in outside.output


def test_subprocess_changed_since_json(repo: Repo) -> None:
    repo.write("library/b.yaml", entry_file(good("b-one", "titel: x\n")))
    proc = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "cskit"), "lint", "--changed-since", "HEAD", "-f", "json"],
        cwd=repo.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    assert [(f["code"], f["entry_id"], f["file"]) for f in findings] == [
        ("E003", "b-one", "library/b.yaml")
    ]
