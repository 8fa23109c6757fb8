"""Helpers for the Excel tests: a small library, export, edit a sheet as an editor, import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from cskit.excel.export import ExportFilters, ExportResult, export_workbook
from cskit.excel.importer import EntryReport, ImportResult, import_sheet
from cskit.excel.layout import BY_KEY, DATA_SHEET
from cskit.excel.read import read_sheet
from cskit.library.load import load_library
from tests.conftest import CONFIG

AS_OF = dt.date(2026, 11, 22)

# Comments, defaults, literal blocks with and without a trailing newline, flow lists, quoted
# scalars, an anchor, tricky text: every untouched byte must survive an import.
ORDER = """\
# 订单类话术
defaults:
  kind: script
  stage: resolve
  category: order
  owner: 客服一组

entries:
  - id: order-cancel        # 取消
    title: 取消订单
    questions:
      - 刚下的单想取消
      - 拍错了，能取消吗？
    conditions:
      order_status: paid
    answer: |-
      可以取消，订单号：{{ order.id }}
      同意后{{ facts.refund_hours }}小时内到账。
    reviewed: 2026-08-12

  # 中间的注释
  - id: order-ship-time
    title: "发货时间"
    questions: [什么时候发货, 多久发货]
    answer: |
      付款后48小时内发货。
    tags: [发货]
    reviewed: 2026-07-15
    notes: 'order 0012'

  - id: order-formula-like
    title: 以等号开头
    answer: "=先别急，我帮您查：#N/A 也不怕"
    reviewed: 2026-07-15
"""

FAQ = """\
defaults:
  kind: faq
  owner: 售后组
entries:
  - id: faq-gift
    title: 礼品包装
    category: general
    answer: 可以的，下单时备注“送礼”。
    reviewed: &day 2026-10-09
  - id: faq-invoice
    title: 发票
    category: order
    answer: |-
      可以开电子发票。
      {{ shop.name }}
    suppress:
      - {rule: C001, reason: 示例}
    reviewed: *day
"""


def make(make_library: Callable[..., Path]) -> Path:
    # the rows copied between tests are duplicates by design; the D rules are tested elsewhere
    config = CONFIG.replace("  fail_on: error\n", "  fail_on: error\n  ignore: [D]\n")
    return make_library({"scripts/order.yaml": ORDER, "kb/faq.yaml": FAQ}, config)


def export(root: Path, out: Path, **filters: Any) -> ExportResult:
    return export_workbook(load_library(root, use_cache=False), out, ExportFilters(**filters))


def column(ws: Any, key: str) -> int:
    header = BY_KEY[key].header
    for cell in ws[1]:
        if cell.value == header:
            return int(cell.column)
    raise KeyError(key)


def row_of(ws: Any, rid: str) -> int:
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == rid:
            return r
    raise KeyError(rid)


def put(cell: Any, value: Any) -> None:
    """As an editor typing into a Text cell: strings stay strings; other types as given."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def edit(
    src: Path,
    dst: Path,
    changes: dict[str, dict[str, Any]] | None = None,
    new_rows: list[dict[str, Any]] | None = None,
    fn: Callable[[Any], None] | None = None,
) -> Path:
    wb = openpyxl.load_workbook(src)
    ws = wb[DATA_SHEET]
    for rid, fields in (changes or {}).items():
        r = row_of(ws, rid)
        for key, value in fields.items():
            put(ws.cell(r, column(ws, key)), value)
    for fields in new_rows or []:
        r = ws.max_row + 1
        for key, value in fields.items():
            put(ws.cell(r, column(ws, key)), value)
    if fn is not None:
        fn(wb)
    wb.save(dst)
    return dst


def run(root: Path, sheet: Path, *, dry_run: bool = False) -> ImportResult:
    return import_sheet(
        load_library(root, use_cache=False), read_sheet(sheet), as_of=AS_OF, dry_run=dry_run
    )


def by_id(result: ImportResult) -> dict[str, EntryReport]:
    return {e.id: e for e in result.entries}


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*.yaml"))
        if ".cskit_cache" not in p.parts
    }
