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
