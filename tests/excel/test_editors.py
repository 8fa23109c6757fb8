"""The round trip as a content editor lives it: the sheet's own words are accepted, nothing
they did not do blocks them, a second import does not create anything twice, a review is one
mark, and the report speaks the sheet's language. Workbooks are edited with openpyxl here;
tests/excel/test_editors_libreoffice.py types the same things in LibreOffice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from cskit.excel.layout import DATA_SHEET
from cskit.excel.report import render_text
from cskit.library.load import load_library
from tests.conftest import CONFIG, entry_file
from tests.excel.util import (
    AS_OF,
    FAQ,
    ORDER,
    by_id,
    column,
    edit,
    export,
    make,
    row_of,
    run,
    snapshot,
)


@pytest.fixture
def lib(make_library):
    return make(make_library)


@pytest.fixture
def sheet(lib, tmp_path):
    path = tmp_path / "sheet.xlsx"
    export(lib, path)
    return path


def _entry(root: Path, rid: str) -> dict:
    entry = load_library(root, use_cache=False).get(rid)
    assert entry is not None, rid
    return entry.raw


def _new(result):
    return [e for e in result.entries if e.new or e.action == "created"]


# --- 1. the names the sheet shows ----------------------------------------------------------


PLAIN_FAQ = """\
defaults:
  kind: faq
  owner: 售后组
entries:
  - id: faq-gift
    title: 礼品包装
    category: general
    answer: 可以的，下单时备注“送礼”。
    reviewed: 2026-10-09
  - id: faq-invoice
    title: 发票
    category: order
    answer: 可以开电子发票。
    reviewed: 2026-10-09
"""


def test_labels_synonyms_chinese_dates_and_intervals_are_imported(make_library, tmp_path):
    lib = make_library({"scripts/order.yaml": ORDER, "kb/faq.yaml": PLAIN_FAQ})
    sheet = tmp_path / "s.xlsx"
    export(lib, sheet)
    edited = edit(
        sheet,
        tmp_path / "e.xlsx",
        {
            "order-cancel": {"stage": "方案确认", "review_every": "3个月", "reviewed": "12月7日"},
            "order-ship-time": {"status": "停用", "valid_until": "2026/12/31"},
            "faq-gift": {"category": "订单问题", "review_every": "半年"},
            "faq-invoice": {"kind": "话术", "stage": "问题处理", "valid_from": "2026年12月1日"},
        },
    )
    result = run(lib, edited)
    assert not result.refused and result.written, render_text(result, lang="zh", dry_run=False)
    cancel = _entry(lib, "order-cancel")
    assert cancel["stage"] == "confirm" and cancel["review_every"] == "3m"
    assert cancel["reviewed"] == dt.date(2026, 12, 7)  # no year: the nearest to the import day
    note = next(p for p in by_id(result)["order-cancel"].problems if p.field == "reviewed")
    assert note.severity == "note" and "2026-12-07" in note.zh
    ship = _entry(lib, "order-ship-time")
    assert ship["status"] == "archived" and ship["valid_until"] == dt.date(2026, 12, 31)
    assert _entry(lib, "faq-gift")["category"] == "order"
    assert _entry(lib, "faq-gift")["review_every"] == "6m"
    invoice = _entry(lib, "faq-invoice")
    assert (invoice["kind"], invoice["stage"]) == ("script", "resolve")
    assert invoice["valid_from"] == dt.date(2026, 12, 1)
    # and importing the same sheet again finds nothing to do: 问题处理 *is* resolve
    again = run(lib, edited)
    assert not again.files and not again.refused


def test_a_refused_row_beside_an_edited_one_is_not_read_back(lib, sheet, tmp_path):
    # one row of a file refused (a stage that is no choice) with another edit on it, another
    # row of the same file edited: only the stage is reported, no write-back mismatch
    edited = edit(
        sheet,
        tmp_path / "e.xlsx",
        {
            "order-cancel": {"stage": "售后处理", "review_every": "三个月"},
            "order-ship-time": {"title": "发货时间说明"},
        },
    )
    result = run(lib, edited, dry_run=True)
    problems = by_id(result)["order-cancel"].problems
    assert [p.field for p in problems if p.severity == "error"] == ["stage"], problems


def test_a_wrong_name_gets_a_hint_pairing_the_key_with_its_label(lib, sheet, tmp_path):
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-cancel": {"category": "订单"}}))
    [problem] = [p for p in by_id(result)["order-cancel"].problems if p.field == "category"]
    assert problem.hint_zh.startswith("是不是 order（订单问题）？")
    assert "did you mean order（订单问题）?" in problem.hint_en
    result = run(lib, edit(sheet, tmp_path / "e2.xlsx", {"order-cancel": {"review_every": "很久"}}))
    [problem] = [p for p in by_id(result)["order-cancel"].problems if p.field == "review_every"]
    assert "3个月" in problem.hint_zh and "半年" in problem.hint_zh


# --- 2. what existed before never blocks ---------------------------------------------------


def _with_d_rules(make_library) -> Path:
    return make_library({"scripts/order.yaml": ORDER, "kb/faq.yaml": FAQ}, CONFIG)


def test_a_new_row_copying_an_answer_blocks_the_new_row_not_the_old_one(make_library, tmp_path):
    root = _with_d_rules(make_library)
    sheet = tmp_path / "s.xlsx"
    export(root, sheet)
    before = snapshot(root)
    # a general entry goes to kb/faq.yaml, which sorts before scripts/order.yaml: the linter
    # reports the D001 on the *old* entry, order-ship-time
    copy = {"title": "发货", "category": "general", "answer": "付款后48小时内发货。",
            "reviewed": "2026-11-22"}  # fmt: skip
    result = run(root, edit(sheet, tmp_path / "e.xlsx", new_rows=[copy]))
    old = by_id(result)["order-ship-time"]
    assert old.action == "unchanged" and old.problems == []
    [new] = _new(result)
    assert new.action == "invalid" and result.refused and snapshot(root) == before
    [d001] = [p for p in new.problems if p.zh.startswith("D001")]
    assert d001.severity == "error" and d001.field == "answer"
    assert d001.cell == f"{DATA_SHEET}!H{new.row}"
    ship_row = old.row
    assert f"order-ship-time（第 {ship_row} 行）" in d001.zh and "请不要新增重复的条目" in d001.zh
    assert "replaced_by" not in d001.zh and ".yaml" not in d001.zh
    text = render_text(result, lang="zh-Hans", dry_run=False)
    assert f"无效 新增 第 {new.row} 行\n" in text and "无效 order-ship-time" not in text


TEMPLATED = """\
entries:
  - id: eta-note
    title: 预计送达
    category: order
    stage: resolve
    owner: 客服一组
    reviewed: 2026-11-01
    answer: 预计 {{ shipment.eta | date }} 送达。
"""


def test_findings_an_entry_already_had_are_all_marked_and_never_block(make_library, tmp_path):
    root = make_library({"scripts/eta.yaml": TEMPLATED})
    codes = {f.code for f in _lint(root) if f.entry_id == "eta-note"}
    assert {"T004", "T006"} <= codes  # a warning and an error, there before the edit
    sheet = tmp_path / "s.xlsx"
    export(root, sheet)
    result = run(root, edit(sheet, tmp_path / "e.xlsx", {"eta-note": {"title": "预计送达时间"}}))
    report = by_id(result)["eta-note"]
    assert report.action == "updated" and result.written
    found = {p.zh.split()[0]: p for p in report.problems if p.zh[:1] == "T"}
    assert {"T004", "T006"} <= set(found)
    for p in found.values():
        assert p.severity == "warning" and p.zh.endswith("（导入前已存在）")
        assert p.en.endswith("(there before this import)")


def _lint(root: Path):
    from cskit.lint.engine import lint

    return lint(load_library(root, use_cache=False), as_of=AS_OF).findings


def test_a_deleted_row_stays_missing_even_when_a_new_row_repeats_it(make_library, tmp_path):
    root = _with_d_rules(make_library)
    sheet = tmp_path / "s.xlsx"
    export(root, sheet)

    def move(wb):  # the editor deletes a row and re-types it at the bottom without its id
        ws = wb[DATA_SHEET]
        r = row_of(ws, "order-ship-time")
        values = {k: ws.cell(r, column(ws, k)).value for k in ("title", "answer", "reviewed")}
        ws.delete_rows(r)
        n = ws.max_row + 1
        for key, value in {**values, "category": "general"}.items():
            ws.cell(n, column(ws, key)).value = value

    result = run(root, edit(sheet, tmp_path / "e.xlsx", fn=move))
    missing = by_id(result)["order-ship-time"]
    assert missing.action == "missing" and missing.problems == []
    [new] = _new(result)
    assert new.action == "invalid" and any(p.zh.startswith("D001") for p in new.problems)


# --- 3. importing twice, and ids editors choose ----------------------------------------------

NEW = {
    "title": "发票抬头能改吗",
    "category": "order",
    "questions": "发票抬头写错了\n能改抬头吗",
    "answer": "可以，开票前把新抬头发给我。",
    "已复核": "是",
}


def test_importing_the_same_workbook_twice_creates_the_entry_once(lib, sheet, tmp_path):
    edited = _edit_new(sheet, tmp_path / "e.xlsx", NEW)
    first = run(lib, edited)
    [made] = _new(first)
    assert made.action == "created" and first.written
    assert _entry(lib, made.id)["reviewed"] == AS_OF  # 已复核 on a new row: reviewed today
    after_first = snapshot(lib)
    from cskit.excel.importer import import_sheet
    from cskit.excel.read import read_sheet

    # again, a day later: recognised (the 已复核 date is the import day, not compared)
    again = import_sheet(
        load_library(lib, use_cache=False),
        read_sheet(edited),
        as_of=AS_OF + dt.timedelta(days=1),
        dry_run=False,
    )
    [same] = [e for e in again.entries if e.row == made.row]
    assert same.action == "unchanged" and same.id == made.id
    assert "不再重复新增" in same.note_zh and "already in the library" in same.note_en
    assert not again.files and snapshot(lib) == after_first


def test_a_created_row_edited_afterwards_is_a_conflict_not_a_second_copy(lib, sheet, tmp_path):
    run(lib, _edit_new(sheet, tmp_path / "e.xlsx", NEW))
    after_first = snapshot(lib)
    changed = _edit_new(
        sheet, tmp_path / "e2.xlsx", {**NEW, "answer": "可以，开票前告诉我新抬头。"}
    )
    result = run(lib, changed)
    [row] = _new(result)
    assert row.action == "conflict" and result.refused and snapshot(lib) == after_first
    assert "重新导出" in row.problems[-1].hint_zh


def test_an_editor_can_name_a_new_entry(lib, sheet, tmp_path):
    edited = _edit_new(sheet, tmp_path / "e.xlsx", {**NEW, "id": "order-invoice-title"})
    result = run(lib, edited)
    assert by_id(result)["order-invoice-title"].action == "created" and result.written
    assert _entry(lib, "order-invoice-title")["title"] == "发票抬头能改吗"
    again = run(lib, edited)
    assert by_id(again)["order-invoice-title"].action == "unchanged" and not again.files


@pytest.mark.parametrize(
    ("rid", "words"),
    [
        ("Invoice Title", "比如 invoice-title"),
        ("发票", "也可以留空"),
        ("faq-gift", "编号 faq-gift 在表格里出现了不止一次"),
    ],
)
def test_an_id_an_editor_types_must_be_valid_and_unique(lib, sheet, tmp_path, rid, words):
    before = snapshot(lib)
    result = run(lib, _edit_new(sheet, tmp_path / "e.xlsx", {**NEW, "id": rid}))
    bad = [e for e in result.entries if e.action == "invalid"]
    assert bad and result.refused and snapshot(lib) == before
    assert any(words in p.zh or words in p.hint_zh for e in bad for p in e.problems)


def test_an_id_taken_by_an_entry_outside_a_filtered_sheet_is_refused(lib, tmp_path):
    sheet = tmp_path / "s.xlsx"
    export(lib, sheet, categories=["general"])  # faq-gift only
    before = snapshot(lib)
    result = run(lib, _edit_new(sheet, tmp_path / "e.xlsx", {**NEW, "id": "order-cancel"}))
    [bad] = [e for e in result.entries if e.action == "invalid"]
    assert "话术库里已有编号 order-cancel" in bad.problems[0].zh
    assert result.refused and snapshot(lib) == before


def _edit_new(src: Path, dst: Path, fields: dict[str, str]) -> Path:
    def add(wb):
        ws = wb[DATA_SHEET]
        headers = {c.value: c.column for c in ws[1]}
        r = ws.max_row + 1
        for key, value in fields.items():
            col = headers[key] if key in headers else column(ws, key)
            cell = ws.cell(r, col)
            cell.value = value
            cell.data_type = "s"

    return edit(src, dst, fn=add)


# --- 5. 问题 is read-only, 已复核 is one mark ------------------------------------------------


def test_the_problems_column_is_never_imported(lib, sheet, tmp_path):
    def scribble(wb):
        ws = wb[DATA_SHEET]
        ws.cell(row_of(ws, "order-cancel"), 2).value = "我看过了，没问题"

    assert openpyxl.load_workbook(sheet)[DATA_SHEET].cell(1, 2).value == "问题"
    before = snapshot(lib)
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", fn=scribble))
    assert not result.refused and not result.files and snapshot(lib) == before


def test_the_reviewed_mark_records_the_import_day(lib, sheet, tmp_path):
    edited = edit(sheet, tmp_path / "e.xlsx", {"order-cancel": {"reviewed_mark": "是"}})
    result = run(lib, edited)
    report = by_id(result)["order-cancel"]
    assert report.action == "updated" and report.fields == ["reviewed"]
    assert "已复核，审核日期记为 2026-11-22" in report.note(en=False)
    assert _entry(lib, "order-cancel")["reviewed"] == AS_OF
    text = (lib / "scripts/order.yaml").read_text(encoding="utf-8")
    assert "    reviewed: 2026-11-22\n\n  # 中间的注释" in text  # only the date changed
    # the same sheet again, a week later: the review was recorded, not repeated
    from cskit.excel.importer import import_sheet
    from cskit.excel.read import read_sheet

    later = import_sheet(
        load_library(lib, use_cache=False),
        read_sheet(edited),
        as_of=AS_OF + dt.timedelta(days=7),
        dry_run=True,
    )
    again = by_id(later)["order-cancel"]
    assert again.action == "unchanged" and "导出后审核日期已更新为 2026-11-22" in again.note_zh


def test_a_reviewed_mark_it_cannot_read_is_an_error(lib, sheet, tmp_path):
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-cancel": {"reviewed_mark": "也许"}}))
    report = by_id(result)["order-cancel"]
    assert report.action == "invalid" and "只能填“是”或留空" in report.problems[0].zh


# --- 6. the report speaks the sheet's language ----------------------------------------------


def test_no_jinja_advice_unless_the_answer_holds_a_template(make_library, tmp_path):
    root = make_library({"scripts/order.yaml": ORDER, "kb/faq.yaml": PLAIN_FAQ})
    sheet = tmp_path / "s.xlsx"
    export(root, sheet)
    plain = "本店支持15天无理由退货。"
    result = run(root, edit(sheet, tmp_path / "e.xlsx", {"faq-gift": {"answer": plain}}))
    [s004] = [p for p in by_id(result)["faq-gift"].problems if p.zh.startswith("S004")]
    assert "{{" not in s004.zh and "请改成当前政策的 7" in s004.zh and "与政策常量" in s004.zh
    assert "{{" not in s004.en and "write 7, the current policy" in s004.en
    templated = plain + "{{ shop.name }}"
    result = run(root, edit(sheet, tmp_path / "e2.xlsx", {"faq-gift": {"answer": templated}}))
    [s004] = [p for p in by_id(result)["faq-gift"].problems if p.zh.startswith("S004")]
    assert "{{ facts.return_days }}" in s004.zh


def test_columns_not_keys_and_an_empty_window_is_e005(lib, sheet, tmp_path):
    result = run(
        lib,
        edit(
            sheet,
            tmp_path / "e.xlsx",
            {"order-cancel": {"valid_from": "2026-12-12", "valid_until": "2026-11-30"}},
        ),
    )
    report = by_id(result)["order-cancel"]
    [e005] = [p for p in report.problems if p.zh.startswith("E005")]
    assert report.action == "invalid" and e005.field == "valid_until"
    assert e005.zh.startswith("E005 失效日期（2026-11-30）早于生效日期（2026-12-12）")
    assert "valid_" not in e005.zh


def test_the_same_change_on_both_sides_is_said_so(lib, sheet, tmp_path):
    path = lib / "scripts/order.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    title: 取消订单\n", "    title: 取消订单\n    stage: confirm\n"), encoding="utf-8")  # fmt: skip
    edited = edit(sheet, tmp_path / "e.xlsx", {"order-cancel": {"stage": "方案确认",
                                                                "title": "取消订单（已付款）"}})  # fmt: skip
    result = run(lib, edited, dry_run=True)
    report = by_id(result)["order-cancel"]
    assert report.action == "updated" and report.fields == ["title"]
    assert "阶段：表格和话术库改得一样" in report.note_zh


def test_a_new_row_is_named_by_its_row(lib, sheet, tmp_path):
    result = run(lib, _edit_new(sheet, tmp_path / "e.xlsx", {"title": "没有分类"}))
    [new] = _new(result)
    text = render_text(result, lang="zh-Hans", dry_run=False)
    assert f"无效 新增 第 {new.row} 行\n" in text
    assert f"（第 {new.row} 行）" not in text.split("\n", 1)[0]
    assert f"invalid new row {new.row}\n" in render_text(result, lang="en", dry_run=False)


def test_a_finding_an_edit_causes_on_another_row_names_that_row(make_library, tmp_path):
    files = {
        "scripts/a.yaml": entry_file(
            """\
            id: hours-note
            title: 营业时间
            category: general
            stage: greet
            owner: 客服一组
            reviewed: 2026-11-01
            answer: 客服在线时间为每天9点到22点。
            """,
            """\
            id: greet-night
            title: 夜间问候
            category: general
            stage: greet
            owner: 客服一组
            reviewed: 2026-11-01
            answer: "您好，现在是夜间。{{ reply('hours-note') }}"
            """,
        )
    }
    root = make_library(files)
    sheet = tmp_path / "s.xlsx"
    export(root, sheet)
    result = run(root, edit(sheet, tmp_path / "e.xlsx", {"hours-note": {"status": "停用"}}))
    reports = by_id(result)
    assert reports["greet-night"].problems == []  # the editor did not touch that row
    [s006] = [p for p in reports["hours-note"].problems if p.zh.startswith("S006")]
    night = reports["greet-night"].row
    assert s006.zh.startswith(f"S006 greet-night（第 {night} 行）：")
    assert s006.en.startswith(f"S006 greet-night (row {night}): ")
