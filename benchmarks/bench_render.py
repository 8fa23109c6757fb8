"""Batch rendering speed: one message per row for 10,000 orders (csv, jsonl, xlsx).

    python benchmarks/bench_render.py [--rows 10000] [--out bench-out]

``--rows`` defaults to the smallest of ``BENCH_SIZES`` when that is below 10,000.

Builds a library with ``cskit init`` (its ``order-where-is-parcel`` entry uses a guarded
optional variable, a default and the order id), writes the same orders as csv, jsonl and
xlsx with one broken row (no order id), and times ``cskit render --batch`` for each as a
child process: wall and CPU seconds, rows per second. The broken row must be the only
failure (exit code 1).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
CARRIERS = ["顺丰速运", "中通快递", "圆通速递", "韵达快递", "京东物流"]


def orders(n: int, seed: int = 1) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        shipped = rng.random() < 0.7
        rows.append(
            {
                "order.id": str(3412345678901234567 + i),
                "order.amount": f"{rng.randint(900, 99900) / 100:.2f}",
                "shipment.carrier": rng.choice(CARRIERS) if shipped else "",
                "shipment.tracking_no": f"SF{rng.randint(10**12, 10**13 - 1)}" if shipped else "",
                "customer.nick": rng.choice(["小*", "阿远**", ""]),
            }
        )
    rows[n // 2]["order.id"] = ""  # the one broken row
    return rows


def write_inputs(folder: Path, rows: list[dict[str, str]]) -> list[Path]:
    import openpyxl

    columns = list(rows[0])
    paths = [folder / "orders.csv", folder / "orders.jsonl", folder / "orders.xlsx"]
    with paths[0].open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    paths[1].write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("orders")
    sheet.append(columns)
    for r in rows:
        sheet.append([r[c] for c in columns])
    book.save(paths[2])
    return paths


def timed(cmd: list[str]) -> tuple[float, float, int, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "CI": "1"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode, proc.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # run from `make bench`, the smallest of its sizes (BENCH_SIZES) below 10,000, so a quick run stays quick
    sizes = [int(x) for x in os.environ.get("BENCH_SIZES", "").split(",") if x.strip().isdigit()]
    parser.add_argument("--rows", type=int, default=min([10_000, *sizes]))
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    args = parser.parse_args()
    work = args.out / "render"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    cskit = str(BIN / "cskit")
    subprocess.run([cskit, "init", str(work / "lib")], check=True, capture_output=True)
    inputs = write_inputs(work, orders(args.rows))
    print(f"cskit render --batch, {args.rows} rows, entry order-where-is-parcel")
    print(f"{'input':<8} {'output':<8} {'wall s':>7} {'cpu s':>7} {'rows/s':>8}  exit")
    for source in inputs:
        for out_ext in (".csv", ".xlsx"):
            out = work / f"out-{source.suffix[1:]}{out_ext}"
            cmd = [
                cskit,
                "render",
                "order-where-is-parcel",
                "--library",
                str(work / "lib"),
                "--batch",
                str(source),
                "--out",
                str(out),
            ]
            wall, cpu, code, stderr = timed(cmd)
            failed = [ln for ln in stderr.splitlines() if ln.startswith("数据第 ")]  # a data row
            if code != 1 or len(failed) != 1:
                sys.exit(f"unexpected result (exit {code}): {stderr[:500]}")
            kinds = f"{source.suffix[1:]:<8} {out_ext[1:]:<8}"
            print(f"{kinds} {wall:7.2f} {cpu:7.2f} {args.rows / wall:8.0f}  {code}")


if __name__ == "__main__":
    main()
