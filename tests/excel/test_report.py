"""Rendering the import report."""

from __future__ import annotations

import json

from cskit.excel.plan import EntryReport, ImportResult
from cskit.excel.read import Problem
from cskit.excel.report import render_json, render_text


def _result() -> ImportResult:
    conflict = Problem(
        "conflict",
        "改法不同",
        "changed on both sides",
        cell="话术库!G5",
        field="answer",
        hint_zh="确认",
        hint_en="agree",
        base="旧\n行",
        library="库",
        sheet="表",
    )
    return ImportResult(
        entries=[
            EntryReport("a-1", action="unchanged", row=2),
            EntryReport("b-2", action="conflict", problems=[conflict], row=5, cells=["话术库!G5"]),
            EntryReport("c-3", action="updated", fields=["title"], row=3, cells=["话术库!C3"]),
        ],
        sheet_problems=[
            Problem("warning", "工作表“草稿”不会被导入", "sheet '草稿' is not imported")
        ],
    )


def test_text_report_in_chinese_worst_first():
    text = render_text(_result(), lang="zh-Hans", dry_run=False)
    lines = text.splitlines()
    assert lines[0] == "警告: 工作表“草稿”不会被导入"
    assert lines[1] == "冲突 b-2 （第 5 行）"
    assert lines[2] == "  话术库!G5 冲突: 回复: 改法不同"
    assert lines[3] == "      导出时：旧⏎行｜话术库现在：库｜表格：表"
    assert lines[4] == "      建议: 确认"
    assert lines[5] == "更新 c-3 ［标题］ （第 3 行）"
    assert "a-1" not in text
    assert lines[-1].startswith("汇总：新增 0，更新 1，未变 1，冲突 1") and "未写入" in lines[-1]


def test_text_report_in_english():
    text = render_text(_result(), lang="en", dry_run=False)
    assert "conflict b-2 (row 5)" in text and "base: 旧⏎行 | library: 库 | sheet: 表" in text
    assert text.splitlines()[-1].startswith(
        "Summary: created 0, updated 1, unchanged 1, conflict 1"
    )


def test_json_report_shape():
    doc = json.loads(render_json(_result(), lang="en"))
    assert doc["summary"] == {
        "created": 0,
        "updated": 1,
        "unchanged": 1,
        "conflict": 1,
        "missing": 0,
        "invalid": 0,
    }
    b2 = doc["entries"][1]
    assert {k: b2[k] for k in ("id", "action", "fields", "cells", "message")} == {
        "id": "b-2",
        "action": "conflict",
        "fields": [],
        "cells": ["话术库!G5"],
        "message": "changed on both sides",
    }
    assert b2["problems"][0]["base"] == "旧\n行" and doc["written"] is False
    assert doc["problems"][0]["message"] == "sheet '草稿' is not imported"
