"""Loading a generated library: cskit cold and warm, next to yamllint and the naive readers.

    python benchmarks/bench_load.py [--entries 10000] [--out bench-out] [--naive-files N]

Every figure comes from one run on the same files: wall time and CPU time of a child process
(``resource.getrusage(RUSAGE_CHILDREN)``), and ratios against ``yamllint -d relaxed``.
"naive" is what a plain implementation would do: ruamel's round-trip loader on every file
(DESIGN §8 measured ≈7 ms per entry); ``--naive-files`` limits it to N files and scales the
result, for a quicker run.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, exit code) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        cmd,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "CI": "1"},
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed: {proc.stderr.decode()[:500]}")
    return wall, cpu, proc.returncode


def ensure_library(out: Path, entries: int) -> Path:
    lib = out / f"lib{entries // 1000}k"
    if not (lib / ".truth.json").is_file():
        sys.path.insert(0, str(HERE))
        from genlib import generate

        generate(lib, entries)
    return lib


NAIVE = """
import sys, pathlib
from ruamel.yaml import YAML
files = sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml"))[: int(sys.argv[2])]
y = YAML(typ="rt")
for f in files:
    y.load(f.read_text(encoding="utf-8"))
"""

PYYAML = """
import sys, pathlib, yaml
for f in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--out", type=Path, default=Path("bench-out"))
    ap.add_argument("--naive-files", type=int, default=0, help="0 = every file")
    args = ap.parse_args()
    lib = ensure_library(args.out, args.entries)
    files = sorted(lib.rglob("*.yaml"))
    size = sum(f.stat().st_size for f in files) / 1e6
    print(f"library: {lib} — {args.entries:,} entries, {len(files)} files, {size:.1f} MB")

    rows: list[tuple[str, float, float]] = []
    cskit = [
        str(BIN / "cskit"),
        "lint",
        "--library",
        str(lib),
        "--as-of",
        "2026-11-22",
        "-q",
        "--fail-on",
        "never",
    ]
    shutil.rmtree(lib / ".cskit_cache", ignore_errors=True)
    wall, cpu, _ = timed(cskit)
    rows.append(("cskit lint, cold (no cache)", wall, cpu))
    wall, cpu, _ = timed(cskit)
    rows.append(("cskit lint, warm (cache)", wall, cpu))
    wall, cpu, _ = timed([str(BIN / "yamllint"), "-d", "relaxed", str(lib)])
    rows.append(("yamllint -d relaxed", wall, cpu))
    wall, cpu, _ = timed([sys.executable, "-c", PYYAML, str(lib)])
    rows.append(("PyYAML CSafeLoader, load only", wall, cpu))
    n = args.naive_files or len(files)
    wall, cpu, _ = timed([sys.executable, "-c", NAIVE, str(lib), str(n)])
    scale = len(files) / n
    label = "ruamel round-trip, load only" + (
        f" (×{scale:.0f} from {n} files)" if scale > 1 else ""
    )
    rows.append((label, wall * scale, cpu * scale))

    base = next(cpu for name, _, cpu in rows if name.startswith("yamllint"))
    print(f"\n{'':34} {'wall s':>8} {'CPU s':>8} {'yamllint CPU / this':>20}")
    for name, wall, cpu in rows:
        print(f"{name:34} {wall:8.2f} {cpu:8.2f} {base / cpu:19.1f}×")


if __name__ == "__main__":
    main()
