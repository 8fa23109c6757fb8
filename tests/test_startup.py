"""Start-up stays light: every command (and every git hook) pays for what ``cskit.cli``
imports, so the heavy third-party libraries are imported only by the code that uses them.

These tests look at *which* modules get imported (``python -X importtime``), never at how
long it takes.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("jinja2", "openpyxl", "rapidfuzz", "ruamel", "opencc", "rich", "numpy")


def imported_modules(code: str) -> set[str]:
    """Every module a fresh interpreter imports while running ``code``."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1].strip()
            if name != "package":  # the header line
                names.add(name)
    assert "cskit" in names, proc.stderr[-2000:]
    return names


def heavy_among(names: set[str]) -> list[str]:
    return sorted(n for n in names if n.split(".")[0] in HEAVY)


def test_cli_import_is_light() -> None:
    names = imported_modules("import cskit.cli")
    assert "cskit.cli" in names
    assert heavy_among(names) == []
    # the command modules import their machinery when they run, not when they are mounted
    assert (
        not {
            "cskit.lint.engine",
            "cskit.rules.registry",
            "cskit.library.load",
            "cskit.config.model",
        }
        & names
    )


@pytest.mark.parametrize(
    "heavy", ["jinja2", "openpyxl", "ruamel", "opencc", "rich", "rapidfuzz", "numpy"]
)
def test_warm_lint_modules_skip(heavy: str) -> None:
    """What a warm ``cskit lint`` loads (rule registry, findings cache, report) needs none of
    the rendering, Excel, round-trip-YAML or similarity libraries: the rules import them when
    they run (the D rules' numpy and rapidfuzz only in the process that runs them)."""
    names = imported_modules(
        "import cskit.cli, cskit.commands.lint_cmd, cskit.rules.registry, cskit.lint.cache, "
        "cskit.lint.engine, cskit.lint.report"
    )
    assert "cskit.rules.registry" in names
    assert [n for n in heavy_among(names) if n.split(".")[0] == heavy] == []


def test_a_command_run_does_not_import_pydantic() -> None:
    """typer 0.29 coerces every option through pydantic (≈ 0.1 s on each run, a third of a
    small lint and of every commit's hook): pyproject keeps typer below it."""
    names = imported_modules(
        "import sys; from typer.testing import CliRunner; from cskit.cli import app; "
        "r = CliRunner().invoke(app, ['lint', '--library', 'library', '--as-of', '2026-11-22', "
        "'-q', '--no-cache']); assert r.exit_code == 0, r.output"  # a real lint, not the cache
    )
    assert "cskit.lint.engine" in names
    assert not [n for n in names if n.split(".")[0] == "pydantic"]
