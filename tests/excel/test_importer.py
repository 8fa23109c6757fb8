"""``cskit import``: the torture cases of tests/fixtures/excel/README.md, one test each
(numbered as there), with the outcome each must have. Workbooks are generated here with
openpyxl; tests/excel/test_libreoffice.py repeats the key ones through LibreOffice."""

from __future__ import annotations

import datetime as dt
import subprocess

import openpyxl
import pytest

from cskit.config.schema import ID_PATTERN
from cskit.errors import InputError
from cskit.excel.layout import DATA_SHEET, META_SHEET
from cskit.yamlread import parse
from tests.excel.util import by_id, column, edit, export, make, put, row_of, run, snapshot


@pytest.fixture
def lib(make_library):
    return make(make_library)


@pytest.fixture
def sheet(lib, tmp_path):
    path = tmp_path / "sheet.xlsx"
    export(lib, path)
    return path


def _only(result, action):
    return sorted(e.id for e in result.entries if e.action == action)


# --- identity and structure -----------------------------------------------------------------


def test_01_unedited_round_trip_changes_nothing(lib, sheet):
    before = snapshot(lib)
    result = run(lib, sheet)
    assert result.summary()["unchanged"] == 5 and not result.refused
    assert not result.written and result.files == []
    assert snapshot(lib) == before


def test_02_sorted_rows_are_matched_by_id(lib, sheet, tmp_path):
    def reverse(wb):
        ws = wb[DATA_SHEET]
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
        for r, values in enumerate(reversed(rows), 2):
            for c, v in enumerate(values, 1):
                put(ws.cell(r, c), v)

    result = run(lib, edit(sheet, tmp_path / "e.xlsx", fn=reverse))
    assert result.summary()["unchanged"] == 5 and not result.refused


def test_03_copied_row_with_duplicate_id_is_invalid(lib, sheet, tmp_path):
    def copy(wb):
        ws = wb[DATA_SHEET]
        src = row_of(ws, "order-cancel")
        for c in range(1, ws.max_column + 1):
            put(ws.cell(ws.max_row + 1 if c == 1 else ws.max_row, c), ws.cell(src, c).value)

    before = snapshot(lib)
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", fn=copy))
    dupes = [e for e in result.entries if e.id == "order-cancel"]
    assert [e.action for e in dupes] == ["invalid", "invalid"]
    assert "clear the id" in dupes[0].problems[0].hint_en
    assert result.refused and snapshot(lib) == before


def test_04_new_row_gets_an_id_and_lands_in_its_category_file(lib, sheet, tmp_path):
    new = {
        "title": "发票抬头能改吗",
        "category": "order",
        "questions": "发票抬头写错了\n能改抬头吗",
        "answer": "可以，开票前把新抬头发给我。",
        "reviewed": "2026-11-22",
    }
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", new_rows=[new]))
    created = [e for e in result.entries if e.action == "created"]
    assert len(created) == 1 and result.written
    rid = created[0].id
    assert ID_PATTERN.match(rid) and rid.startswith("order-")
    text = (lib / "scripts/order.yaml").read_text()
    entry = parse(text).data["entries"][-1]
    # fields equal to the file's defaults are left to the defaults
    assert entry == {
        "id": rid,
        "title": "发票抬头能改吗",
        "questions": ["发票抬头写错了", "能改抬头吗"],
        "answer": "可以，开票前把新抬头发给我。",
        "reviewed": dt.date(2026, 11, 22),
    }
    assert text.startswith(make_order_prefix())


def make_order_prefix():
    from tests.excel.util import ORDER

    return ORDER


def test_04b_new_row_ids_are_stable_and_collision_free(lib, sheet, tmp_path):
    new = {"title": "同", "category": "general", "answer": "同样的内容", "reviewed": "2026-11-22"}
    path = edit(sheet, tmp_path / "e.xlsx", new_rows=[new, new])
    first = [e.id for e in run(lib, path, dry_run=True).entries if e.action == "created"]
    again = [e.id for e in run(lib, path, dry_run=True).entries if e.action == "created"]
    assert first == again and len(set(first)) == 2
    # no file holds general entries except faq.yaml, which has one: it goes there
    result = run(lib, path)
    assert {e.file for e in result.entries if e.action == "created"} == {str(lib / "kb/faq.yaml")}


def test_04c_import_files_config_decides_where_new_entries_go(make_library, tmp_path):
    from tests.conftest import CONFIG
    from tests.excel.util import FAQ, ORDER

    root = make_library(
        {"scripts/order.yaml": ORDER, "kb/faq.yaml": FAQ},
        CONFIG + "import_files: {after_sales: scripts/after-sales.yaml}\n",
    )
    sheet = tmp_path / "s.xlsx"
    export(root, sheet)
    new = {
        "title": "退货",
        "category": "after_sales",
        "answer": "可以退。",
        "reviewed": "2026-11-22",
    }
    new |= {"owner": "售后组", "stage": "resolve"}
    result = run(root, edit(sheet, tmp_path / "e.xlsx", new_rows=[new]))
    assert result.written, [p.en for e in result.entries for p in e.problems]
    data = parse((root / "scripts/after-sales.yaml").read_text()).data
    assert data["entries"][0]["title"] == "退货"


def test_04d_new_row_without_category_is_invalid(lib, sheet, tmp_path):
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", new_rows=[{"title": "x", "answer": "y"}]))
    assert _only(result, "invalid") == [""] and result.refused


def test_05_edited_id_is_unknown_and_the_original_is_missing(lib, sheet, tmp_path):
    before = snapshot(lib)
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-cancel": {"id": "order-cancle"}}))
    reports = by_id(result)
    [renamed] = [e for e in result.entries if e.new]
    assert renamed.action == "invalid" and renamed.cells == [f"{DATA_SHEET}!A{renamed.row}"]
    assert "ids cannot be changed" in renamed.problems[0].en
    assert "改回 order-cancel" in renamed.problems[0].hint_zh
    assert reports["order-cancel"].action == "missing"
    assert snapshot(lib) == before


def test_06_deleted_row_is_reported_missing_never_deleted(lib, sheet, tmp_path):
    def delete(wb):
        ws = wb[DATA_SHEET]
        ws.delete_rows(row_of(ws, "faq-gift"))

    before = snapshot(lib)
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", fn=delete))
    assert _only(result, "missing") == ["faq-gift"]
    assert not result.refused and snapshot(lib) == before


def test_07_columns_moved_renamed_extra_and_headerless(lib, sheet, tmp_path):
    def shuffle(wb):
        ws = wb[DATA_SHEET]
        ws.move_range(f"G1:G{ws.max_row}", cols=20)  # 回复 moves to column AA
        ws.cell(1, column(ws, "title")).value = "title"  # machine key as header
        ws.cell(1, 30).value = "我的备注"  # unknown column
        ws.cell(3, 31).value = "没有表头的值"

    result = run(lib, edit(sheet, tmp_path / "e.xlsx", fn=shuffle))
    assert result.summary()["unchanged"] == 5 and not result.refused
    messages = [p.en for p in result.sheet_problems]
    assert any("unknown column '我的备注'" in m for m in messages)
    assert any("column AE has no header" in m for m in messages)


def test_07b_duplicate_or_missing_id_header_is_refused(lib, sheet, tmp_path):
    def dup(wb):
        wb[DATA_SHEET].cell(1, 30).value = "回复"

    with pytest.raises(InputError, match="two columns are headed"):
        run(lib, edit(sheet, tmp_path / "e.xlsx", fn=dup))

    def no_id(wb):
        wb[DATA_SHEET].cell(1, 1).value = "序号"

    with pytest.raises(InputError, match="no 编号"):
        run(lib, edit(sheet, tmp_path / "f.xlsx", fn=no_id))


def test_08_table_pasted_into_a_new_workbook_has_no_base(lib, sheet, tmp_path):
    src = openpyxl.load_workbook(sheet)[DATA_SHEET]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in src.iter_rows():
        for c in row:
            if c.value is not None:
                put(ws.cell(c.row, c.column), c.value)
    put(ws.cell(row_of(ws, "order-cancel"), column(ws, "title")), "改了标题")
    path = tmp_path / "pasted.xlsx"
    wb.save(path)
    result = run(lib, path)
    messages = " ".join(p.en for p in result.sheet_problems)
    assert "reading 'Sheet1' instead" in messages and "base" in messages
    assert by_id(result)["order-cancel"].action == "conflict"
    assert result.summary()["unchanged"] == 4


def test_08b_extra_sheet_is_reported_not_read(lib, sheet, tmp_path):
    def add(wb):
        wb.create_sheet("我的草稿")["A1"] = "x"

    result = run(lib, edit(sheet, tmp_path / "e.xlsx", fn=add))
    assert any("我的草稿" in p.en for p in result.sheet_problems) and not result.refused


def test_09_blank_rows_and_styled_empty_rows_are_ignored(lib, sheet, tmp_path):
    def blanks(wb):
        ws = wb[DATA_SHEET]
        ws.insert_rows(3, 2)
        for r in range(ws.max_row + 1, ws.max_row + 10_001):
            ws.cell(r, 7).number_format = "@"

    result = run(lib, edit(sheet, tmp_path / "e.xlsx", fn=blanks))
    assert len(result.entries) == 5 and result.summary()["unchanged"] == 5


def _git(root, *args):
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.email=t@t", "-c", "user.name=t", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(lib):
    _git(lib, "init", "-q")
    _git(lib, "add", "-A")
    _git(lib, "commit", "-qm", "base")
    return lib


def _library_edit(root, old, new):
    path = root / "scripts/order.yaml"
    path.write_text(path.read_text().replace(old, new))
    _git(root, "commit", "-qam", "maintainer")


def test_10_merge_different_fields_conflict_same_field_converge_same_value(repo, tmp_path):
    sheet = tmp_path / "s.xlsx"
    export(repo, sheet)
    _library_edit(repo, "    title: 取消订单\n", "    title: 取消订单（新）\n")
    _library_edit(repo, "付款后48小时内发货。", "付款后24小时内发货。")
    _library_edit(repo, "    title: 以等号开头\n", "    title: 等号\n")
    edited = edit(
        sheet,
        tmp_path / "e.xlsx",
        {
            "order-cancel": {"reviewed": "2026-11-20"},  # other field → merged
            "order-ship-time": {"answer": "付款后12小时内发货。\n"},  # same field → conflict
            "order-formula-like": {"title": "等号"},  # same value → converged
        },
    )
    result = run(repo, edited, dry_run=True)
    reports = by_id(result)
    assert reports["order-cancel"].action == "updated"
    assert reports["order-cancel"].fields == ["reviewed"]
    conflict = reports["order-ship-time"]
    assert conflict.action == "conflict"
    p = next(p for p in conflict.problems if p.severity == "conflict")
    assert (p.base, p.library, p.sheet) == (
        "付款后48小时内发货。\n",
        "付款后24小时内发货。\n",
        "付款后12小时内发货。\n",
    )
    assert p.cell.startswith(f"{DATA_SHEET}!H")
    assert reports["order-formula-like"].action == "unchanged"
    assert "same change" in reports["order-formula-like"].note_en
    assert result.refused and not result.written


def test_10b_library_only_change_is_kept(repo, tmp_path):
    sheet = tmp_path / "s.xlsx"
    export(repo, sheet)
    _library_edit(repo, "    title: 取消订单\n", "    title: 取消订单（新）\n")
    before = snapshot(repo)
    result = run(repo, sheet)
    assert by_id(result)["order-cancel"].action == "unchanged"
    assert "kept" in by_id(result)["order-cancel"].note_en
    assert snapshot(repo) == before


def test_10c_tampered_hidden_base_loses_to_git(repo, tmp_path):
    sheet = tmp_path / "s.xlsx"
    export(repo, sheet)
    _library_edit(repo, "    title: 取消订单\n", "    title: 取消订单（新）\n")

    def tamper(wb):
        ws = wb[META_SHEET]
        for row in ws.iter_rows():
            if row[0].value == "base":
                row[1].value = row[1].value.replace("取消订单", "别的")

    result = run(repo, edit(sheet, tmp_path / "e.xlsx", fn=tamper))
    assert by_id(result)["order-cancel"].action == "unchanged"
    assert any("differ from git" in p.en for p in result.sheet_problems)


def test_11_newer_export_format_is_refused(lib, sheet, tmp_path):
    def newer(wb):
        ws = wb[META_SHEET]
        ws["B1"].value = ws["B1"].value.replace('"version": 1', '"version": 99')

    with pytest.raises(InputError, match="newer cskit"):
        run(lib, edit(sheet, tmp_path / "e.xlsx", fn=newer))


# --- files ------------------------------------------------------------------------------------


def test_26_1904_epoch_date_cells_are_read_right(lib, sheet, tmp_path):
    def epoch(wb):
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
        ws = wb[DATA_SHEET]
        ws.cell(row_of(ws, "order-cancel"), column(ws, "reviewed")).value = dt.date(2026, 11, 20)

    result = run(lib, edit(sheet, tmp_path / "e.xlsx", fn=epoch))
    assert by_id(result)["order-cancel"].fields == ["reviewed"]
    assert "reviewed: 2026-11-20" in (lib / "scripts/order.yaml").read_text()


def test_26b_macro_workbook_is_read_with_a_warning(lib, sheet, tmp_path):
    import zipfile

    dst = tmp_path / "m.xlsm"
    with zipfile.ZipFile(sheet) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        zout.writestr("xl/vbaProject.bin", b"\0" * 10)
    result = run(lib, dst)
    assert any("macros" in p.en for p in result.sheet_problems) and not result.refused


def test_27_bomb_and_dtd_stop_the_import_before_parsing(lib, sheet, tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(sheet) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        zout.writestr("xl/worksheets/sheet9.xml", b" " * (40 << 20))
    with pytest.raises(InputError, match="zip bomb"):
        run(lib, bomb)


# --- the YAML side ----------------------------------------------------------------------------


def test_29_untouched_bytes_survive_and_touched_entries_keep_their_style(lib, sheet, tmp_path):
    order_before = (lib / "scripts/order.yaml").read_text()
    faq_before = (lib / "kb/faq.yaml").read_text()
    edited = edit(
        sheet,
        tmp_path / "e.xlsx",
        {
            "order-cancel": {"answer": "可以取消。\n订单号：{{ order.id }}"},
        },
    )
    result = run(lib, edited)
    assert result.written, [p.en for p in result.sheet_problems]
    order = (lib / "scripts/order.yaml").read_text()
    # the literal block stays a |- block; comments before, after and inside stay
    assert "    answer: |-\n      可以取消。\n      订单号：{{ order.id }}\n" in order
    assert order.startswith(order_before.split("  - id: order-cancel")[0])
    assert "  - id: order-cancel        # 取消\n" in order
    assert order.split("  # 中间的注释")[1] == order_before.split("  # 中间的注释")[1]
    assert (lib / "kb/faq.yaml").read_text() == faq_before


def test_29c_an_entry_defining_a_yaml_anchor_is_refused_not_damaged(lib, sheet, tmp_path):
    before = snapshot(lib)
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"faq-gift": {"title": "礼品包装服务"}}))
    assert result.refused and "anchor &day" in result.sheet_problems[-1].en
    result = run(lib, edit(sheet, tmp_path / "f.xlsx", {"faq-invoice": {"title": "电子发票"}}))
    assert result.refused and "undefined alias" in result.sheet_problems[-1].en
    assert snapshot(lib) == before


def test_29b_status_archived_retires_and_writes_one_line(lib, sheet, tmp_path):
    before = (lib / "scripts/order.yaml").read_text()
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"order-ship-time": {"status": "archived"}}))
    assert "retired" in by_id(result)["order-ship-time"].note(en=True)
    after = (lib / "scripts/order.yaml").read_text()
    added = [ln for ln in after.splitlines() if ln not in before.splitlines()]
    assert added == ["    status: archived"]


def test_30_dry_run_writes_nothing_and_names_the_files(lib, sheet, tmp_path):
    before = snapshot(lib)
    result = run(
        lib, edit(sheet, tmp_path / "e.xlsx", {"order-cancel": {"title": "新"}}), dry_run=True
    )
    assert result.files == [str(lib / "scripts/order.yaml")] and not result.written
    assert snapshot(lib) == before


def test_retiring_an_entry_a_template_uses_is_refused(sample_library, tmp_path):
    sheet = tmp_path / "s.xlsx"
    export(sample_library, sheet)
    before = snapshot(sample_library)
    result = run(
        sample_library,
        edit(sheet, tmp_path / "e.xlsx", {"greet-peak-hours": {"status": "archived"}}),
    )
    report = by_id(result)["greet-peak-hours"]
    assert report.action == "invalid" and result.refused
    assert any(
        p.en.startswith("T006") and "peak-hour-hold.j2" in p.en and p.cell.startswith("话术库!M")
        for p in report.problems
    )
    assert snapshot(sample_library) == before


def test_05b_a_row_whose_id_was_deleted_is_flagged(lib, sheet, tmp_path):
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", {"faq-gift": {"id": None}}), dry_run=True)
    created = next(e for e in result.entries if e.action == "created")
    assert any(
        "identical to faq-gift" in p.en and p.severity == "warning" for p in created.problems
    )
    assert by_id(result)["faq-gift"].action == "missing"


def test_base_without_git_comes_from_the_hidden_sheet(lib, sheet, tmp_path):
    """No git at all: a library-only change is still told apart from a sheet edit."""
    path = lib / "scripts/order.yaml"
    path.write_text(
        path.read_text().replace("    title: 取消订单\n", "    title: 取消订单（新）\n")
    )
    edited = edit(sheet, tmp_path / "e.xlsx", {"order-cancel": {"reviewed": "2026-11-21"}})
    result = run(lib, edited, dry_run=True)
    report = by_id(result)["order-cancel"]
    assert result.base_source == "sheet"
    assert report.action == "updated" and report.fields == ["reviewed"]
    conflict = run(lib, edit(sheet, tmp_path / "f.xlsx", {"order-cancel": {"title": "取消"}}))
    assert by_id(conflict)["order-cancel"].action == "conflict"


def test_tampered_base_without_git_makes_differences_conflicts(lib, sheet, tmp_path):
    def tamper(wb):
        for row in wb[META_SHEET].iter_rows():
            if row[0].value == "base":
                row[1].value = row[1].value.replace("取消订单", "别的")

    edited = edit(sheet, tmp_path / "e.xlsx", {"order-cancel": {"title": "改"}}, fn=tamper)
    path = lib / "scripts/order.yaml"
    path.write_text(path.read_text() + "\n")  # the file changed: its own text is no base
    result = run(lib, edited, dry_run=True)
    assert by_id(result)["order-cancel"].action == "conflict"
    assert any("no trustworthy base" in p.en for p in result.sheet_problems)


def test_04e_import_files_outside_the_library_is_a_config_error(make_library, tmp_path):
    from cskit.errors import ConfigError
    from tests.conftest import CONFIG
    from tests.excel.util import FAQ, ORDER

    root = make_library(
        {"scripts/order.yaml": ORDER, "kb/faq.yaml": FAQ},
        CONFIG + "import_files: {general: ../elsewhere.yaml}\n",
    )
    sheet = tmp_path / "s.xlsx"
    export(root, sheet)
    new = {"title": "x", "category": "general", "answer": "y", "reviewed": "2026-11-22"}
    with pytest.raises(ConfigError, match="inside the library"):
        run(root, edit(sheet, tmp_path / "e.xlsx", new_rows=[new]))


def test_05c_an_id_cell_that_became_a_number_is_not_a_new_entry(lib, sheet, tmp_path):
    result = run(lib, edit(sheet, tmp_path / "e.xlsx", new_rows=[{"id": 12, "title": "x"}]))
    bad = [e for e in result.entries if e.row == 7]
    assert [e.action for e in bad] == ["invalid"] and result.summary()["created"] == 0
    assert "the number 12" in bad[0].problems[0].en


RETURNS_7 = "本店支持7天无理由退货，退回运费由买家承担，请保持商品完好，谢谢理解。"


def _conflicting_library(make_library):
    from tests.rules.duplicates.helpers import entry, library

    return make_library(
        {
            "scripts/returns.yaml": library(
                entry("return-7", RETURNS_7), entry("return-15", RETURNS_7.replace("7", "15"))
            )
        }
    )


def test_an_error_the_entry_already_had_does_not_block_an_unrelated_edit(make_library, tmp_path):
    root = _conflicting_library(make_library)
    sheet = tmp_path / "s.xlsx"
    export(root, sheet)
    edited = edit(sheet, tmp_path / "e.xlsx", {"return-15": {"title": "退货政策（新）"}})
    result = run(root, edited)
    assert not result.refused and result.written
    report = by_id(result)["return-15"]
    assert report.action == "updated"
    old = [p for p in report.problems if "D004" in p.zh]
    assert old and all(p.severity == "warning" and "导入前已存在" in p.zh for p in old)


def test_an_error_the_edit_causes_still_blocks(make_library, tmp_path):
    root = _conflicting_library(make_library)
    sheet = tmp_path / "s.xlsx"
    export(root, sheet)
    before = snapshot(root)
    # return-7 now contradicts return-15 in a new way (3 days): a new conflict
    edited = edit(sheet, tmp_path / "e.xlsx", {"return-7": {"answer": RETURNS_7.replace("7", "3")}})
    result = run(root, edited)
    assert result.refused and not result.written
    assert by_id(result)["return-7"].action == "invalid"
    assert snapshot(root) == before
