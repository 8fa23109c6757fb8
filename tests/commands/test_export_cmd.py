from __future__ import annotations

import openpyxl

from cskit.excel.layout import DATA_SHEET
from tests.excel.util import make


def test_export_writes_the_workbook_and_says_so(cli, make_library, tmp_path):
    root = make(make_library)
    out = tmp_path / "话术.xlsx"
    result = cli("export", out, "--library", root)
    assert result.exit_code == 0 and "已导出 5 个条目" in result.stdout
    assert openpyxl.load_workbook(out)[DATA_SHEET].max_row == 6


def test_filters_comma_separated_and_english(cli, make_library, tmp_path):
    root = make(make_library)
    out = tmp_path / "a.xlsx"
    result = cli("export", out, "--library", root, "--ids", "faq-gift,order-cancel", "--lang", "en")
    assert result.exit_code == 0 and "Exported 2 entries" in result.stdout


def test_skipped_entries_are_listed_on_stderr(cli, make_library, tmp_path):
    from tests.conftest import entry_file

    root = make_library(
        {"a.yaml": entry_file("title: 无编号\nanswer: x", "id: ok-1\ntitle: a\nanswer: y")}
    )
    result = cli("export", tmp_path / "a.xlsx", "--library", root, "--lang", "en")
    assert (
        result.exit_code == 0
        and "has no id" in result.stderr
        and "Exported 1 entries" in result.stdout
    )


def test_bad_output_and_bad_ref_exit_2(cli, make_library, tmp_path):
    root = make(make_library)
    assert cli("export", tmp_path / "a.csv", "--library", root).exit_code == 2
    result = cli("export", tmp_path / "a.xlsx", "--library", root, "--changed-since", "HEAD")
    assert result.exit_code == 2 and "git" in result.stderr


def _ids(path) -> list[str]:
    ws = openpyxl.load_workbook(path)[DATA_SHEET]
    return [r[0] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]


def test_filters_take_the_labels_the_sheet_shows(cli, make_library, tmp_path):
    root = make(make_library)  # categories {order: 订单问题, …}; statuses 启用/停用…
    out = tmp_path / "a.xlsx"
    result = cli("export", out, "--library", root, "--category", "订单问题", "--status", "启用")
    assert result.exit_code == 0, result.stderr
    assert sorted(_ids(out)) == ["faq-invoice", "order-cancel", "order-formula-like",
                                 "order-ship-time"]  # fmt: skip


def test_a_filter_typo_is_exit_2_with_a_did_you_mean(cli, make_library, tmp_path):
    root = make(make_library)
    out = tmp_path / "a.xlsx"
    result = cli("export", out, "--library", root, "--category", "订单")
    assert result.exit_code == 2 and not out.exists()
    assert "--category “订单”：没有这个分类" in result.stderr
    assert "是不是 order（订单问题）？" in result.stderr
    result = cli("export", out, "--library", root, "--owner", "售后")
    assert result.exit_code == 2 and "是不是 售后组？" in result.stderr
    result = cli("export", out, "--library", root, "--status", "retired", "--lang", "en")
    assert result.exit_code == 2 and "--status 'retired': no such status" in result.stderr
    result = cli("export", out, "--library", root, "--ids", "order-cancle")
    assert result.exit_code == 2 and "是不是 order-cancel？" in result.stderr
    assert not out.exists()


def test_valid_filters_that_select_nothing_still_write_a_sheet_and_say_so(
    cli, make_library, tmp_path
):
    root = make(make_library)
    out = tmp_path / "a.xlsx"
    result = cli("export", out, "--library", root, "--category", "general", "--owner", "客服一组")
    assert result.exit_code == 0 and "没有同时符合这些条件的条目" in result.stderr
    assert _ids(out) == []


def test_the_problems_column_lists_findings_in_the_sheets_language(cli, make_library, tmp_path):
    from tests.conftest import entry_file

    entries = entry_file(
        """\
        id: promo-old
        title: 旧活动
        category: order
        stage: resolve
        answer: 活动期间下单立减10元。
        owner: 客服一组
        reviewed: 2026-11-01
        valid_until: 2026-11-11
        """,
        """\
        id: promo-plan
        title: 元旦活动
        category: order
        stage: resolve
        answer: 元旦期间下单立减20元。
        owner: 客服一组
        reviewed: 2026-11-01
        valid_from: 2027-01-01
        """,
    )
    root = make_library({"a.yaml": entries})
    out = tmp_path / "a.xlsx"
    result = cli("export", out, "--library", root, "--as-of", "2026-11-22")
    assert result.exit_code == 0, result.stderr
    ws = openpyxl.load_workbook(out)[DATA_SHEET]
    assert ws.cell(1, 2).value == "问题"
    cells = {r[0]: r[1] for r in ws.iter_rows(min_row=2, values_only=True)}
    old = cells["promo-old"]
    assert old.startswith("错误 S001 失效日期为 2026-11-11，已过期 11 天")
    assert "状态仍是启用" in old and "请归档（把状态改成“停用”）" in old
    assert "valid_until" not in old and "status" not in old and "active" not in old
    assert cells["promo-plan"] is None  # planned ahead: scheduled, nothing wrong
    result = cli("export", out, "--library", root, "--as-of", "2026-11-22", "--no-problems")
    assert openpyxl.load_workbook(out)[DATA_SHEET].cell(2, 2).value is None
