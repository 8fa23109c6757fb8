"""Path arguments never pass silently: folders select the library files below them, a folder
holding cskit.yaml is that library, a path outside the library is exit 2, and a run that
checked nothing never says "all clean". Run as a user runs it: the installed executable."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOOD_ENTRY, ROOT, entry_file

CSKIT = Path(sys.executable).parent / "cskit"
DAY = ("--as-of", "2026-11-22")
# a phone number (P001) and an unknown field (E003) in scripts/, nothing wrong in kb/
BAD = entry_file(
    GOOD_ENTRY.replace("greet-hello", "bad-phone").replace("？", "？电话13812345678"),
    GOOD_ENTRY.replace("greet-hello", "bad-field").replace("answer:", "anwser:"),
)


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A repository whose library folder is ``lib/`` (not ``library/``)."""
    repo = tmp_path / "shop"
    shutil.copytree(ROOT / "library", repo / "lib", ignore=shutil.ignore_patterns(".cskit_cache"))
    shutil.copytree(ROOT / "templates", repo / "templates")
    (repo / "lib" / "scripts" / "bad.yaml").write_text(BAD, encoding="utf-8")
    (repo / ".github").mkdir()
    (repo / ".github" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    return repo


def cskit(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CI": "1"}
    return subprocess.run(
        [str(CSKIT), "lint", *DAY, *args], cwd=cwd, capture_output=True, text=True, env=env
    )


def codes(out: str) -> set[str]:
    return set(re.findall(r"^\S+:\d+:\d+: (\w+) ", out, re.MULTILINE))


def test_a_folder_selects_the_library_files_below_it(shop: Path) -> None:
    run = cskit(shop, "--library", "lib", "lib/scripts")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "bad-phone" in run.stdout and "bad-field" in run.stdout
    assert "not part of the library" not in run.stderr and "不属于" not in run.stderr
    assert "全部通过" not in run.stdout
    assert "检查了" in run.stdout.splitlines()[-1]  # how much of the library was checked
    kb = cskit(shop, "--library", "lib", "lib/kb")
    assert kb.returncode == 0 and "bad-phone" not in kb.stdout
    assert kb.stdout.startswith("全部通过：检查了")


def test_the_library_folder_itself_and_a_folder_above_it_are_the_whole_library(shop: Path) -> None:
    whole = cskit(shop, "--library", "lib")
    for args in (("--library", "lib", "lib"), ("--library", "lib", ".")):
        run = cskit(shop, *args)
        assert run.returncode == 1 and run.stdout == whole.stdout, args


def test_from_inside_the_library(shop: Path) -> None:
    run = cskit(shop / "lib", "scripts")
    assert run.returncode == 1 and "bad-phone" in run.stdout and "全部通过" not in run.stdout


def test_a_folder_holding_cskit_yaml_is_that_library(shop: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"  # no cskit.yaml here or above
    elsewhere.mkdir()
    run = cskit(elsewhere, str(shop / "lib"))
    assert run.returncode == 1 and "bad-phone" in run.stdout
    assert "共检查 15 个文件" in run.stdout  # the whole library, not a part of it


def test_a_path_outside_the_library_is_exit_2(shop: Path) -> None:
    for path in (".github", ".github/ci.yml"):
        run = cskit(shop, "--library", "lib", path)
        assert run.returncode == 2, path
        assert run.stderr.startswith("错误：") and "不属于" in run.stderr and run.stdout == ""
    english = cskit(shop, "--library", "lib", ".github", "--lang", "en")
    assert english.returncode == 2 and "is not part of the library" in english.stderr


def test_nothing_checked_never_says_all_clean(shop: Path) -> None:
    hook = cskit(shop, "--library", "lib", "--skip-outside", ".github/ci.yml")
    assert hook.returncode == 0
    assert "全部通过" not in hook.stdout and "没有检查任何内容" in hook.stdout
    assert "已跳过" in hook.stderr
    empty = shop / "lib" / "drafts"
    empty.mkdir()
    run = cskit(shop, "--library", "lib", "lib/drafts")
    assert run.returncode == 0 and "没有检查任何内容" in run.stdout
    english = cskit(shop, "--library", "lib", "lib/drafts", "--lang", "en")
    assert english.stdout.startswith("Nothing checked") and "All clean" not in english.stdout


def test_files_are_found_from_the_paths_pre_commit_passes(shop: Path) -> None:
    """No --library, run from the repository root where neither ./cskit.yaml nor
    ./library/cskit.yaml exists: the library is the one above the passed files."""
    run = cskit(shop, "--skip-outside", "lib/scripts/bad.yaml", ".github/ci.yml")
    assert run.returncode == 1, run.stderr
    assert {"P001", "E003"} <= codes(run.stdout)
    template = cskit(shop, "--skip-outside", "templates/sms-shipped.j2", "lib/kb/faq.yaml")
    assert template.returncode == 0, template.stdout + template.stderr


def test_from_a_repository_root_the_one_library_below_it(shop: Path, tmp_path: Path) -> None:
    """CI and hooks run at the repository's top: its one library is found below it."""
    subprocess.run(["git", "init", "-q", str(shop)], check=True)
    run = cskit(shop)
    assert run.returncode == 1 and "共检查 15 个文件" in run.stdout, run.stderr
    template = cskit(shop, "--skip-outside", "templates/sms-shipped.j2")  # outside lib/
    assert template.returncode == 0 and "检查了 1 个文件" in template.stdout, template.stderr
    shutil.copytree(shop / "lib", shop / "other" / "lib")
    two = cskit(shop)
    assert two.returncode == 2 and "lib/cskit.yaml" in two.stderr and "--library" in two.stderr
    plain = tmp_path / "not-a-repo"
    shutil.copytree(shop / "lib", plain / "lib")
    assert cskit(plain).returncode == 2  # only a repository's top folder looks below itself
