"""One cell of an imported row: parsed, checked like the E rules, worded for editors."""

from __future__ import annotations

import datetime as dt

from cskit.excel.cells import SheetRow
from cskit.excel.plan import EntryReport
from cskit.excel.values import leading_quote, sheet_value
from cskit.library.load import load_library
from tests.excel.util import AS_OF, make


def _row(key: str, text: str) -> SheetRow:
    return SheetRow(17, "order-cancel", texts={key: text}, cells={key: f"话术库!X17 ({key})"})


def test_a_good_date_is_parsed_and_a_bad_one_is_located_with_a_hint(make_library):
    lib = load_library(make(make_library), use_cache=False)
    report = EntryReport("order-cancel")
    ok, value, text = sheet_value(lib, _row("reviewed", "2026-11-22"), "reviewed", report, AS_OF)
    assert ok and value == dt.date(2026, 11, 22) and text == "2026-11-22" and not report.problems
    ok, value, _ = sheet_value(lib, _row("reviewed", "下周一"), "reviewed", report, AS_OF)
    [problem] = report.problems
    assert not ok and value is None and problem.severity == "error"
    assert problem.cell == "话术库!X17 (reviewed)" and "2026/12/7" in problem.hint_zh


def test_an_unknown_category_names_the_choices(make_library):
    lib = load_library(make(make_library), use_cache=False)
    report = EntryReport("order-cancel")
    ok, _, _ = sheet_value(lib, _row("category", "杂项"), "category", report, AS_OF)
    assert not ok and "杂项" in report.problems[0].zh and "order" in report.problems[0].hint_zh


def test_a_new_leading_apostrophe_is_a_warning_an_old_one_is_not():
    row, report = _row("answer", "'好的"), EntryReport("order-cancel")
    leading_quote(report, row, "answer", "'好的", None)
    leading_quote(report, row, "answer", "'好的", "'好的")
    assert [p.severity for p in report.problems] == ["warning"]
