"""``cskit export``: the workbook's layout, safety properties and filters."""

from __future__ import annotations

import subprocess
import zipfile

import openpyxl
import pytest

from cskit.errors import UsageError
from cskit.excel.base import Meta, decode_cell
from cskit.excel.layout import COLUMNS, DATA_SHEET, LISTS_SHEET, META_SHEET
from tests.excel.util import column, export, make, row_of


@pytest.fixture
def lib(make_library):
    return make(make_library)


@pytest.fixture
def book(lib, tmp_path):
    path = tmp_path / "sheet.xlsx"
    result = export(lib, path)
    assert result.rows == 5 and result.skipped == []
    return openpyxl.load_workbook(path)


def test_sheets_and_their_visibility(book):
    assert book.sheetnames == [DATA_SHEET, "说明", LISTS_SHEET, META_SHEET]
    states = {ws.title: ws.sheet_state for ws in book.worksheets}
    assert states == {
        DATA_SHEET: "visible",
        "说明": "visible",
        LISTS_SHEET: "hidden",
        META_SHEET: "hidden",
    }
    assert book.active.title == DATA_SHEET


def test_headers_are_chinese_and_every_text_cell_is_a_text_string(book):
    ws = book[DATA_SHEET]
    assert [c.value for c in ws[1]] == [c.header for c in COLUMNS]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    assert cells and all(c.data_type == "s" and c.number_format == "@" for c in cells)


def test_columns_default_to_text_so_new_rows_stay_text(lib, tmp_path):
    path = tmp_path / "s.xlsx"
    export(lib, path)
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
        styles = zf.read("xl/styles.xml").decode()
    assert sheet.count("<col ") >= len(COLUMNS) - 2 and 'style="' in sheet.split("</cols>")[0]
    assert 'numFmtId="49"' in styles  # 49 is the built-in Text format "@"


def test_no_cell_is_a_formula_and_triggers_are_neutralised(book):
    ws = book[DATA_SHEET]
    cell = ws.cell(row_of(ws, "order-formula-like"), column(ws, "answer"))
    assert cell.data_type == "s" and cell.value[0] == "\u2060"
    assert decode_cell(cell.value)[0] == "=先别急，我帮您查：#N/A 也不怕"
    for row in ws.iter_rows():
        for c in row:
            assert c.data_type != "f"


def test_lists_are_one_item_per_line_and_maps_key_value(book):
    ws = book[DATA_SHEET]
    r = row_of(ws, "order-cancel")
    assert ws.cell(r, column(ws, "questions")).value == "刚下的单想取消\n拍错了，能取消吗？"
    assert ws.cell(r, column(ws, "conditions")).value == "order_status: paid"
    assert ws.cell(r, column(ws, "stage")).value == "resolve"  # from the file's defaults
    assert ws.cell(r, column(ws, "status")).value == "active"  # the schema default, shown
    assert ws.cell(r, column(ws, "file")).value == "scripts/order.yaml"


def test_dropdowns_protection_freeze_and_filter(book):
    ws = book[DATA_SHEET]
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert formulas == {
        "cskit_kinds",
        "cskit_stages",
        "cskit_statuses",
        "cskit_categories",
        "cskit_owners",
    }
    assert set(book.defined_names) >= {"cskit_kinds", "cskit_categories"}
    p = ws.protection
    assert p.sheet and not p.sort and not p.autoFilter and not p.insertRows and not p.formatColumns
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref.startswith("A1:")
    locked = {c.key for c in COLUMNS if c.locked}
    assert locked == {"id", "problems", "file"}
    r = row_of(ws, "order-cancel")
    assert ws.cell(r, column(ws, "id")).protection.locked
    # a row an editor adds may get a readable id typed in: the column's style is unlocked
    assert not ws.column_dimensions["A"].protection.locked
    assert not ws.cell(r, column(ws, "answer")).protection.locked


def test_help_sheet_explains_editing_and_lists_variables_and_facts(book):
    text = "\n".join(str(c.value) for row in book["说明"].iter_rows() for c in row if c.value)
    for words in (
        "Alt+Enter",
        "archived",
        "编号留空",
        "{{ order.id }}",
        "{{ facts.return_days }}",
        "订单问题",
    ):
        assert words in text


def test_meta_sheet_holds_the_base(book):
    ws = book[META_SHEET]
    cells = [(r[0].value, decode_cell(r[1].value)[0]) for r in ws.iter_rows()]
    meta = Meta.from_cells(cells)
    assert set(meta.rows) == {
        "order-cancel",
        "order-ship-time",
        "order-formula-like",
        "faq-gift",
        "faq-invoice",
    }
    assert all(meta.trusted.values())
    assert meta.base_values("order-ship-time")["answer"] == "付款后48小时内发货。\n"
    assert set(meta.files) == {"scripts/order.yaml", "kb/faq.yaml"}


def test_base_is_chunked_under_the_cell_limit(make_library, tmp_path):
    from tests.conftest import entry_file

    entries = [
        f"id: e-{i:04d}\ntitle: 标题{i}\ncategory: general\nanswer: {'长' * 300}{i}\nowner: 售后组\nreviewed: 2026-11-01\n"
        for i in range(300)
    ]
    root = make_library({"a.yaml": entry_file(*entries)})
    path = tmp_path / "s.xlsx"
    export(root, path)
    ws = openpyxl.load_workbook(path)[META_SHEET]
    chunks = [r[1].value for r in ws.iter_rows() if r[0].value == "base"]
    assert len(chunks) > 2 and all(len(c) <= 32_767 for c in chunks)


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        ({"categories": ["general"]}, ["faq-gift"]),
        ({"kinds": ["faq"]}, ["faq-gift", "faq-invoice"]),
        ({"statuses": ["archived"]}, []),
        ({"owners": ["售后组"]}, ["faq-gift", "faq-invoice"]),
        ({"ids": ["order-c*", "faq-gift"]}, ["faq-gift", "order-cancel"]),
    ],
)
def test_filters(lib, tmp_path, filters, ids):
    path = tmp_path / "s.xlsx"
    export(lib, path, **filters)
    ws = openpyxl.load_workbook(path)[DATA_SHEET]
    assert sorted(r[0].value for r in ws.iter_rows(min_row=2)) == ids


def test_changed_since_exports_only_what_changed(lib, tmp_path):
    def git(*args):
        subprocess.run(
            ["git", "-C", str(lib), "-c", "user.email=t@t", "-c", "user.name=t", *args],
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "one")
    path = lib / "scripts/order.yaml"
    path.write_text(path.read_text().replace("title: 取消订单", "title: 取消订单啦"))
    (lib / "kb/faq.yaml").write_text(
        (lib / "kb/faq.yaml").read_text() + "  - id: faq-new\n    title: 新\n"
    )
    out = tmp_path / "s.xlsx"
    export(lib, out, changed_since="HEAD")
    ws = openpyxl.load_workbook(out)[DATA_SHEET]
    assert sorted(r[0].value for r in ws.iter_rows(min_row=2)) == ["faq-new", "order-cancel"]
    with pytest.raises(UsageError) as caught:
        export(lib, out, changed_since="nope")
    assert "no such commit" in (caught.value.en or "") and "没有这个提交" in caught.value.message


def test_unexportable_entries_are_skipped_with_a_reason(make_library, tmp_path):
    from tests.conftest import entry_file

    root = make_library(
        {
            "a.yaml": entry_file(
                "title: 无编号\nanswer: x",
                "id: dup-1\ntitle: a\nanswer: x",
                "id: dup-1\ntitle: b\nanswer: y",
                'id: ctl-1\ntitle: c\nanswer: "a\\vb"',
                "id: ok-1\ntitle: d\nanswer: z",
            )
        }
    )
    result = export(root, tmp_path / "s.xlsx")
    assert result.rows == 1
    reasons = {rid: en for rid, _zh, en in result.skipped}
    assert "has no id" in reasons[next(k for k in reasons if k.endswith(":2"))]
    assert "duplicate id" in reasons["dup-1"] and "U+000B" in reasons["ctl-1"]


def test_output_must_be_xlsx(lib, tmp_path):
    with pytest.raises(UsageError, match=r"\.xlsx"):
        export(lib, tmp_path / "s.xls")
