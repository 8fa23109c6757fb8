"""A real spreadsheet program in the loop: sheets re-saved by headless LibreOffice (xlsx → xlsx
and xlsx → ods → xlsx) import with zero changes, and an editor's session through LibreOffice
gives the report it should. Needs ``soffice`` (Debian ``libreoffice-calc-nogui``); without it
these tests fail, they are never skipped."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import openpyxl
import pytest

from cskit.excel.layout import DATA_SHEET
from cskit.library.load import load_library
from cskit.lint.engine import lint
from tests.excel.lo import convert
from tests.excel.util import by_id, column, edit, export, put, row_of, run, snapshot

pytestmark = pytest.mark.slow


@pytest.fixture
def exported(sample_library, tmp_path):
    path = tmp_path / "sheet.xlsx"
    result = export(sample_library, path)
    assert result.rows == len(load_library(sample_library, use_cache=False).entries)
    return sample_library, path


def test_libreoffice_resave_imports_with_zero_changes(soffice, exported, tmp_path):
    lib, sheet = exported
    before = snapshot(lib)
    resaved = convert(soffice, sheet, "xlsx", tmp_path / "lo")
    assert openpyxl.load_workbook(resaved)[DATA_SHEET]["A1"].value == "编号"
    result = run(lib, resaved)
    assert set(result.summary().values()) == {0, result.summary()["unchanged"]}
    assert result.summary()["unchanged"] > 80 and not result.refused
    assert [p for p in result.sheet_problems if p.severity != "note"] == []
    assert not any(e.problems for e in result.entries)
    assert snapshot(lib) == before


def test_ods_round_trip_imports_with_zero_changes(soffice, exported, tmp_path):
    lib, sheet = exported
    before = snapshot(lib)
    ods = convert(soffice, sheet, "ods", tmp_path / "ods")
    back = convert(soffice, ods, "xlsx", tmp_path / "back")
    result = run(lib, back)
    assert result.summary()["unchanged"] > 80 and not result.refused
    assert not any(e.problems for e in result.entries)
    assert snapshot(lib) == before


def _editor(src: Path, dst: Path) -> Path:
    """A dozen edits as an editor makes them, including the mistakes editors make."""

    def extra(wb):
        ws = wb[DATA_SHEET]
        # a long order number pasted into a cell that had lost its Text format
        ws.cell(row_of(ws, "order-merge-shipping"), column(ws, "notes")).value = 4128603357190265521
        r = ws.max_row + 1
        for key, value in {
            "kind": "faq",
            "title": "发票抬头能改吗",
            "category": "order",
            "questions": "发票抬头写错了\n能改发票抬头吗",
            "answer": "可以的，开票前把新的抬头和税号发给我，我帮您备注修改。",
            "owner": "客服二组",
            "reviewed": "2026-11-22",
        }.items():
            put(ws.cell(r, column(ws, key)), value)

    return edit(
        src,
        dst,
        {
            "order-when-ship": {
                "answer": "现货{{ facts.ship_hours }}小时内发货。\n发货后会短信通知您。"
            },
            "faq-gift-wrapping": {"tags": "礼品\n包装"},
            "order-cancel-before-ship": {
                "questions": "刚下的单想取消\n拍错了，能取消订单吗？\n不想要了怎么取消"
            },
            "greet-after-hours": {"status": "archived"},
            "faq-restock-notice": {"answer": "=这个颜色暂时断码，补货以商品页为准。"},
            "faq-cash-on-delivery": {"owner": "客服一组"},
            "order-invoice-request": {"reviewed": "2026-11-20"},
            "order-amount-check": {"title": "核对实付金额"},
            "promo-coupon-how": {"conditions": "order_status: paid"},
            "logistics-urge-shipping": {"stage": "需求识别"},
        },
        fn=extra,
    )


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.email=t@t", "-c", "user.name=t", *args],
        check=True,
        capture_output=True,
    )


def test_an_editors_session_through_libreoffice(soffice, exported, tmp_path):
    lib, sheet = exported
    repo = lib.parent
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    before = snapshot(lib)

    saved = convert(soffice, _editor(sheet, tmp_path / "edited.xlsx"), "xlsx", tmp_path / "lo1")
    result = run(lib, saved)
    reports = by_id(result)
    assert result.refused and snapshot(lib) == before
    assert reports["faq-restock-notice"].action == "invalid"
    assert "starts with =" in reports["faq-restock-notice"].problems[0].en
    assert reports["order-merge-shipping"].action == "invalid"
    assert "last digits are lost" in reports["order-merge-shipping"].problems[0].en
    assert reports["greet-after-hours"].action == "updated"
    assert reports["logistics-urge-shipping"].fields == ["stage"]
    assert [e.action for e in result.entries if not e.id] == [] and result.summary()["created"] == 1

    # the editor fixes the two cells, saves again in LibreOffice, imports
    def fix(wb):
        ws = wb[DATA_SHEET]
        put(
            ws.cell(row_of(ws, "faq-restock-notice"), column(ws, "answer")),
            "这个颜色暂时断码，补货以商品页为准。",
        )
        put(
            ws.cell(row_of(ws, "order-merge-shipping"), column(ws, "notes")),
            "示例订单号 4128603357190265521",
        )

    fixed = convert(soffice, edit(saved, tmp_path / "fixed.xlsx", fn=fix), "xlsx", tmp_path / "lo2")
    result = run(lib, fixed)
    assert result.written and result.summary()["updated"] == 11 and result.summary()["created"] == 1
    library = load_library(lib, use_cache=False)
    assert library.get("greet-after-hours").status == "archived"
    assert library.get("order-merge-shipping").data["notes"] == "示例订单号 4128603357190265521"
    findings = lint(library, as_of=dt.date(2026, 11, 22)).findings
    assert [f for f in findings if f.severity in ("error", "warning")] == []
    _git(repo, "commit", "-qam", "editor")

    # a conflicting change in git between export and import
    sheet2 = tmp_path / "sheet2.xlsx"
    export(lib, sheet2, categories=["order"])
    path = lib / "scripts/order.yaml"
    path.write_text(path.read_text().replace("小时内发货。\n", "小时内发出。\n", 1))
    _git(repo, "commit", "-qam", "maintainer")
    edited2 = edit(sheet2, tmp_path / "e2.xlsx", {"order-when-ship": {"answer": "马上发货。"}})
    result = run(lib, convert(soffice, edited2, "xlsx", tmp_path / "lo3"))
    conflict = by_id(result)["order-when-ship"]
    assert conflict.action == "conflict" and result.refused
    p = conflict.problems[0]
    assert p.sheet == "马上发货。" and "发出" in p.library and "发货。" in p.base
