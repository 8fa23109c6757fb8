"""`make bench`: cskit lint against its speed targets (docs/ci.md), side by side in one run.

For each size (``BENCH_SIZES``, default ``10000,100000``) a synthetic library is generated
with ``benchmarks/genlib.py`` into ``bench-out/`` (git-ignored; reused when it is already
there), then measured, each as its own child process (wall time, CPU time and peak RSS of
that child):

* ``cold``        ``cskit lint`` with no ``.cskit_cache/``
* ``warm``        the same again, nothing changed
* ``hook``        one file edited, ``cskit lint FILE`` (what pre-commit runs: the whole
                  library is loaded, findings reported for the file)
* ``hook --staged`` the same edit staged, ``cskit lint --staged`` (what ``cskit hook
                  install`` runs: git decides which entries changed)
* ``1 changed``   one file edited, full ``cskit lint`` (entry results of the other files
                  come from the cache; cross-entry rules run over everything)
* ``yamllint``    ``yamllint -d relaxed`` on the same files (10k only: it is single-threaded
                  and takes minutes at 100k)
* ``naive``       ruamel.yaml round-trip load of every file (10k only), the approach the
                  fast reader replaces

At 10k the cold run and yamllint are measured ``BENCH_REPEAT`` times (default 3),
interleaved (cold, yamllint, cold, …) so a machine whose speed drifts slows both alike; the
tables show the median run and the spread, and the ratio of the medians is what the target
checks (each pair's own ratio is printed too).
Environment: ``BENCH_SIZES=10000`` for a quick run, ``BENCH_NAIVE=0`` to skip the ruamel
load, ``BENCH_OUT=DIR`` for another scratch folder, ``BENCH_RULES=0`` to skip the per-rule
cost table, ``BENCH_STRICT=1`` to exit 1 when a target is missed. Optional sections run
``benchmarks/bench_dupes.py``, ``bench_excel.py``, ``bench_render.py``, ``bench_publish.py``
and ``bench_coverage.py`` (a million chat turns; ``BENCH_COVERAGE=0`` skips it,
``BENCH_COVERAGE_TURNS=N`` makes it smaller) when present.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = Path(os.environ.get("BENCH_OUT", ROOT / "bench-out"))
BIN = Path(sys.executable).parent
AS_OF = "2026-11-22"
OPTIONAL = (
    "bench_dupes.py",
    "bench_excel.py",
    "bench_render.py",
    "bench_publish.py",
    "bench_coverage.py",
)

# (size, measurement) → limit in seconds; ratio targets are checked separately.
TARGETS = {
    (10_000, "warm"): 1.0,
    (10_000, "hook"): 2.0,
    (10_000, "hook --staged"): 2.0,
    (100_000, "cold"): 120.0,
    (100_000, "warm"): 8.0,
}
MEMORY_LIMIT_MB = 1536  # 1.5 GB at 100k
YAMLLINT_RATIO = 5.0


@dataclass
class Run:
    label: str
    wall: float
    cpu: float
    rss_mb: float
    code: int
    walls: tuple[float, ...] = ()  # every repeat's wall time (the run shown is the median)


def median(runs: list[Run]) -> Run:
    """The median run by wall time, carrying every run's wall time."""
    ordered = sorted(runs, key=lambda r: r.wall)
    mid = ordered[len(ordered) // 2]
    mid.walls = tuple(r.wall for r in runs)
    return mid


def repeats(size: int) -> int:
    """How often the cold run and yamllint are measured (the 100k run once: minutes)."""
    env = os.environ.get("BENCH_REPEAT", "")
    wanted = int(env) if env.isdigit() and int(env) > 0 else 3
    return wanted if size <= 10_000 else 1


def child(label: str, cmd: list[str], cwd: Path = ROOT) -> Run:
    """Run one child process; its own wall time, CPU time and peak memory (wait4)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            err.seek(0)
            tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            print(f"  ! {label} exited {proc.returncode}: {' / '.join(tail)}", file=sys.stderr)
    # ru_maxrss is in KiB on Linux
    return Run(
        label, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode
    )


def library(size: int) -> Path:
    """The generated library for ``size`` entries (generated once, then reused)."""
    folder = OUT / f"lib-{size}"
    truth = folder / ".truth.json"
    if truth.is_file():
        try:
            if json.loads(truth.read_text(encoding="utf-8")).get("entries") == size:
                return folder
        except ValueError:
            pass
    if not (HERE / "genlib.py").is_file() and not _importable("genlib"):
        sys.exit("benchmarks/genlib.py is missing: it generates the libraries (merge main)")
    print(f"generating {size:,} entries into {folder} …", flush=True)
    start = time.perf_counter()
    # In a child process: a big parent would inflate every later child's peak memory
    # (Linux carries ru_maxrss across fork).
    code = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from genlib import generate;"
        "generate(Path(sys.argv[2]), int(sys.argv[3]), files=100, seed=1, dupes=0.02,"
        " conflicts=0.01)"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(HERE), str(folder), str(size)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"  done in {time.perf_counter() - start:.1f} s", flush=True)
    return folder


def _git(lib: Path, *args: str) -> bool:
    ident = ["-c", "user.email=bench@cskit.invalid", "-c", "user.name=bench"]
    proc = subprocess.run(["git", *ident, *args], cwd=lib, capture_output=True, check=False)
    return proc.returncode == 0


def _git_repo(lib: Path) -> bool:
    """The generated library as its own git repository (committed once), for --staged."""
    if (lib / ".git").is_dir():
        return True
    if shutil.which("git") is None:
        return False
    (lib / ".gitignore").write_text(".cskit_cache/\n", encoding="utf-8")
    return (
        _git(lib, "init", "-q")
        and _git(lib, "add", "-A")
        and _git(lib, "commit", "-q", "-m", "generated")
    )


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def lint_cmd(lib: Path, *extra: str) -> list[str]:
    return [str(BIN / "cskit"), "lint", "--library", str(lib), "--as-of", AS_OF, "-q", *extra]


def edited(text: str, mark: str) -> str:
    """``text`` with one answer reworded: ``mark`` added at the end of the first answer's
    first line of text (inside a block scalar or a quoted one, so the YAML stays valid)."""
    lines = text.split("\n")
    i = next(n for n, line in enumerate(lines) if line.lstrip().startswith("answer:"))
    value = lines[i].split("answer:", 1)[1].strip()
    if value.startswith(("|", ">")):
        i += 1  # the first line of the block's text
        lines[i] += mark
    elif value.endswith(("'", '"')):
        lines[i] = lines[i][:-1] + mark + lines[i][-1]
    else:
        lines[i] += mark
    return "\n".join(lines)


def measure(size: int, naive: bool) -> list[Run]:
    lib = library(size)
    files = sorted((lib / "scripts").glob("*.yaml"))
    target = files[len(files) // 2]
    original = target.read_bytes()
    staged = _git_repo(lib)  # committed before anything is edited
    yaml_files = [str(p) for p in files]
    yl = BIN / "yamllint"
    with_yamllint = size <= 10_000 and yl.exists()
    colds: list[Run] = []
    yamllints: list[Run] = []
    for _ in range(repeats(size)):  # interleaved: both see the machine as it is
        shutil.rmtree(lib / ".cskit_cache", ignore_errors=True)
        colds.append(child("cold", lint_cmd(lib)))
        if with_yamllint:
            yamllints.append(child("yamllint", [str(yl), "-d", "relaxed", *yaml_files]))
    runs: list[Run] = [median(colds)]
    runs.append(child("warm", lint_cmd(lib)))  # after the last cold run
    text = original.decode("utf-8")
    try:
        target.write_text(edited(text, "～"), encoding="utf-8")
        runs.append(child("hook", lint_cmd(lib, str(target))))
        if staged:
            # `cskit hook install`'s hook: the entries changed in the index, decided by git
            _git(lib, "add", str(target))
            runs.append(child("hook --staged", lint_cmd(lib, "--staged"), cwd=lib))
        target.write_text(edited(text, "！"), encoding="utf-8")
        runs.append(child("1 changed", lint_cmd(lib)))
    finally:
        target.write_bytes(original)
        if staged:
            _git(lib, "reset", "-q")
    if yamllints:
        runs.append(median(yamllints))
    if size <= 10_000 and naive:
        code = (
            "import sys\nfrom ruamel.yaml import YAML\ny = YAML()\n"
            "for p in sys.argv[1:]:\n    y.load(open(p, encoding='utf-8'))\n"
        )
        runs.append(child("naive ruamel", [sys.executable, "-c", code, *yaml_files]))
    return runs


def report(size: int, runs: list[Run]) -> list[str]:
    """Print one table; return the targets missed."""
    by = {r.label: r for r in runs}
    cold = by["cold"]
    missed: list[str] = []
    print(f"\n{size:,} entries")
    print(f"  {'run':<16}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}  {'vs cold':>8}  target")
    for r in runs:
        note = ""
        limit = TARGETS.get((size, r.label))
        if limit is not None:
            ok = r.wall <= limit
            note = f"≤ {limit:g} s {'ok' if ok else 'MISSED'}"
            if not ok:
                missed.append(f"{size}: {r.label} {r.wall:.2f} s > {limit:g} s")
        if r.label == "yamllint":
            ratio = r.wall / cold.wall
            ok = ratio >= YAMLLINT_RATIO
            cpu_ratio = r.cpu / cold.cpu if cold.cpu else 0.0
            note = (
                f"cold ≥ {YAMLLINT_RATIO:g}× faster: {ratio:.1f}× "
                f"{'ok' if ok else 'MISSED'} (CPU {cpu_ratio:.1f}×)"
            )
            if len(r.walls) > 1 and len(r.walls) == len(cold.walls):
                pairs = " ".join(f"{y / c:.1f}×" for y, c in zip(r.walls, cold.walls, strict=True))
                note += f"; each pair {pairs}"
            if not ok:
                missed.append(f"{size}: cold only {ratio:.1f}× faster than yamllint")
        if size >= 100_000 and r.label in ("cold", "warm"):
            ok = r.rss_mb <= MEMORY_LIMIT_MB
            note += f"; ≤ {MEMORY_LIMIT_MB} MB {'ok' if ok else 'MISSED'}"
            if not ok:
                missed.append(f"{size}: {r.label} peak {r.rss_mb:.0f} MB")
        if r.code not in (0, 1):
            note += f" (exit {r.code}!)"
            missed.append(f"{size}: {r.label} crashed (exit {r.code})")
        if len(r.walls) > 1:
            note = f"median of {len(r.walls)} ({min(r.walls):.2f}–{max(r.walls):.2f} s)" + (
                f"; {note}" if note else ""
            )
        ratio_text = f"{r.wall / cold.wall:7.2f}×"
        print(f"  {r.label:<16}{r.wall:9.2f}{r.cpu:9.2f}{r.rss_mb:9.0f}  {ratio_text:>8}  {note}")
    return missed


RULE_COSTS = """
import datetime as dt, sys, time
from pathlib import Path
from cskit.library.load import load_library
from cskit.lint.selection import select_rules
from cskit.rules.base import Context

start = time.process_time()
lib = load_library(Path(sys.argv[1]), use_cache=False)
costs = [("parse (fast reader, no cache)", time.process_time() - start)]
ctx = Context(library=lib, as_of=dt.date(2026, 11, 22))
rules = select_rules(lib.config)
# entry rules as the linter runs them: every rule on one entry before the next (the pack
# rules share one scan per entry, which the first of them pays for)
spent = {rule.code: 0.0 for rule in rules if rule.scope == "entry"}
clock = time.process_time
for entry in lib.entries:
    for rule in rules:
        if rule.scope == "entry":
            start = clock()
            for _ in rule.check_entry(entry, ctx):
                pass
            spent[rule.code] += clock() - start
costs += [(f"{r.code} {r.name}", spent[r.code]) for r in rules if r.scope == "entry"]
for rule in rules:
    if rule.scope != "entry":
        start = clock()
        for _ in rule.check_library(ctx):
            pass
        costs.append((f"{rule.code} {rule.name}", clock() - start))
for name, cpu in sorted(costs, key=lambda c: -c[1])[:12]:
    print(f"  {name:<36}{cpu:8.2f}")
print(f"  {'total':<36}{sum(c for _, c in costs):8.2f}")
"""


def rule_costs(size: int) -> None:
    """Where a cold run's CPU goes: the parse, then each rule on its own (the first rule
    of a family may pay for shared work such as template parsing)."""
    print(f"\nwhere cold CPU goes at {size:,} entries (s, top 12; rules in one process)")
    subprocess.run([sys.executable, "-c", RULE_COSTS, str(OUT / f"lib-{size}")], check=False)


def optional_sections(sizes: list[int]) -> list[str]:
    """Run the other benchmarks; the names of those that failed (a section that stops on an
    unexpected result must not pass unnoticed)."""
    failed = []
    for name in OPTIONAL:
        script = HERE / name
        if script.is_file():
            print(f"\n== {name}", flush=True)
            env = {**os.environ, "BENCH_SIZES": ",".join(map(str, sizes))}
            code = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env).returncode
            if code:
                failed.append(f"{name} failed (exit {code})")
    return failed


def main() -> int:
    # Measure cskit as installed: with its bytecode cached (an editable install under
    # PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module on every run).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "cskit")], check=False)
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000").split(",") if s]
    naive = os.environ.get("BENCH_NAIVE", "1") != "0"
    OUT.mkdir(parents=True, exist_ok=True)
    start = child("start-up", [str(BIN / "cskit"), "--version"])
    print(f"cskit start-up (cskit --version): {start.wall:.2f} s; {os.cpu_count()} CPU(s)")
    missed: list[str] = []
    for size in sizes:
        missed += report(size, measure(size, naive))
    if os.environ.get("BENCH_RULES", "1") != "0":
        rule_costs(min(sizes))
    failed = optional_sections(sizes)
    print()
    if missed:
        print("targets missed:\n  " + "\n  ".join(missed))
    else:
        print("all measured targets met")
    if failed:
        print("sections that failed:\n  " + "\n  ".join(failed), file=sys.stderr)
        return 2
    return 1 if missed and os.environ.get("BENCH_STRICT") == "1" else 0


if __name__ == "__main__":
    sys.exit(main())
