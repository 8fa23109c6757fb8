"""Resource bounds of the template sandbox: every payload that would eat memory or time
ends in one render error within a second or two, using well under 200 MB, in the renderer,
in ``cskit lint`` (T006) and through an answer cell of ``cskit import``."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import openpyxl
import pytest

from cskit.config.model import Config
from cskit.render.renderer import Renderer, RenderFailure
from tests.conftest import ROOT

CSKIT = Path(sys.executable).parent / "cskit"


def _macro(step: str, start: str) -> str:
    """A macro that applies ``step`` to its argument 40 times: growth without a loop."""
    return (
        "{% macro f(s, n) %}{% if n %}{{ f(" + step + ", n - 1) }}{% else %}{{ s|length }}"
        "{% endif %}{% endmacro %}{{ f(" + start + ", 40) }}"
    )


PAYLOADS = {
    # format widths
    "percent width": "{{ '%999999999d' % 1 }}",
    "percent precision": "{{ '%.999999999f' % 1.0 }}",
    "format width": "{{ '{:999999999}'.format(1) }}",
    "format nested width": "{{ '{:{w}}'.format(1, w=999999999) }}",
    # padding methods
    "center": "{{ 'a'.center(999999999) }}",
    "ljust": "{{ 'a'.ljust(999999999) }}",
    "rjust": "{{ 'a'.rjust(999999999) }}",
    "zfill": "{{ 'a'.zfill(999999999) }}",
    "expandtabs": "{{ '\\t'.expandtabs(999999999) }}",
    # list growth
    "extend in a loop": "{% set l = [1, 2] %}{% for i in range(60) %}{% set _ = l.extend(l) %}"
    "{% endfor %}{{ l|length }}",
    "append in nested loops": "{% set l = [] %}{% for i in range(1000) %}{% for j in range(1000) %}"
    "{% set _ = l.append(i) %}{% endfor %}{% endfor %}",
    "list + list": _macro("s + s", "[1, 2]"),
    "sum of lists": "{% set l = [['x'] * 10000] * 10000 %}{{ l|sum(start=[])|length }}",
    # text growth
    "tilde concatenation": _macro("s ~ s", "'ab'"),
    "plus concatenation": _macro("s + s", "'ab'"),
    "replace growth": _macro("s.replace('a', 'aa')", "'aaaa'"),
    "replace filter growth": _macro("s|replace('a', 'aa')", "'aaaa'"),
    "format growth": _macro("'{}{}'.format(s, s)", "'ab'"),
    "percent growth": _macro("'%s%s' % (s, s)", "'ab'"),
    "join growth": _macro("[s, s]|join", "'ab'"),
    "join of many copies": "{{ (['x' * 10000] * 10000)|join }}",
    "printing a big list": "{% set l = ['x' * 10000] * 10000 %}{{ l }}",
    "string of a big list": "{% set l = ['x' * 10000] * 10000 %}{{ l|string|length }}",
    "output flood": "{% for i in range(1000) %}{% for j in range(9) %}{{ 'x' * 10000 }}"
    "{% endfor %}{% endfor %}",
    # numbers
    "pow chain": "{{ (((9**64)**64)**64) }}",
    "squaring": _macro("s * s", "3").replace("s|length", "s > 0"),
    # time
    "nested loops over lists": "{% set l = [1] * 1000 %}{% for a in l %}{% for b in l %}"
    "{% for c in l %}x{% endfor %}{% endfor %}{% endfor %}",
    "nested loops over strings": "{% set s = 'a' * 1000 %}{% for a in s %}{% for b in s %}"
    "{% for c in s %}{% endfor %}{% endfor %}{% endfor %}",
    "macro fan-out": "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}"
    "{% endmacro %}{{ f(40) }}",
    "recursion": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    # the parser
    "1000 nested parentheses": "{{ " + "(" * 1000 + "1" + ")" * 1000 + " }}",
    "600 nested ifs": "{% if 1 %}" * 600 + "x" + "{% endif %}" * 600,
}


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(Config(path=None, library_dir=Path(".")))


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_payload_ends_in_a_render_error_quickly_and_small(renderer: Renderer, name: str) -> None:
    tracemalloc.start()
    start = time.monotonic()
    try:
        with pytest.raises(RenderFailure) as caught:
            renderer.render(PAYLOADS[name], {})
        took = time.monotonic() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert took < 2.5, f"{name}: {took:.1f} s"
    assert peak < 50 << 20, f"{name}: {peak >> 20} MB"
    message = caught.value.message()
    assert "\n" not in message and len(message) < 300


def test_ordinary_templates_are_not_limited(renderer: Renderer) -> None:
    source = (
        "{% for i in range(50) %}{{ '%05d' % i }}{{ '{:>6}'.format(i) }}{% endfor %}"
        "{{ ['a', 'b']|join('、') }}{{ 'x'.center(20) }}{{ 2 ** 10 }}{{ 'ab' ~ 'cd' }}"
        "{% set l = [] %}{% for i in range(100) %}{% set _ = l.append(i) %}{% endfor %}"
        "{{ l|length }}{{ l|sum }}{{ 'a-b'.replace('-', '—') }}"
    )
    text = renderer.render(source, {})
    assert text.startswith("00000     0") and text.endswith("100" + "4950" + "a—b")


def _entries(payloads: dict[str, str]) -> str:
    import json

    out = "entries:\n"
    for i, text in enumerate(payloads.values()):
        out += (
            f"  - id: payload-{i:02d}\n    title: t{i}\n    category: general\n    stage: greet\n"
            f"    owner: 客服一组\n    reviewed: 2026-11-01\n    samples: [shipped]\n"
            f"    answer: {json.dumps(text, ensure_ascii=False)}\n"
        )
    return out


# Forks the command from a fresh, small interpreter and reports the child's own peak: a
# child forked from the (large) test process would inherit its high-water mark.
LAUNCH = """\
import os, sys, time
start = time.monotonic()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_pid, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), time.monotonic() - start, usage.ru_maxrss, file=sys.stderr)
"""


def _run_measured(args: list[str], cwd: Path) -> tuple[int, str, float, int]:
    """Exit code, stdout, seconds and peak memory (KiB) of one real cskit process."""
    proc = subprocess.run(
        [sys.executable, "-c", LAUNCH, *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    code, took, peak = proc.stderr.strip().splitlines()[-1].split()
    return int(code), proc.stdout, float(took), int(peak)


@pytest.mark.slow
def test_lint_reports_every_payload_as_t006_within_bounds(tmp_path: Path) -> None:
    lib = tmp_path / "repo" / "library"
    shutil.copytree(ROOT / "library", lib, ignore=shutil.ignore_patterns(".*"))
    (lib / "scripts" / "zz-payloads.yaml").write_text(_entries(PAYLOADS), encoding="utf-8")
    code, out, took, peak = _run_measured(
        [
            str(CSKIT),
            "lint",
            "--library",
            str(lib),
            "--as-of",
            "2026-11-22",
            "--no-cache",
            "--select",
            "T001,T006",
            "--format",
            "jsonl",
        ],
        tmp_path,
    )
    assert code == 1
    flagged = {
        line.split('"entry_id": "')[1].split('"')[0]
        for line in out.splitlines()
        if "payload-" in line
    }
    assert flagged == {f"payload-{i:02d}" for i in range(len(PAYLOADS))}
    # every payload together, the whole library linted: still well within the bounds
    assert took < 60 and peak < 200 * 1024, (took, peak)


@pytest.mark.slow
def test_the_same_payloads_through_an_import_answer_cell(tmp_path: Path) -> None:
    lib = tmp_path / "repo" / "library"
    shutil.copytree(ROOT / "library", lib, ignore=shutil.ignore_patterns(".*"))
    book = tmp_path / "book.xlsx"
    subprocess.run([CSKIT, "export", book, "--library", lib], check=True, capture_output=True)
    wb = openpyxl.load_workbook(book)
    ws = wb["话术库"]
    headers = {ws.cell(1, c).value: c for c in range(1, ws.max_column + 1)}
    answer = next(c for h, c in headers.items() if h and str(h).startswith("回复"))
    chosen = [
        "percent width",
        "extend in a loop",
        "tilde concatenation",
        "pow chain",
        "nested loops over strings",
        "1000 nested parentheses",
    ]
    for row, name in enumerate(chosen, start=2):
        ws.cell(row, answer).value = PAYLOADS[name]
    wb.save(book)
    before = {p: p.read_bytes() for p in lib.rglob("*.yaml")}
    code, out, took, peak = _run_measured(
        [str(CSKIT), "import", str(book), "--library", str(lib), "--as-of", "2026-11-22"],
        tmp_path,
    )
    assert code == 1, out  # refused: the answers do not render
    assert out.count("T006") + out.count("T001") >= len(chosen)
    assert {p: p.read_bytes() for p in lib.rglob("*.yaml")} == before
    assert took < 120 and peak < 200 * 1024, (took, peak)
