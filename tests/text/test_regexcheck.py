"""User regexes (``mentions:``, custom word packs) cannot hang a lint: exponential shapes are
refused when cskit.yaml is loaded, and a match that still runs away stops with the pattern
named. Through the real command line, with time limits on the process."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from cskit.rules.registry import PACK_RULES
from cskit.text.regexcheck import catastrophic
from cskit.wording.packs import builtin_names, builtin_pack
from tests.conftest import CONFIG, GOOD_ENTRY, entry_file

CSKIT = Path(sys.executable).parent / "cskit"
FACT = r"mentions: ['(\d+)\s*天无理由']"

EXPONENTIAL = [r"(a+)+$", r"(a*)*b", r"(\d+\s?)*$", r"(x+x+)+y", r"(a|aa)+$", r"(?:a|a)*b"]
POLYNOMIAL = [r"\d+\d+x", r".*.*=.*", r"[0-9]+[0-9]+$"]
FINE = [
    r"(\d+)\s*天无理由",
    r"满\s*(\d+)\s*元?包邮",
    r"价保\s*(\d+)\s*天",
    r"(?P<value>\d+)\s*个?工作日内?开具",
    r"(?:一|二|三)+天",
    r"([ -][0-9]{4}){3}",
    r"(?>a+)+b",
    r"a++b",
    r"\d+\s*\d+",
]


@pytest.mark.parametrize("pattern", EXPONENTIAL + POLYNOMIAL)
def test_backtracking_shapes_are_refused(pattern: str) -> None:
    assert catastrophic(pattern)


@pytest.mark.parametrize("pattern", FINE)
def test_ordinary_patterns_pass(pattern: str) -> None:
    assert catastrophic(pattern) is None


def test_every_built_in_pack_passes_the_check() -> None:
    for name in builtin_names():
        builtin_pack(name, PACK_RULES)  # raises ConfigError on a refused regex


def _lint(root: Path, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.monotonic()
    run = subprocess.run(
        [CSKIT, "lint", "--library", root, "--as-of", "2026-11-22", "--no-cache"],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return run, time.monotonic() - start


def test_a_catastrophic_mention_is_a_config_error_not_a_hang(make_library) -> None:
    config = CONFIG.replace(FACT, "mentions: ['(a+)+$']")
    bad = GOOD_ENTRY.replace("请问有什么可以帮您？", "a" * 40 + "!")
    root = make_library({"a.yaml": entry_file(bad)}, config)
    run, took = _lint(root)
    assert run.returncode == 2 and took < 30
    assert run.stderr.count("\n") == 1 and "cskit.yaml:" in run.stderr
    assert "facts.return_days.mentions" in run.stderr


def test_a_runaway_match_stops_and_names_the_pattern(make_library) -> None:
    """A shape the check lets through (\\d+ separated by \\s*) on a long run of digits."""
    pattern = r"x\d+\s*\d+\s*\d+\s*\d+y"
    config = CONFIG.replace(FACT, f"mentions: ['{pattern}']")
    slow = GOOD_ENTRY.replace("请问有什么可以帮您？", "x" + "1" * 3000)
    root = make_library({"a.yaml": entry_file(slow)}, config)
    run, took = _lint(root)
    assert run.returncode == 2 and took < 30, run.stderr
    assert "mentions[0]" in run.stderr and "greet-hello" in run.stderr
    assert "Traceback" not in run.stderr


def test_custom_word_pack_regexes_are_checked(make_library) -> None:
    pack = (
        "pack: mine\nrule: W001\nitems:\n  - id: mine.bad\n    patterns: ['(好+)+吗']\n"
        "    message_zh: 坏\n    message_en: bad\n"
        "    examples: {match: [好吗], no_match: [行]}\n"
    )
    config = CONFIG.replace("  fail_on: error\n", "  fail_on: error\n  wordlists: [mine.yaml]\n")
    root = make_library({"a.yaml": entry_file(GOOD_ENTRY)}, config)
    (root / "mine.yaml").write_text(pack, encoding="utf-8")
    run, _took = _lint(root)
    assert run.returncode == 2 and "exponential" in run.stderr, run.stderr
