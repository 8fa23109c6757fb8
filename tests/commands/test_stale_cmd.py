"""``cskit stale`` end to end: formats, options, exit codes, and the new-user walk-through."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

LIB = FIXTURES / "stale" / "lib"


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    dest = tmp_path / "lib"
    shutil.copytree(LIB, dest)
    return dest


def _change_fact(lib: Path, old: str, new: str) -> None:
    config = lib / "cskit.yaml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")


def test_fresh_library_is_empty_and_exits_0(cli, lib):
    result = cli("stale", "--library", lib, "--as-of", "2026-11-22", "--no-cache")
    assert result.exit_code == 0
    assert result.output.strip() == "截至 2026-11-22 没有过时内容：共检查 7 个条目。"


def test_changed_fact_lists_exactly_its_entries_in_owner_order(cli, lib):
    # a new user raises the return window to 15 days on 2026-11-20
    _change_fact(lib, "value: 7\n    changed: 2026-03-01", "value: 15\n    changed: 2026-11-20")
    result = cli("stale", "--library", lib, "--as-of", "2026-11-22", "--no-cache", "--quiet")
    assert result.exit_code == 1  # return-exchange now contradicts the fact: an error
    rows = [line.split()[:3] for line in result.output.splitlines() if line.startswith("  ")]
    heads = [line for line in result.output.splitlines() if line and not line.startswith(" ")]
    assert heads == ["客服一组（1 条待复核）", "售后组（2 条待复核）", "运营组（1 条待复核）"]
    assert [(r[0], r[2]) for r in rows] == [
        ("greet-return-hint", "[事实已变更]"),
        ("return-exchange", "[与事实矛盾]"),
        ("return-exchange", "[事实已变更]"),
        ("return-how", "[事实已变更]"),
        ("policy-return", "[事实已变更]"),
    ]
    assert "自 2026-11-20" in result.output
    assert "refund" not in result.output and "greet-hello" not in result.output


def test_json(cli, lib):
    _change_fact(lib, "changed: 2026-06-15", "changed: 2026-11-01")
    result = cli(
        "stale",
        "--library",
        lib,
        "--as-of",
        "2026-11-22",
        "--format",
        "json",
        "--no-cache",
        "--within",
        "14d",
    )
    data = json.loads(result.output)
    assert data["version"] == 1 and data["as_of"] == "2026-11-22" and data["within_days"] == 14
    owners = {g["owner"]: [e["entry_id"] for e in g["entries"]] for g in data["owners"]}
    assert owners == {"售后组": ["refund-arrival"], "运营组": ["policy-refund"]}
    refund = data["owners"][0]["entries"][0]
    assert refund["reasons"][0]["code"] == "S003"
    assert refund["reasons"][0]["since"] == "2026-11-01"
    assert refund["state"] == "stale"
    # policy-refund was reviewed on the day of the change: not stale, only coming due
    policy = data["owners"][1]["entries"][0]
    assert (policy["state"], policy["reasons"][0]["category"]) == ("due_soon", "due_soon")
    assert (data["summary"]["stale"], data["summary"]["due_soon"]) == (1, 1)
    assert result.exit_code == 0  # warnings only, fail_on error


def test_csv_for_mailing(cli, lib, tmp_path):
    _change_fact(lib, "value: 7\n    changed: 2026-03-01", "value: 15\n    changed: 2026-11-20")
    out = tmp_path / "queue.csv"
    result = cli(
        "stale",
        "--library",
        lib,
        "--as-of",
        "2026-11-22",
        "--format",
        "csv",
        "--output",
        out,
        "--no-cache",
    )
    assert result.exit_code == 1  # the destination never changes the exit code
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["负责人", "条目ID", "标题"]
    assert [r[:2] for r in rows[1:]] == [
        ["客服一组", "greet-return-hint"],
        ["售后组", "return-exchange"],
        ["售后组", "return-how"],
        ["运营组", "policy-return"],
    ]
    exchange = rows[2]
    assert exchange[7] == "与事实矛盾" and "；" in exchange[8] and exchange[9] == "2026-11-20"


def test_owner_and_within(cli, lib):
    result = cli(
        "stale",
        "--library",
        lib,
        "--as-of",
        "2026-11-22",
        "--within",
        "14d",
        "--owner",
        "运营组",
        "--no-cache",
    )
    assert result.exit_code == 0
    assert "policy-refund" in result.output and "[即将到期]" in result.output
    assert "售后组" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--owner", "售后"], "没有条目的负责人是它"),
        (["--within", "soon"], "不是时长"),
        (["--format", "xml"], "--format"),
        (["--as-of", "yesterday"], "--as-of"),
        (["--select", "E004"], "没有 S 规则"),
        (["--fail-on", "panic"], "--fail-on"),
    ],
)
def test_bad_options_exit_2(cli, lib, args, message):
    result = cli("stale", "--library", lib, "--as-of", "2026-11-22", *args)
    assert result.exit_code == 2
    assert message in result.output


def test_fail_on_and_english(cli, lib):
    _change_fact(lib, "changed: 2026-06-15", "changed: 2026-11-01")
    result = cli(
        "stale",
        "--library",
        lib,
        "--as-of",
        "2026-11-22",
        "--fail-on",
        "warning",
        "--lang",
        "en",
        "--no-cache",
    )
    assert result.exit_code == 1
    assert "[fact changed]" in result.output and "since 2026-11-01" in result.output


def test_as_subprocess(lib):
    _change_fact(lib, "value: 7\n    changed: 2026-03-01", "value: 15\n    changed: 2026-11-20")
    proc = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "cskit"),
            "stale",
            "--library",
            str(lib),
            "--as-of",
            "2026-11-22",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert [g["owner"] for g in json.loads(proc.stdout)["owners"]] == [
        "客服一组",
        "售后组",
        "运营组",
    ]


def test_template_reference_is_listed_without_owner(cli, make_library):
    root = make_library(
        {
            "kb/a.yaml": "entries:\n  - id: old-tip\n    title: 旧\n    category: general\n"
            "    status: archived\n    answer: 旧的\n    owner: 售后组\n    reviewed: 2026-11-01\n",
            "templates/x.j2": "您好\n{{ reply('old-tip') }}\n",
        }
    )
    result = cli("stale", "--library", root, "--as-of", "2026-11-22", "--no-cache", "--quiet")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "（未指定负责人）（1 条待复核）"
    assert lines[1].split()[:3] == [
        "（模板）",
        f"{root / 'templates' / 'x.j2'}:2:4",
        "[引用已归档]",
    ]


def test_sample_library_has_nothing_stale_on_its_day(cli, sample_library):
    result = cli("stale", "--library", sample_library, "--as-of", "2026-11-22", "--no-cache")
    assert result.exit_code == 0
    assert "没有过时内容" in result.output


def test_sample_library_fact_change_walkthrough(cli, sample_library):
    import datetime as dt

    from cskit.library.load import load_library

    config = sample_library / "cskit.yaml"
    text = config.read_text(encoding="utf-8")
    old = "  return_days:\n    value: 7\n    changed: 2026-03-01"
    assert old in text
    config.write_text(
        text.replace(old, "  return_days:\n    value: 15\n    changed: 2026-11-20"),
        encoding="utf-8",
    )
    lib = load_library(sample_library, use_cache=False)
    # what depends on return_days, found without cskit's own matching
    expected = [
        (e.owner, e.id)
        for e in lib.entries
        if e.active
        and ("facts.return_days" in e.answer or "天无理由" in e.answer)
        and e.date("reviewed") < dt.date(2026, 11, 20)
    ]
    assert expected  # the sample uses the fact
    order = lib.config.owners or []
    expected.sort(key=lambda pair: order.index(pair[0]))
    result = cli(
        "stale",
        "--library",
        sample_library,
        "--as-of",
        "2026-11-22",
        "--format",
        "json",
        "--no-cache",
    )
    data = json.loads(result.output)
    got = [(g["owner"], e["entry_id"]) for g in data["owners"] for e in g["entries"]]
    assert sorted(got) == sorted(expected)
    assert [owner for owner, _ in got] == [owner for owner, _ in expected]
