"""Torture cases 12–25 of tests/fixtures/excel/README.md: what editing programs do to cell
values, and what the import makes of it. Numbers follow that table."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from cskit.excel.layout import DATA_SHEET, MAX_CELL
from cskit.yamlread import parse
from tests.excel.util import by_id, column, edit, export, make, row_of, run, snapshot


@pytest.fixture
def lib(make_library):
    return make(make_library)


@pytest.fixture
def sheet(lib, tmp_path):
    path = tmp_path / "sheet.xlsx"
    export(lib, path)
    return path


def _notes(lib):
    data = parse((lib / "scripts/order.yaml").read_text()).data
    return {e["id"]: e for e in data["entries"]}


def _one(result, rid="order-ship-time"):
    report = by_id(result)[rid]
    return report, [p for p in report.problems if p.severity in ("error", "warning", "note")]


# 12: leading zeros, long order numbers, ids with E: exact as text, refused as numbers
@pytest.mark.parametrize("text", ["0012", "r-0012", "12800138000", "12345678901234567890", "12E5"])
def test_12_digit_strings_in_text_cells_are_exact(lib, sheet, tmp_path, text):
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"notes": text}}))
    assert by_id(result)["order-ship-time"].action == "updated"
    assert _notes(lib)["order-ship-time"]["notes"] == text


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (1.2345678901234567e19, "long number was turned into 1.23456789012346e+19"),
        (4128603357190265521.0, "last digits are lost"),
        (12, "the number 12, not text (leading zeros may be lost)"),
        (0.5, "the cell is the number 0.5, not text"),
    ],
)
def test_12_numbers_in_text_columns_are_invalid_with_a_hint(lib, sheet, tmp_path, value, words):
    before = snapshot(lib)
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"notes": value}}))
    report, problems = _one(result)
    assert report.action == "invalid" and result.refused
    assert words in problems[0].en and "Text" in problems[0].hint_en
    assert report.cells == [problems[0].cell]
    assert snapshot(lib) == before


# 13: General-cell conversions (dates, booleans, percentages) are reported
@pytest.mark.parametrize(
    ("value", "words"),
    [
        (dt.datetime(2026, 3, 4), "turned this cell into a date/time"),
        (True, "true/false value"),
        (100000, "the number 100000"),
    ],
)
def test_13_general_cell_conversions_are_reported(lib, sheet, tmp_path, value, words):
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"title": value}}))
    report, problems = _one(result)
    assert report.action == "invalid" and words in problems[0].en


def test_13b_a_date_cell_in_a_date_column_is_accepted_with_a_note(lib, sheet, tmp_path):
    result = run(
        lib,
        edit(
            sheet, tmp_path / "e.xlsx", {"order-ship-time": {"reviewed": dt.datetime(2026, 11, 20)}}
        ),
    )
    report, problems = _one(result)
    assert report.action == "updated" and "date cell read as 2026-11-20" in problems[0].en
    assert _notes(lib)["order-ship-time"]["reviewed"] == dt.date(2026, 11, 20)


def test_13c_a_date_serial_number_in_a_date_column_says_which_date(lib, sheet, tmp_path):
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"reviewed": 46348}}))
    assert "maybe 2026-11-22" in _one(result)[1][0].en


# 14: formula triggers
@pytest.mark.parametrize("text", ["+86 客服热线", "-先确认订单", "@客服 你好", "\t缩进"])
def test_14_trigger_characters_typed_as_text_are_taken(lib, sheet, tmp_path, text):
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"answer": text}}))
    assert by_id(result)["order-ship-time"].action == "updated"
    assert _notes(lib)["order-ship-time"]["answer"] == text


def test_14b_a_typed_leading_equals_is_refused(lib, sheet, tmp_path):
    result = run(
        lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"answer": "=HYPERLINK(1)"}})
    )
    report, problems = _one(result)
    assert report.action == "invalid" and "starts with =" in problems[0].en


def test_14c_a_real_formula_is_refused(lib, sheet, tmp_path):
    def formula(wb):
        ws = wb[DATA_SHEET]
        ws.cell(row_of(ws, "order-ship-time"), column(ws, "answer")).value = "=1+1"

    result = run(lib, edit(sheet, tmp_path / "e.xlsx", fn=formula))
    report, problems = _one(result)
    assert report.action == "invalid" and "is a formula (=1+1)" in problems[0].en


def test_14d_library_text_starting_with_equals_round_trips(lib, sheet):
    result = run(lib, sheet)
    assert by_id(result)["order-formula-like"].action == "unchanged"
    ws = openpyxl.load_workbook(sheet)[DATA_SHEET]
    cell = ws.cell(row_of(ws, "order-formula-like"), column(ws, "answer"))
    assert cell.data_type == "s" and cell.value.startswith("\u2060=")


# 15: error-code text vs error cells
def test_15_error_code_text_is_exact_and_error_cells_are_refused(lib, sheet, tmp_path):
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"notes": "#REF!"}}))
    assert _notes(lib)["order-ship-time"]["notes"] == "#REF!" and result.written

    def error(wb):
        ws = wb[DATA_SHEET]
        c = ws.cell(row_of(ws, "order-cancel"), column(ws, "notes"))
        c.value = "#N/A"  # openpyxl makes this an error cell, as Excel would
        assert c.data_type == "e"

    result = run(lib, edit(tmp_path / "e.xlsx", tmp_path / "f.xlsx", fn=error))
    assert "error value (#N/A)" in _one(result, "order-cancel")[1][0].en


# 16: empty string, missing value, a single space
def test_16_clearing_a_cell_removes_the_field(lib, sheet, tmp_path):
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"notes": " "}}))
    assert by_id(result)["order-ship-time"].fields == ["notes"]
    assert "notes" not in _notes(lib)["order-ship-time"]


def test_16b_a_value_from_defaults_cannot_be_cleared(lib, sheet, tmp_path):
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"owner": None}}))
    report, problems = _one(result)
    assert report.action == "invalid" and "defaults" in problems[0].en


# 17: over-long text
def test_17_overlong_cell_is_refused_and_long_library_text_is_not_exported(lib, sheet, tmp_path):
    def long(wb):  # openpyxl would truncate silently; a crafted file need not
        ws = wb[DATA_SHEET]
        ws.cell(row_of(ws, "order-ship-time"), column(ws, "notes"))._value = "长" * (MAX_CELL + 1)

    result = run(lib, edit(sheet, tmp_path / "e.xlsx", fn=long))
    assert "more than a cell holds" in _one(result)[1][0].en
    path = lib / "scripts/order.yaml"
    path.write_text(
        path.read_text().replace("notes: 'order 0012'", f"notes: {'长' * (MAX_CELL + 1)}")
    )
    res = export(lib, tmp_path / "x.xlsx")
    assert res.rows == 4 and res.skipped[0][0] == "order-ship-time"


def test_17b_many_line_feeds_round_trip(lib, sheet, tmp_path):
    text = "\n".join(f"第{i}行" for i in range(254))
    run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"answer": text}}))
    assert _notes(lib)["order-ship-time"]["answer"] == text
    assert not run(lib, export(lib, tmp_path / "again.xlsx").path).written


# 18: whitespace and control characters are normalised, each reported
@pytest.mark.parametrize(
    ("typed", "stored", "words"),
    [
        ("甲_x000D_\n乙", "甲\n乙", "line breaks"),  # how Excel stores a CR
        ("甲\u2028乙", "甲\n乙", "line breaks"),
        ("甲_x000B_乙_x0007_", "甲乙", "control characters"),
        ("甲\u00a0乙", "甲 乙", "no-break spaces"),
    ],
)
def test_18_normalisation_is_reported_per_cell(lib, sheet, tmp_path, typed, stored, words):
    def raw(wb):  # the escapes Excel writes for CR and control characters, written raw
        ws = wb[DATA_SHEET]
        c = ws.cell(row_of(ws, "order-ship-time"), column(ws, "answer"))
        c._value = typed
        c.data_type = "s"

    result = run(lib, edit(sheet, tmp_path / "e.xlsx", fn=raw))
    report, problems = _one(result)
    assert report.action == "updated" and any(words in p.en for p in problems)
    assert _notes(lib)["order-ship-time"]["answer"] == stored
    parse((lib / "scripts/order.yaml").read_text())  # still loadable


def test_18b_unedited_odd_whitespace_in_the_library_is_left_alone(lib, tmp_path):
    path = lib / "scripts/order.yaml"
    path.write_text(
        path.read_text().replace("notes: 'order 0012'", 'notes: "a\\u00a0b\\u3000c\\u200b"')
    )
    before = snapshot(lib)
    result = run(lib, export(lib, tmp_path / "s.xlsx").path)
    assert by_id(result)["order-ship-time"].action == "unchanged" and snapshot(lib) == before


# 19: Unicode is exact
@pytest.mark.parametrize("text", ["👨‍👩‍👧 家庭装", "❤️ 谢谢", "兀 CJK 兼容 ⾓", "e\u0301 NFD"])
def test_19_unicode_is_exact(lib, sheet, tmp_path, text):
    run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"notes": text}}))
    assert _notes(lib)["order-ship-time"]["notes"] == text
    again = run(lib, export(lib, tmp_path / "again.xlsx").path)
    assert by_id(again)["order-ship-time"].action == "unchanged"


# 20: literal _x000D_ in the library would be decoded into a CR by Excel/LibreOffice
@pytest.mark.parametrize("text", ["_x000D_ 字面", "a_x0041_b", "_x005F_x000D_"])
def test_20_escape_lookalikes_survive_export_and_import(lib, tmp_path, text):
    path = lib / "scripts/order.yaml"
    path.write_text(path.read_text().replace("notes: 'order 0012'", f"notes: '{text}'"))
    sheet = export(lib, tmp_path / "s.xlsx").path
    before = snapshot(lib)
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"title": "改"}}))
    assert by_id(result)["order-ship-time"].fields == ["title"]
    assert _notes(lib)["order-ship-time"]["notes"] == text and snapshot(lib) != before


# 21: a leading apostrophe typed into a Text cell stays content
def test_21_leading_apostrophe_is_a_warning(lib, sheet, tmp_path):
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"notes": "'0012"}}))
    report, problems = _one(result)
    assert report.action == "updated" and "apostrophe" in problems[0].en


# 22: rich text, merged cells
def test_22_rich_text_is_flattened_with_a_warning(lib, sheet, tmp_path):
    def rich(wb):
        ws = wb[DATA_SHEET]
        ws.cell(row_of(ws, "order-ship-time"), column(ws, "answer")).value = CellRichText(
            ["请", TextBlock(InlineFont(b=True, color="FFFF0000"), "注意"), "查收"]
        )

    result = run(lib, edit(sheet, tmp_path / "e.xlsx", fn=rich))
    report, problems = _one(result)
    assert report.action == "updated" and "rich-text" in problems[0].en
    assert _notes(lib)["order-ship-time"]["answer"] == "请注意查收"


def test_22b_merged_cells_are_refused(lib, sheet, tmp_path):
    def merge(wb):
        wb[DATA_SHEET].merge_cells("T2:T3")

    result = run(lib, edit(sheet, tmp_path / "e.xlsx", fn=merge))
    assert result.refused and "merged cells T2:T3" in result.sheet_problems[0].en


# 23: lint on the would-be library: errors block, warnings are reported
def test_23_lint_errors_on_changed_entries_block(lib, sheet, tmp_path):
    before = snapshot(lib)
    result = run(
        lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"replaced_by": "nope"}})
    )
    report, problems = _one(result)
    assert report.action == "invalid" and problems[0].en.startswith("E008")
    assert "nope" in problems[0].en and "nope" in problems[0].zh
    assert problems[0].cell.endswith(
        f"{row_of(openpyxl.load_workbook(sheet)[DATA_SHEET], 'order-ship-time')}"
    )
    assert snapshot(lib) == before


def test_23b_lint_warnings_do_not_block(lib, sheet, tmp_path):
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"suppress": "C001:"}}))
    report, problems = _one(result)
    assert report.action == "updated" and result.written
    assert any(p.en.startswith("C002") and p.severity == "warning" for p in problems)


def test_23c_new_row_missing_required_fields_is_invalid(lib, sheet, tmp_path):
    result = run(
        lib, edit(sheet, tmp_path / "e.xlsx", new_rows=[{"title": "新", "category": "general"}])
    )
    created = next(e for e in result.entries if e.row == 7)
    assert created.action == "invalid"
    assert any(p.en.startswith("E004") for p in created.problems)


# 24: enumerations
def test_24_enum_case_width_and_labels_are_normalised(lib, sheet, tmp_path):
    run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"status": "ＡＲＣＨＩＶＥＤ"}}))
    assert _notes(lib)["order-ship-time"]["status"] == "archived"


def test_24b_values_bypassing_the_dropdown_are_invalid(lib, sheet, tmp_path):
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"status": "retired"}}))
    report, problems = _one(result)
    assert report.action == "invalid" and "archived" in problems[0].hint_zh


# 25: per-category sheets are not used: one data sheet whatever the categories are called
def test_25_one_data_sheet_whatever_the_categories(sheet):
    wb = openpyxl.load_workbook(sheet)
    assert wb.sheetnames[0] == DATA_SHEET
    assert [s.title for s in wb.worksheets if s.sheet_state == "visible"] == [DATA_SHEET, "说明"]
