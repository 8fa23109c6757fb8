"""Excel round-trip speed (target: export and import of 10,000 entries ≤ 15 s each).

    python benchmarks/bench_excel.py [--entries 10000] [--keep DIR]

Generates a library with ``benchmarks/genlib.py``, puts it in a git repository (as a team
would have it), then times ``cskit export``, an import of the unedited sheet (the common
case: nothing to write) and an import with 100 edited rows and 10 new ones (dry run: every
check, the lint of the touched entries and the planned YAML edits, no write).
"""

from __future__ import annotations

import argparse
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
    for r in range(2, 2 + rows):
        cell = ws.cell(r, 3)  # 标题
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
        row = {3: f"新条目 {k}", 4: "order", 5: "resolve", 7: topics[k % len(topics)]}
        for col, value in {**row, 13: "2026-11-22"}.items():
            c = ws.cell(last + 1 + k, col, value)
            c.data_type = "s"
    wb.save(dst)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=10_000)
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

    t0 = time.perf_counter()
    res = export_workbook(load_library(lib_dir, use_cache=False), sheet, ExportFilters())
    t_export = time.perf_counter() - t0

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
    print(f"export (cold load + write)        {t_export:6.2f} s   rows {res.rows}")
    print(f"import, unedited (cold, dry run)  {t_import:6.2f} s   not unchanged: {changed}")
    print(
        f"import, 100 edits + 10 new (dry)  {t_import2:6.2f} s   "
        f"updated {s['updated']}, created {s['created']}, invalid {s['invalid']}"
    )


if __name__ == "__main__":
    main()
