"""The executable as a shell and a CI log see it: shell completion, the error line's prefix
and language, and no install instruction that cannot work."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

CSKIT = Path(sys.executable).parent / "cskit"
ERRORS = {
    "CskitError",
    "ConfigError",
    "LibraryNotFound",
    "UsageError",
    "InputError",
    "GitError",
    "RenderError",
    "WriteError",
}


def complete(words: str) -> list[str]:
    """What bash completion offers after ``words`` (the last word being completed)."""
    env = {
        **os.environ,
        "_CSKIT_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    proc = subprocess.run([str(CSKIT)], env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_shell_completion_is_on() -> None:
    assert complete("cskit li") == ["lint"]
    assert "--fail-on" in complete("cskit lint --fa")
    assert complete("cskit rule W00")[:3] == ["W001", "W002", "W003"]
    assert complete("cskit rule off-") == ["off-platform"]
    # typer detects the shell from the parent processes; its test switch names it instead
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    script = subprocess.run(
        [str(CSKIT), "--show-completion", "bash"], capture_output=True, text=True, env=env
    ).stdout
    assert "_CSKIT_COMPLETE" in script


def test_no_document_claims_a_release_on_pypi() -> None:
    """There is no release to ``pip install cskit`` from; installs go from git or a path."""
    texts = [ROOT / "README.md", ROOT / "action.yml", *sorted((ROOT / "docs").glob("*.md"))]
    texts += [ROOT / "cskit" / "commands" / "hook_cmd.py"]
    for path in texts:
        text = path.read_text(encoding="utf-8")
        assert "pip install cskit" not in text, path
        assert "pipx install cskit" not in text and "uv tool install cskit" not in text, path


def test_every_error_cskit_raises_speaks_both_languages() -> None:
    """Each ``XError(...)`` in the package carries an English text (``en=``) beside the
    Chinese one, so the process language decides what the user reads."""
    missing = []
    for path in sorted((ROOT / "cskit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id in ERRORS:
                keywords = {k.arg for k in node.keywords}
                if "en" not in keywords and None not in keywords:  # **texts counts
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert missing == []


def test_an_unknown_command_is_not_a_traceback() -> None:
    proc = subprocess.run([str(CSKIT), "nope"], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
