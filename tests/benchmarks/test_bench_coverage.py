"""The coverage section of `make bench` end to end on a small log, and its generator."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_bench_coverage_prints_both_runs(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "BENCH_OUT": str(tmp_path),
        "BENCH_COVERAGE_TURNS": "2000",
        "BENCH_COVERAGE_ENTRIES": "200",
    }
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_coverage.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "default (2 processes)" in proc.stdout and "CSKIT_JOBS=1" in proc.stdout
    assert proc.stdout.count("覆盖率") == 2 and "!" not in proc.stderr
    skipped = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_coverage.py")],
        env={**env, "BENCH_COVERAGE": "0"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "skipped" in skipped.stdout


def test_the_generated_log_is_reproducible_and_mostly_numbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from genchat import generate_chat

    from tests.coverage.conftest import LIB

    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    counts = generate_chat(LIB, a, 500, seed=3)
    generate_chat(LIB, b, 500, seed=3)
    assert a.read_bytes() == b.read_bytes()
    assert counts["chitchat"] + counts["library"] + counts["unanswered"] == 500
    customer = [line for line in a.read_text(encoding="utf-8").splitlines() if ",买家," in line]
    numbered = sum(any(ch.isdigit() for ch in line.split(",", 4)[-1]) for line in customer)
    assert numbered / len(customer) > 0.5
