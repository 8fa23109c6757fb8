"""The second core must change nothing but the time."""

from __future__ import annotations

import os
import sys

import pytest

from cskit import parallel
from cskit.library import load_library
from cskit.linter import lint
from tests.conftest import AS_OF, ROOT


def test_child_result_and_failure():
    assert parallel.in_child(lambda: {"x": [1, 2]})() == {"x": [1, 2]}

    def boom() -> None:
        raise ValueError("in the child")

    with pytest.raises(RuntimeError, match="ValueError: in the child"):
        parallel.in_child(boom)()


def test_jobs_setting(monkeypatch):
    monkeypatch.setenv("CSKIT_JOBS", "1")
    assert parallel.jobs() == 1 and not parallel.worth_it(10**6)
    monkeypatch.setenv("CSKIT_JOBS", "2")
    assert parallel.jobs() == 2 and parallel.worth_it(parallel.MIN_ENTRIES)
    assert not parallel.worth_it(parallel.MIN_ENTRIES - 1)


def test_two_processes_give_the_same_findings(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from genlib import generate

    generate(tmp_path / "gen", 2500, files=10)
    runs = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("CSKIT_JOBS", jobs)
        library = load_library(tmp_path / "gen", use_cache=False)
        result = lint(library, as_of=AS_OF)
        runs[jobs] = [
            (f.code, f.file, f.line, f.column, f.entry_id, f.message_zh, f.entry is not None)
            for f in result.findings
        ]
    assert runs["1"] == runs["2"]
    assert len(runs["2"]) > 100  # the generated library has planted problems
    assert os.environ["CSKIT_JOBS"] == "2"
