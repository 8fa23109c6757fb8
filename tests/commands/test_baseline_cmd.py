"""Baselines through the CLI: write, lint --baseline, moves and edits, prune."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CONFIG, GOOD_ENTRY, entry_file

TYPO = GOOD_ENTRY.replace("greet-hello", "legacy-typo") + "anwser: 旧的拼写错误\n"
OTHER = GOOD_ENTRY.replace("greet-hello", "legacy-other")
# These fixtures copy one entry several times; the duplicate rules (D) are tested in
# tests/rules/test_*answer*.py and would only add findings here.
NO_D = CONFIG.replace("  fail_on: error\n", "  fail_on: error\n  ignore: [D]\n")


@pytest.fixture
def lib(make_library: Callable[..., Path]) -> Path:
    return make_library({"scripts/a.yaml": entry_file(TYPO, OTHER)}, NO_D)


def lint(cli: Callable[..., Any], lib: Path, *extra: str) -> Any:
    return cli("lint", "--library", lib, "--as-of", "2026-11-22", *extra)


def test_write_then_lint_hides_known_findings(cli: Callable[..., Any], lib: Path) -> None:
    assert lint(cli, lib).exit_code == 1
    wrote = cli("baseline", "write", "--library", lib, "--as-of", "2026-11-22")
    assert wrote.exit_code == 0
    path = lib / ".cskit-baseline.json"  # default: next to cskit.yaml
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [(i["code"], i["entry_id"], i["count"]) for i in data["findings"]] == [
        ("E003", "legacy-typo", 1)
    ]
    result = lint(cli, lib, "--baseline", path)
    assert result.exit_code == 0, result.output
    assert "E003" not in result.stdout
    assert "隐藏了 1 个已知问题" in result.stderr


def test_moving_and_reformatting_keeps_the_baseline(cli: Callable[..., Any], lib: Path) -> None:
    cli("baseline", "write", "--library", lib)
    (lib / "scripts" / "a.yaml").write_text(entry_file(OTHER), encoding="utf-8")
    moved = "# moved here\n" + entry_file(GOOD_ENTRY, TYPO).replace("  - ", "\n  -   ").replace(
        "\n    ", "\n      "
    )
    (lib / "kb").mkdir()
    (lib / "kb" / "moved.yaml").write_text(moved, encoding="utf-8")
    result = lint(cli, lib, "--baseline", lib / ".cskit-baseline.json")
    assert result.exit_code == 0, result.output


def test_new_and_edited_findings_are_reported(cli: Callable[..., Any], lib: Path) -> None:
    cli("baseline", "write", "--library", lib)
    edited = TYPO.replace("anwser", "anwsr")
    new = OTHER + "titel: 新的拼写错误\n"
    (lib / "scripts" / "a.yaml").write_text(entry_file(edited, new), encoding="utf-8")
    result = lint(cli, lib, "--baseline", lib / ".cskit-baseline.json", "--lang", "en")
    assert result.exit_code == 1
    assert "'anwsr'" in result.stdout and "'titel'" in result.stdout
    assert "1 baseline item(s) no longer occur" in result.stderr


def test_prune_drops_fixed_items_only(cli: Callable[..., Any], lib: Path) -> None:
    path = lib / "debt.json"
    cli("baseline", "write", path, "--library", lib)
    fixed = TYPO.replace("anwser: 旧的拼写错误\n", "")
    (lib / "scripts" / "a.yaml").write_text(
        entry_file(fixed, OTHER + "titel: x\n"), encoding="utf-8"
    )
    pruned = cli("baseline", "prune", path, "--library", lib)
    assert pruned.exit_code == 0
    assert "删除 1 项" in pruned.stdout
    assert json.loads(path.read_text(encoding="utf-8"))["findings"] == []  # never adds


def test_missing_or_damaged_baseline_is_exit_2(cli: Callable[..., Any], lib: Path) -> None:
    missing = lint(cli, lib, "--baseline", lib / "nope.json")
    assert missing.exit_code == 2
    assert "cskit baseline write" in missing.output
    bad = lib / "bad.json"
    bad.write_text("{\n  oops", encoding="utf-8")
    damaged = lint(cli, lib, "--baseline", bad)
    assert damaged.exit_code == 2
    assert "bad.json:2" in damaged.output


def test_relative_baseline_name_is_found_next_to_cskit_yaml(
    cli: Callable[..., Any], lib: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("baseline", "write", "--library", lib, "--as-of", "2026-11-22").exit_code == 0
    monkeypatch.chdir(tmp_path)  # as in docs/ci.md: run from the repository root
    assert lint(cli, lib, "--baseline", ".cskit-baseline.json").exit_code == 0
