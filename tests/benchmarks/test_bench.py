"""`make bench` end to end on a tiny library: every row is measured and printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_bench_prints_every_measurement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {**os.environ, "BENCH_SIZES": "300", "BENCH_OUT": str(tmp_path), "BENCH_NAIVE": "1"}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    rows = {line.split()[0] for line in proc.stdout.splitlines() if line.startswith("  ")}
    assert {"cold", "warm", "hook", "1", "yamllint", "naive"} <= rows, proc.stdout
    assert "  hook --staged" in proc.stdout
    assert "300 entries" in proc.stdout
    # cold and yamllint: the median of three interleaved runs, with each pair's ratio
    cold_row = next(line for line in proc.stdout.splitlines() if line.startswith("  cold"))
    yamllint_row = next(line for line in proc.stdout.splitlines() if line.startswith("  yamllint"))
    assert "median of 3" in cold_row and "median of 3" in yamllint_row
    assert yamllint_row.count("×") >= 5  # vs cold, the target's ratio, three pairs
    assert "!" not in proc.stderr  # no child crashed
    # the file the bench edits is restored: the library is byte-identical to a fresh one
    fresh = tmp_path / "fresh"
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from genlib import generate

    generate(fresh, 300, files=100, seed=1, dupes=0.02, conflicts=0.01)
    for path in sorted((fresh / "scripts").glob("*.yaml")):
        assert (tmp_path / "lib-300" / "scripts" / path.name).read_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    "answer",
    [
        "answer: 您好，请稍等。",
        "answer: '您好，请稍等。'",
        'answer: "您好，请稍等。"',
        "answer: |-\n  您好，\n  请稍等。",
    ],
)
def test_the_bench_edit_keeps_yaml_valid(answer: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from bench import edited

    from cskit.yamlread import parse

    text = f"entries:\n  - id: a\n    {answer.replace(chr(10), chr(10) + '    ')}\n    owner: x\n"
    after = parse(edited(text, "～")).data["entries"][0]
    before = parse(text).data["entries"][0]
    assert after["answer"] != before["answer"] and "～" in after["answer"]
    assert after["owner"] == "x"


def test_median_run_is_the_middle_one_and_keeps_every_time(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from bench import Run, median

    runs = [Run("cold", w, w * 2, 10.0, 0) for w in (3.0, 2.5, 2.8)]
    mid = median(runs)
    assert (mid.wall, mid.cpu) == (2.8, 5.6)
    assert mid.walls == (3.0, 2.5, 2.8)  # in the order they ran (paired with yamllint's)


def test_publish_bench_prints_every_case(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_publish.py"), "--entries", "200",
         "--keep", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    rows = [ln.split() for ln in proc.stdout.splitlines() if ln.startswith("  ")]
    assert [(r[0], r[1]) for r in rows] == [
        (p, m) for p in ("qianniu-csv", "bench-sheet", "dianxiaomi") for m in ("cold", "warm")
    ]
    sheet = next(ln for ln in proc.stdout.splitlines() if "bench-sheet  cold" in ln)
    published = int(sheet.split("published ")[1].split(",")[0])
    assert published > 100  # most generated entries go out through the bench's own profile
