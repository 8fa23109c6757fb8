"""`make bench` section: `cskit coverage` on a million customer turns against 10,000 entries.

    python benchmarks/bench_coverage.py [--turns 1000000] [--entries 10000] [--out bench-out]

Generates (once, reused) the library with ``genlib.py`` and a chat log with ``genchat.py``
(sessions of customer and agent rows, most customer turns carrying an order number), then
times ``cskit coverage LOG --library LIB -q`` as a child process: wall and CPU seconds and
peak memory (the largest process). Two runs: the default (a large log is split across two
processes) and ``CSKIT_JOBS=1`` (one process holding everything: the memory figure to quote).
Targets: ≤ 120 s wall and ≤ 2 GB at 1,000,000 turns.

Environment (when run from ``benchmarks/bench.py``): ``BENCH_COVERAGE=0`` skips this section,
``BENCH_COVERAGE_TURNS`` sets the number of customer turns (default 1,000,000),
``BENCH_COVERAGE_ENTRIES`` the library size (default 10,000); with ``BENCH_SIZES`` below
10,000 (the bench's own quick test) both follow the smallest size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
WALL_LIMIT = 120.0
MEMORY_LIMIT_MB = 2048


def library(out: Path, entries: int) -> Path:
    folder = out / f"lib-{entries}"
    if not (folder / "cskit.yaml").is_file():
        print(f"generating {entries:,} entries into {folder} …", flush=True)
        code = (
            "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
            "from genlib import generate;"
            "generate(Path(sys.argv[2]), int(sys.argv[3]), files=100, seed=1, dupes=0.02,"
            " conflicts=0.01)"
        )
        subprocess.run(
            [sys.executable, "-c", code, str(HERE), str(folder), str(entries)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return folder


def chatlog(out: Path, lib: Path, turns: int) -> Path:
    path = out / f"chat-{turns}-{lib.name}.csv"
    if not path.is_file():
        print(f"generating a chat log of {turns:,} customer turns into {path} …", flush=True)
        start = time.perf_counter()
        code = (
            "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
            "from genchat import generate_chat;"
            "print(generate_chat(Path(sys.argv[2]), Path(sys.argv[3] + '.tmp'), int(sys.argv[4])))"
        )
        subprocess.run(
            [sys.executable, "-c", code, str(HERE), str(lib), str(path), str(turns)], check=True
        )
        Path(str(path) + ".tmp").replace(path)
        print(f"  done in {time.perf_counter() - start:.1f} s", flush=True)
    return path


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, int, str]:
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read() if proc.stdout else ""
    err = proc.stderr.read() if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(f"  ! exit {code}: {err.strip()[-300:]}", file=sys.stderr)
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, code, out.strip().splitlines()[0] if out else ""


def defaults() -> tuple[int, int]:
    """(entries, turns): 10,000 and a million, or, when ``bench.py`` runs with smaller sizes
    (``BENCH_SIZES=300``), the smallest size and a hundred turns per entry."""
    sizes = [int(x) for x in os.environ.get("BENCH_SIZES", "").split(",") if x.isdigit()]
    entries = min(10_000, *sizes) if sizes else 10_000
    entries = int(os.environ.get("BENCH_COVERAGE_ENTRIES", entries))
    return entries, int(os.environ.get("BENCH_COVERAGE_TURNS", 100 * entries))


def main() -> int:
    if os.environ.get("BENCH_COVERAGE", "1") == "0":
        print("coverage benchmark skipped (BENCH_COVERAGE=0)")
        return 0
    entries, turns = defaults()
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--turns", type=int, default=turns)
    ap.add_argument("--entries", type=int, default=entries)
    ap.add_argument(
        "--out", type=Path, default=Path(os.environ.get("BENCH_OUT", ROOT / "bench-out"))
    )
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    lib = library(a.out, a.entries)
    log = chatlog(a.out, lib, a.turns)
    cmd = [str(BIN / "cskit"), "coverage", str(log), "--library", str(lib), "-q"]
    print(f"\ncskit coverage: {a.turns:,} customer turns, {a.entries:,} entries")
    print(f"  {'run':<22}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}  target")
    missed = []
    for label, extra in (("default (2 processes)", {}), ("CSKIT_JOBS=1", {"CSKIT_JOBS": "1"})):
        env = {**os.environ, **extra, "CSKIT_QUIET": "1"}
        wall, cpu, rss, code, first = measure(cmd, env)
        notes = []
        if a.turns >= 1_000_000:
            ok = wall <= WALL_LIMIT
            notes.append(f"≤ {WALL_LIMIT:g} s {'ok' if ok else 'MISSED'}")
            if not ok:
                missed.append(f"{label}: {wall:.1f} s")
            ok = rss <= MEMORY_LIMIT_MB
            notes.append(f"≤ {MEMORY_LIMIT_MB} MB {'ok' if ok else 'MISSED'}")
            if not ok:
                missed.append(f"{label}: peak {rss:.0f} MB")
        if code != 0:
            missed.append(f"{label}: exit {code}")
        print(f"  {label:<22}{wall:9.2f}{cpu:9.2f}{rss:9.0f}  {'; '.join(notes)}")
        print(f"    {first}")
    print("  command: " + " ".join(cmd))
    if missed:
        print("coverage targets missed: " + "; ".join(missed))
    return 1 if missed and os.environ.get("BENCH_STRICT") == "1" else 0


if __name__ == "__main__":
    sys.exit(main())
