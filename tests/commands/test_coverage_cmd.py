"""`cskit coverage` and `cskit match` as a user runs them: the package as a subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.coverage.conftest import LIB, ROWS, write_csv, write_jsonl


def cskit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cskit", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_json_contract(tmp_path: Path) -> None:
    log = write_csv(tmp_path / "log.csv")
    proc = cskit("coverage", str(log), "--library", str(LIB), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert list(doc) == ["version", "turns", "clusters", "entries", "summary"]
    assert doc["version"] == 1
    assert len(doc["turns"]) == sum(1 for _, role, _ in ROWS if role == "买家")
    for turn in doc["turns"]:
        assert set(turn) == {"session", "index", "time", "text", "entry_id", "chitchat", "score"}
    by_key = {(t["session"], t["index"]): t for t in doc["turns"]}
    assert by_key[("s1", 3)]["entry_id"] == "parcel-where" and not by_key[("s1", 3)]["chitchat"]
    assert by_key[("s1", 1)]["chitchat"] and by_key[("s1", 1)]["entry_id"] is None
    assert by_key[("s2", 4)]["entry_id"] is None and not by_key[("s2", 4)]["chitchat"]
    assert doc["summary"]["coverage"] == 0.5
    assert doc["summary"]["entries_never_hit"] == 6
    entries = {e["id"]: e for e in doc["entries"]}
    assert (
        entries["parcel-where"]["hits"] == 1
        and entries["parcel-where"]["last_seen"] == "2026-11-12"
    )
    assert entries["ship-when"]["hits"] == 0 and entries["ship-when"]["last_seen"] is None
    assert doc["clusters"][0]["id"] == "U1" and doc["clusters"][0]["stub"].startswith("# U1")


def test_text_report_in_chinese_and_english(tmp_path: Path) -> None:
    log = write_jsonl(tmp_path / "log.jsonl")
    zh = cskit("coverage", str(log), "--library", str(LIB))
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.startswith("覆盖率 50.0%") and "从未命中的条目（6 条）" in zh.stdout
    assert "草稿条目" in zh.stdout and "- id: draft-product-1" in zh.stdout
    en = cskit("coverage", str(log), "--library", str(LIB), "--lang", "en", "-q")
    assert en.stdout.startswith("coverage 50.0%") and "never hit" not in en.stdout


def test_csv_has_one_row_per_customer_turn(tmp_path: Path) -> None:
    log = write_csv(tmp_path / "log.csv")
    out = tmp_path / "turns.csv"
    proc = cskit("coverage", str(log), "--library", str(LIB), "-f", "csv", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["会话ID", "序号", "时间", "内容", "条目ID", "条目标题", "寒暄", "得分"]
    assert len(rows) - 1 == sum(1 for _, role, _ in ROWS if role == "买家")
    assert rows[2][:2] == ["s1", "3"] and rows[2][4] == "parcel-where"


def test_xlsx_report_sheets_and_text_cells(tmp_path: Path) -> None:
    import openpyxl

    rows = [*ROWS, ("s9", "买家", '=HYPERLINK("x")这个有货吗')]
    log = write_csv(tmp_path / "log.csv", rows)
    out = tmp_path / "coverage.xlsx"
    proc = cskit("coverage", str(log), "--library", str(LIB), "-f", "xlsx", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "覆盖率" in proc.stderr  # the summary line goes to the terminal
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["概览", "未覆盖问题", "待补充条目", "条目命中", "明细"]
    drafts = list(book["待补充条目"].iter_rows(values_only=True))
    header = list(drafts[0])  # the columns of `cskit export`, in its order
    assert header[0] == "编号" and {"类型", "标题", "回复"} <= set(header)
    assert drafts[1][header.index("分类")] == "product" and drafts[1][0] in (None, "")
    cells = [c for row in book["明细"].iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)  # a customer's "=…" is text, never a formula
    assert any(isinstance(c.value, str) and c.value.endswith("这个有货吗") for c in cells)


def test_xlsx_needs_an_output_file(tmp_path: Path) -> None:
    proc = cskit("coverage", str(write_csv(tmp_path / "l.csv")), "-L", str(LIB), "-f", "xlsx")
    assert proc.returncode == 2 and "--output" in proc.stderr


@pytest.mark.parametrize(
    ("content", "needle_zh", "needle_en"),
    [
        (
            "会话ID,发送方,内容\na,张三,你好\n",
            "分不清哪些是买家",
            "cannot tell customer from agent",
        ),
        ("", "空的", "empty"),
        ("会话ID,角色\na,买家\n", "找不到内容列", "no text column"),
    ],
)
def test_bad_logs_are_one_located_line_and_exit_2(
    tmp_path: Path, content: str, needle_zh: str, needle_en: str
) -> None:
    log = tmp_path / "bad.csv"
    log.write_text(content, encoding="utf-8")
    zh = cskit("coverage", str(log), "--library", str(LIB))
    assert zh.returncode == 2 and zh.stdout == ""
    assert len(zh.stderr.strip().splitlines()) == 1
    assert str(log) in zh.stderr and needle_zh in zh.stderr and "Traceback" not in zh.stderr
    en = cskit("coverage", str(log), "--library", str(LIB), "--lang", "en")
    assert en.returncode == 2 and needle_en in en.stderr


def test_unreadable_log(tmp_path: Path) -> None:
    log = tmp_path / "garbled.csv"
    log.write_bytes("会话ID,角色,内容\n".encode() + b"a,\x80\x80\xff\xff,\x80\n")
    proc = cskit("coverage", str(log), "--library", str(LIB))
    assert proc.returncode == 2 and "不是 UTF-8 或 GBK" in proc.stderr and str(log) in proc.stderr
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    proc = cskit("coverage", str(folder), "--library", str(LIB))
    assert proc.returncode == 2 and "找不到聊天记录文件" in proc.stderr


def test_map_option(tmp_path: Path) -> None:
    log = tmp_path / "odd.csv"
    log.write_text("工单,身份标记,说了什么\nt1,访客,快递到哪了\n", encoding="utf-8")
    proc = cskit(
        "coverage", str(log), "-L", str(LIB), "--map", "session=工单,text=说了什么,role=身份标记"
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("覆盖率 100.0%")


def test_match_prints_the_verdict_and_the_best_entries() -> None:
    proc = cskit("match", "东西走到哪一站了", "--library", str(LIB))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("由 parcel-where 回答") and "意图：包裹在哪、何时送到" in lines[1]
    assert "parcel-where" in lines[3]
    doc = json.loads(cskit("match", "能便宜点吗", "-L", str(LIB), "-f", "json").stdout)
    assert doc["verdict"] is None and "议价" in doc["intents"]
    chit = json.loads(cskit("match", "好的谢谢", "-L", str(LIB), "-f", "json").stdout)
    assert chit["verdict"] == "chitchat"
    follow = json.loads(
        cskit(
            "match",
            "都五天了还没好",
            "-L",
            str(LIB),
            "-f",
            "json",
            "--context",
            "我申请的退款什么时候到账",
        ).stdout
    )
    assert follow["verdict"] == "refund-when" and follow["from_context"]


def test_the_report_never_overwrites_a_log(tmp_path: Path) -> None:
    log = write_csv(tmp_path / "log.csv")
    before = log.read_bytes()
    proc = cskit("coverage", str(log), "-L", str(LIB), "-f", "csv", "-o", str(log))
    assert proc.returncode == 2 and "聊天记录本身" in proc.stderr
    assert log.read_bytes() == before


def test_reports_never_replace_the_library_or_a_log(tmp_path: Path) -> None:
    import shutil

    lib = tmp_path / "lib"
    shutil.copytree(LIB, lib, ignore=shutil.ignore_patterns(".cskit_cache"))
    target = next(lib.rglob("*.yaml"))
    if target.name == "cskit.yaml":
        target = next(p for p in lib.rglob("*.yaml") if p.name != "cskit.yaml")
    before = target.read_bytes()
    log = write_csv(tmp_path / "log.csv")
    log_before = log.read_bytes()
    linked = tmp_path / "same-log.xlsx"
    linked.hardlink_to(log)
    for out, fmt in ((target, "json"), (tmp_path, "json"), (linked, "xlsx")):
        proc = cskit("coverage", str(log), "-L", str(lib), "-f", fmt, "-o", str(out))
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
        assert "什么都没有写入" in proc.stderr
    assert target.read_bytes() == before and log.read_bytes() == log_before
