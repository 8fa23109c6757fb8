"""Fixes have a scope, as in ruff: ``--fix`` applies the safe (typography) fixes; fixes
that rewrite content (S004 writing a fact in) need ``--unsafe-fixes``; docs/cli.md lists
both. Run as a user runs it: the installed executable on a real library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cskit.rules.registry import RULES
from cskit.rules.typography.common import SpotRule
from tests.conftest import CONFIG, GOOD_ENTRY, ROOT, entry_file

CSKIT = Path(sys.executable).parent / "cskit"
# "7天无理由" agrees with return_days (7): S004 suggests {{ facts.return_days }} (unsafe);
# the half-width "!" after Chinese is Z001 (safe).
ANSWER = "answer: 本店支持7天无理由退货!"


def lib_with_fixes(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    (root / "scripts").mkdir(parents=True)
    (root / "cskit.yaml").write_text(CONFIG, encoding="utf-8")
    body = GOOD_ENTRY.replace(
        "answer: 您好，我是客服{{ agent.name }}，请问有什么可以帮您？", ANSWER
    )
    (root / "scripts" / "a.yaml").write_text(entry_file(body), encoding="utf-8")
    return root


def lint(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CI": "1"}
    return subprocess.run(
        [str(CSKIT), "lint", "--library", str(root), "--as-of", "2026-11-22", *args],
        capture_output=True,
        text=True,
        env=env,
    )


def test_fix_applies_only_safe_fixes_by_default(tmp_path: Path) -> None:
    root = lib_with_fixes(tmp_path)
    run = lint(root, "--fix")
    text = (root / "scripts" / "a.yaml").read_text(encoding="utf-8")
    assert "本店支持7天无理由退货！" in text  # Z001 fixed
    assert "facts.return_days" not in text  # S004 left alone
    assert "--unsafe-fixes" in run.stderr and "S004" in run.stdout


def test_diff_shows_the_scope_too(tmp_path: Path) -> None:
    root = lib_with_fixes(tmp_path)
    safe = lint(root, "--diff")
    assert "+  answer: 本店支持7天无理由退货！" in safe.stdout.replace("    ", "  ")
    assert "facts.return_days" not in safe.stdout
    unsafe = lint(root, "--diff", "--unsafe-fixes")
    assert "{{ facts.return_days }}天无理由退货！" in unsafe.stdout


def test_unsafe_fixes_rewrite_content_when_asked(tmp_path: Path) -> None:
    root = lib_with_fixes(tmp_path)
    run = lint(root, "--fix", "--unsafe-fixes")
    assert run.returncode == 0, run.stdout + run.stderr
    text = (root / "scripts" / "a.yaml").read_text(encoding="utf-8")
    assert "本店支持{{ facts.return_days }}天无理由退货！" in text


def test_the_fix_list_is_documented() -> None:
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    section = docs.split("## Fixes", 1)[1].split("\n## ", 1)[0]
    safe = [r.code for r in RULES if issubclass(r, SpotRule) and r.fixable]
    assert safe == ["Z001", "Z002", "Z003", "Z005"]
    for code in [*safe, "S004"]:
        assert f"| {code} |" in section, code
    assert "--unsafe-fixes" in section
    help_text = subprocess.run([str(CSKIT), "lint", "--help"], capture_output=True, text=True)
    assert "--unsafe-fixes" in help_text.stdout
