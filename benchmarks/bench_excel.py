"""Excel round-trip speed (target: export and import of 10,000 entries ≤ 15 s each).

    python benchmarks/bench_excel.py [--entries 10000] [--keep DIR]

``--entries`` defaults to the smallest of ``BENCH_SIZES`` when set (as ``make bench`` does).

Generates a library with ``benchmarks/genlib.py``, puts it in a git repository (as a team
would have it), then times ``cskit export``, an import of the unedited sheet (the common
case: nothing to write) and an import with 100 edited rows and 10 new ones (dry run: every
check, the lint of the touched entries and the planned YAML edits, no write). The export
is timed with and without the 问题 column (which lints the library), alternately.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from genlib import generate  # noqa: E402

from cskit.excel.export import ExportFilters, export_workbook  # noqa: E402
from cskit.excel.importer import import_sheet  # noqa: E402
from cskit.excel.read import read_sheet  # noqa: E402
from cskit.library.load import load_library  # noqa: E402


def _edit(src: Path, dst: Path, rows: int, new: int) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(src)
    ws = wb["话术库"]
    col = {c.value: c.column for c in ws[1]}
    for r in range(2, 2 + rows):
        cell = ws.cell(r, col["标题"])
        cell.value = f"{cell.value}（改）"
        cell.data_type = "s"
    last = ws.max_row
    # new answers that differ in substance: near-identical ones ("第 1 条" / "第 2 条") would
    # be refused by the import as conflicting duplicates, which is right but not this case
    topics = [
        "发票可以在订单详情页申请，开具后发到您的邮箱。",
        "赠品随主商品一起发出，不单独发货。",
        "预售商品按付尾款的先后顺序发货。",
        "大件商品由物流公司送货上门，请保持电话畅通。",
        "会员积分在确认收货后七天内到账。",
        "定制商品一经生产不支持无理由退换。",
        "偏远地区的运费以结算页显示为准。",
        "商品保修凭订单号即可，无需纸质发票。",
        "修改收货地址请在发货前联系我们。",
        "组合套装需整套退回，不能只退其中一件。",
    ]
    for k in range(new):
        row = {"标题": f"新条目 {k}", "分类": "order", "阶段": "resolve", "审核日期": "2026-11-22"}
        for header, value in {**row, "回复": topics[k % len(topics)]}.items():
            c = ws.cell(last + 1 + k, col[header], value)
            c.data_type = "s"
    wb.save(dst)


def main() -> None:
    ap = argparse.ArgumentParser()
    # run from `make bench`, the smallest of its sizes (BENCH_SIZES), so a quick run stays quick
    sizes = [int(x) for x in os.environ.get("BENCH_SIZES", "").split(",") if x.strip()]
    ap.add_argument("--entries", type=int, default=min(sizes) if sizes else 10_000)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="cskit-bench-excel-"))
    lib_dir = work / "lib"
    generate(lib_dir, args.entries, files=100, seed=1)
    git = ["git", "-C", str(work), "-c", "user.email=b@b", "-c", "user.name=bench"]
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "bench"], check=True)
    lib = load_library(lib_dir, use_cache=False)
    sheet = work / "sheet.xlsx"

    # the 问题 column lints the library: timed side by side with an export without it, cold
    # (no cache) and warm (the caches a previous cskit run left, as after `cskit lint`)
    times: dict[str, list[float]] = {"plain": [], "cold": [], "warm": []}
    export_workbook(load_library(lib_dir), work / "prime.xlsx", ExportFilters())  # fill caches
    for kind in ("plain", "cold", "warm", "plain", "cold", "warm"):
        t0 = time.perf_counter()
        res = export_workbook(
            load_library(lib_dir, use_cache=kind == "warm"),
            sheet,
            ExportFilters(),
            problems=kind != "plain",
        )
        times[kind].append(time.perf_counter() - t0)
    t_plain, t_export, t_warm = (min(times[k]) for k in ("plain", "cold", "warm"))

    import datetime as dt

    today = dt.date(2026, 11, 22)
    t0 = time.perf_counter()
    result = import_sheet(
        load_library(lib_dir, use_cache=False), read_sheet(sheet), as_of=today, dry_run=True
    )
    t_import = time.perf_counter() - t0
    changed = sum(1 for e in result.entries if e.action != "unchanged")

    edited = work / "edited.xlsx"
    _edit(sheet, edited, 100, 10)
    t0 = time.perf_counter()
    result2 = import_sheet(
        load_library(lib_dir, use_cache=False), read_sheet(edited), as_of=today, dry_run=True
    )
    t_import2 = time.perf_counter() - t0
    s = result2.summary()
    size = sheet.stat().st_size / 1e6
    print(f"entries {len(lib.entries)}, files {len(lib.files)}, sheet {size:.1f} MB")
    print(f"export, no 问题 column (cold)      {t_plain:6.2f} s   rows {res.rows}")
    print(f"export with 问题 (cold load+lint)  {t_export:6.2f} s   (best of 2 each, interleaved)")
    print(f"export with 问题 (warm caches)     {t_warm:6.2f} s")
    print(f"import, unedited (cold, dry run)  {t_import:6.2f} s   not unchanged: {changed}")
    print(
        f"import, 100 edits + 10 new (dry)  {t_import2:6.2f} s   "
        f"updated {s['updated']}, created {s['created']}, invalid {s['invalid']}"
    )


if __name__ == "__main__":
    main()
