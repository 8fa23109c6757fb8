from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOOD_ENTRY, ROOT, entry_file

CSKIT = Path(sys.executable).parent / "cskit"
BAD = entry_file(GOOD_ENTRY.replace("answer:", "anwser:"))


def test_clean_library_exits_0(cli, make_library):
    root = make_library({"a.yaml": entry_file(GOOD_ENTRY)})
    result = cli("lint", "--library", root, "--as-of", "2026-11-22")
    assert result.exit_code == 0 and "全部通过" in result.stdout


def test_findings_exit_1_and_output_file_keeps_exit_code(cli, make_library, tmp_path):
    root = make_library({"a.yaml": BAD})
    assert cli("lint", "--library", root).exit_code == 1
    out = tmp_path / "report.json"
    result = cli("lint", "--library", root, "--format", "json", "--output", out)
    assert result.exit_code == 1 and result.stdout == ""
    assert {f["code"] for f in json.loads(out.read_text())["findings"]} == {"E003", "E004"}


def test_fail_on_never_and_lang_en(cli, make_library):
    root = make_library({"a.yaml": BAD})
    result = cli("lint", "--library", root, "--fail-on", "never", "--lang", "en")
    assert result.exit_code == 0 and "did you mean 'answer'" in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--library", "/no/such/dir"], "does not exist"),
        (["--format", "xml"], "--format 'xml'"),
        (["--as-of", "tomorrow"], "--as-of 'tomorrow' is not a date"),
        (["--select", "Q1"], "selects no rule"),
        (["--lang", "fr"], "--lang 'fr'"),
    ],
)
def test_usage_errors_are_one_line_exit_2(cli, make_library, args, words):
    root = make_library({"a.yaml": BAD})
    full = args if args[0] == "--library" else ["--library", str(root), *args]
    result = cli("lint", *full)
    assert result.exit_code == 2
    assert (
        result.stderr.count("\n") == 1
        and result.stderr.startswith("error: ")
        and words in result.stderr
    )
    assert "Traceback" not in result.stderr + result.stdout


def test_bad_config_exit_2_with_line(cli, make_library):
    root = make_library({"a.yaml": BAD}, config="version: 1\nreview_every: {policy: soon}\n")
    result = cli("lint", "--library", root)
    assert result.exit_code == 2 and "cskit.yaml:2: review_every.policy" in result.stderr


def test_files_argument_limits_report(cli, make_library):
    root = make_library({"a.yaml": BAD, "b.yaml": BAD.replace("greet-hello", "b-1")})
    result = cli("lint", "--library", root, "--format", "json", root / "b.yaml")
    assert {f["entry_id"] for f in json.loads(result.stdout)["findings"]} == {"b-1"}


def test_real_subprocess_from_inside_the_library(make_library):
    root = make_library({"scripts/a.yaml": BAD})
    env = {**os.environ, "CI": "true"}
    proc = subprocess.run(
        [str(CSKIT), "lint", "-q"], cwd=root / "scripts", capture_output=True, text=True, env=env
    )
    assert proc.returncode == 1
    # paths are relative to the current folder (docs/cli.md), here the scripts/ folder
    assert [line.split(" ")[0:2] for line in proc.stdout.splitlines()] == [
        ["a.yaml:2:5:", "E004"],
        ["a.yaml:7:5:", "E003"],
    ]
    assert proc.stderr == ""


def test_sample_library_lints_clean():
    proc = subprocess.run(
        [str(CSKIT), "lint", "--library", "library", "--as-of", "2026-11-22", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.startswith("全部通过"), proc.stdout


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.strip() == "cskit 0.1.0"


def test_missing_file_argument_is_an_error_and_foreign_files_are_noted(cli, make_library, tmp_path):
    root = make_library({"a.yaml": BAD})
    result = cli("lint", "--library", root, root / "nope.yaml")
    assert result.exit_code == 2 and "nope.yaml does not exist" in result.stderr
    other = tmp_path / "ci.yml"
    other.write_text("on: push\n")
    result = cli("lint", "--library", root, other)
    assert result.exit_code == 0 and "ci.yml is not part of the library; skipped" in result.stderr
