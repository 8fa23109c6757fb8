"""An editor at work in LibreOffice: every edit below is *typed* into the exported sheet through
LibreOffice's own input handling (tests/excel/lo_typing.py), saved as xlsx by LibreOffice, and
imported. They type what the sheet shows — labels, Chinese dates and intervals, 停用, a 已复核
mark, a readable id for a new row — and send the same workbook twice. Needs ``soffice`` and
``python3-uno``; without them these tests fail, they never skip."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import openpyxl
import pytest

from cskit.excel.layout import DATA_SHEET
from cskit.excel.report import render_text
from cskit.library.load import load_library
from tests.excel.lo import cell_of, type_into
from tests.excel.util import AS_OF, by_id, export, row_of, run, snapshot

pytestmark = pytest.mark.slow


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.email=t@t", "-c", "user.name=t", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def exported(sample_library, tmp_path):
    repo = sample_library.parent
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    path = tmp_path / "sheet.xlsx"
    export(sample_library, path)
    return sample_library, path


def _cells(sheet: Path, edits: dict[tuple[str, str], str]) -> list[tuple[str, str]]:
    """``{(id or "+1", column key): text}`` → ``[(cell, text)]``; ``+1`` is the first new row."""
    ws = openpyxl.load_workbook(sheet)[DATA_SHEET]
    last = ws.max_row
    out = []
    for (rid, key), text in edits.items():
        row = last + int(rid[1:]) if rid.startswith("+") else row_of(ws, rid)
        out.append((cell_of(ws, key, row), text))
    return out


def test_an_editor_types_what_the_sheet_shows(soffice, exported, tmp_path):
    lib, sheet = exported
    typed = type_into(
        soffice,
        sheet,
        tmp_path / "typed.xlsx",
        _cells(
            sheet,
            {
                ("greet-after-hours", "status"): "停用",
                ("order-invoice-request", "reviewed"): "2026/11/20",
                ("order-invoice-request", "review_every"): "3个月",
                ("logistics-urge-shipping", "stage"): "需求识别",
                ("order-amount-check", "reviewed_mark"): "是",
                ("faq-cash-on-delivery", "valid_until"): "12月31日",
                # a new row with a readable id, in the sheet's words
                ("+1", "id"): "complaint-ask-manager",
                ("+1", "kind"): "话术",
                ("+1", "title"): "要求主管处理",
                ("+1", "category"): "投诉纠纷",
                ("+1", "stage"): "问题处理",
                ("+1", "answer"): "明白您希望由主管来跟进，我已把情况和订单信息转给主管，"
                "今天之内会有人联系您。",
                ("+1", "owner"): "售后组",
                ("+1", "review_every"): "半年",
                ("+1", "reviewed_mark"): "√",
                # and one without: the import names it
                ("+2", "title"): "能开专票吗",
                ("+2", "category"): "订单问题",
                ("+2", "answer"): "可以开增值税专用发票，请把公司名称和税号发给我。",
                ("+2", "owner"): "客服二组",
                ("+2", "reviewed"): "2026年11月22日",
                ("+2", "notes"): "0012",  # a Text cell keeps its leading zeros
            },
        ),
    )
    result = run(lib, typed)
    assert not result.refused and result.written, render_text(result, lang="zh", dry_run=False)
    library = load_library(lib, use_cache=False)
    assert library.get("greet-after-hours").status == "archived"
    invoice = library.get("order-invoice-request")
    assert invoice.date("reviewed") == dt.date(2026, 11, 20) and invoice.raw["review_every"] == "3m"
    assert library.get("logistics-urge-shipping").data["stage"] == "identify"
    assert library.get("order-amount-check").date("reviewed") == AS_OF
    assert library.get("faq-cash-on-delivery").date("valid_until") == dt.date(2026, 12, 31)
    manager = library.get("complaint-ask-manager")
    assert manager is not None and manager.category == "complaint"
    assert (manager.data["stage"], manager.raw["review_every"]) == ("resolve", "6m")
    assert manager.date("reviewed") == AS_OF
    [made] = [e for e in result.entries if e.action == "created" and e.id != manager.id]
    vat = library.get(made.id)
    assert vat.category == "order" and vat.data["notes"] == "0012"
    assert vat.date("reviewed") == dt.date(2026, 11, 22)
    assert made.id.startswith("order-")
    written = snapshot(lib)

    # the editor sends the same workbook again: nothing is created or changed twice
    again = run(lib, typed)
    assert not again.refused and not again.files and snapshot(lib) == written
    assert by_id(again)["complaint-ask-manager"].action == "unchanged"
    assert by_id(again)[made.id].action == "unchanged"
    assert "不再重复新增" in by_id(again)[made.id].note_zh


def test_a_copied_answer_blocks_only_the_new_row(soffice, exported, tmp_path):
    lib, sheet = exported
    ws = openpyxl.load_workbook(sheet)[DATA_SHEET]
    answer = ws.cell(row_of(ws, "promo-coupon-how"), 8).value
    assert answer and "券" in answer
    typed = type_into(
        soffice,
        sheet,
        tmp_path / "typed.xlsx",
        _cells(
            sheet,
            {
                ("+1", "title"): "领券",
                ("+1", "category"): "订单问题",
                ("+1", "stage"): "问题处理",
                ("+1", "answer"): answer,
                ("+1", "owner"): "客服一组",
                ("+1", "reviewed_mark"): "是",
                ("order-when-ship", "reviewed_mark"): "是",
            },
        ),
    )
    before = snapshot(lib)
    result = run(lib, typed)
    reports = by_id(result)
    assert reports["promo-coupon-how"].action == "unchanged"
    assert reports["promo-coupon-how"].problems == []
    [new] = [e for e in result.entries if e.new]
    assert new.action == "invalid" and any(p.zh.startswith("D001") for p in new.problems)
    assert reports["order-when-ship"].action == "updated"  # a fine edit, refused with the rest
    assert result.refused and snapshot(lib) == before
    text = render_text(result, lang="zh-Hans", dry_run=False)
    assert f"无效 新增 第 {new.row} 行\n" in text and "无效 promo-coupon-how" not in text
