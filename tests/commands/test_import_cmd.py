from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl

from tests.excel.util import edit, export, make, snapshot

CSKIT = Path(sys.executable).parent / "cskit"


def _setup(make_library, tmp_path):
    root = make(make_library)
    sheet = tmp_path / "sheet.xlsx"
    export(root, sheet)
    return root, sheet


def test_unedited_import_exits_0_and_changes_nothing(cli, make_library, tmp_path):
    root, sheet = _setup(make_library, tmp_path)
    before = snapshot(root)
    result = cli("import", sheet, "--library", root)
    assert (
        result.exit_code == 0
        and "未变 5" in result.stdout
        and "没有需要写入的内容" in result.stdout
    )
    assert snapshot(root) == before


def test_update_is_reported_and_written(cli, make_library, tmp_path):
    root, sheet = _setup(make_library, tmp_path)
    edited = edit(sheet, tmp_path / "e.xlsx", {"order-cancel": {"title": "取消订单（改）"}})
    result = cli("import", edited, "--library", root, "--as-of", "2026-11-22")
    assert result.exit_code == 0
    assert "更新 order-cancel ［标题］" in result.stdout and "已写入 1 个文件" in result.stdout
    assert "取消订单（改）" in (root / "scripts/order.yaml").read_text()


def test_dry_run_writes_nothing(cli, make_library, tmp_path):
    root, sheet = _setup(make_library, tmp_path)
    before = snapshot(root)
    edited = edit(sheet, tmp_path / "e.xlsx", {"order-cancel": {"title": "改"}})
    result = cli("import", edited, "--library", root, "--dry-run", "--lang", "en")
    assert result.exit_code == 0 and "Dry run: 1 file(s) would change" in result.stdout
    assert snapshot(root) == before


def test_invalid_cells_exit_1_json_report_and_annotated_copy(cli, make_library, tmp_path):
    root, sheet = _setup(make_library, tmp_path)
    before = snapshot(root)
    edited = edit(
        sheet,
        tmp_path / "e.xlsx",
        {"order-cancel": {"title": "改了"}, "order-ship-time": {"notes": 1.2345678901234567e19}},
    )
    marked = tmp_path / "marked.xlsx"
    result = cli("import", edited, "--library", root, "--format", "json", "--annotate", marked)
    assert result.exit_code == 1 and snapshot(root) == before
    doc = json.loads(result.stdout)
    assert doc["written"] is False and doc["summary"]["invalid"] == 1
    assert doc["summary"]["updated"] == 1 and doc["version"] == 1
    bad = next(e for e in doc["entries"] if e["action"] == "invalid")
    assert set(bad) >= {"id", "action", "fields", "cells", "message"}
    assert bad["id"] == "order-ship-time" and bad["cells"] == ["话术库!V5"]
    assert "长数字" in bad["message"]
    wb = openpyxl.load_workbook(marked)
    cell = wb["话术库"]["V5"]
    assert cell.fill.fgColor.rgb.endswith("FFC7CE") and "长数字" in cell.comment.text
    assert wb.sheetnames[0] == "导入报告"


def test_unreadable_workbook_exits_2_with_one_line(cli, make_library, tmp_path):
    root = make(make_library)
    bad = tmp_path / "old.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    result = cli("import", bad, "--library", root)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and ".xls" in result.stderr


def test_annotate_must_not_overwrite_the_input(cli, make_library, tmp_path):
    root, sheet = _setup(make_library, tmp_path)
    assert cli("import", sheet, "--library", root, "--annotate", sheet).exit_code == 2


def test_real_executable_round_trip(make_library, tmp_path):
    root, sheet = _setup(make_library, tmp_path)
    out = subprocess.run(
        [str(CSKIT), "import", str(sheet), "--library", str(root), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["summary"]["unchanged"] == 5


def test_json_cells_name_the_changed_cells_of_an_update(cli, make_library, tmp_path):
    root, sheet = _setup(make_library, tmp_path)
    edited = edit(
        sheet, tmp_path / "e.xlsx", {"order-cancel": {"title": "改", "reviewed": "2026-11-21"}}
    )
    doc = json.loads(
        cli("import", edited, "--library", root, "--format", "json", "--dry-run").stdout
    )
    entry = next(e for e in doc["entries"] if e["id"] == "order-cancel")
    assert entry["action"] == "updated" and entry["fields"] == ["title", "reviewed"]
    assert entry["cells"] == ["话术库!D4", "话术库!O4"]
