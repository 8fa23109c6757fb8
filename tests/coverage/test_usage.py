"""`cskit stale --usage`: agent turns matched to answers; entries unused for N days queued."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from cskit.coverage.usage import AnswerIndex, agent_usage
from cskit.library.load import load_library
from tests.coverage.conftest import LIB, write_csv

LIBRARY = load_library(LIB)
ENTRIES = [(e.id, [e.answer]) for e in LIBRARY.entries if e.active]
ANSWER = {e.id: e.answer for e in LIBRARY.entries}


def test_a_pasted_answer_with_its_blanks_filled_is_a_use() -> None:
    index = AnswerIndex.build([texts for _, texts in ENTRIES])
    ids = [i for i, _ in ENTRIES]
    filled = ANSWER["parcel-where"].replace("订单号", "订单号3412345678901234567")
    assert ids[index.match(filled)] == "parcel-where"
    trimmed = ANSWER["refund-when"][:30]  # the first half of the reply only
    assert ids[index.match(trimmed)] == "refund-when"
    assert index.match("亲，稍等，正在为您查询~") == -1
    assert index.match("好的") == -1


def _log(tmp_path: Path) -> Path:
    rows = [
        ("u1", "买家", "快递到哪了"),
        ("u1", "客服", ANSWER["parcel-where"]),
        ("u2", "买家", "退款多久到"),
        ("u2", "客服", "亲，" + ANSWER["refund-when"]),
        ("u3", "买家", "在吗"),
        ("u3", "客服", "在的，请问有什么可以帮您"),
    ]
    return write_csv(tmp_path / "agents.csv", rows)


def test_usage_counts_and_last_days(tmp_path: Path) -> None:
    usage = agent_usage(ENTRIES, [_log(tmp_path)])
    assert usage.uses["parcel-where"] == 1 and usage.uses["refund-when"] == 1
    assert usage.last_used["parcel-where"] == dt.date(2026, 11, 11)
    assert usage.last_used["ship-when"] is None
    assert (usage.agent_turns, usage.matched) == (3, 2)


def _stale(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cskit", "stale", "--library", str(LIB), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_stale_usage_queues_unused_active_entries(tmp_path: Path) -> None:
    log = _log(tmp_path)
    proc = _stale("--usage", str(log), "--unused-days", "1", "--as-of", "2026-11-20", "-f", "json")
    assert proc.returncode == 0, proc.stderr  # unused is info: it never fails the run
    queued = {
        e["entry_id"]: e for owner in json.loads(proc.stdout)["owners"] for e in owner["entries"]
    }
    assert "old-policy" not in queued  # archived
    assert "ship-when" in queued
    unused = [r for r in queued["ship-when"]["reasons"] if r["category"] == "unused"]
    assert unused and unused[0]["severity"] == "info"
    # used on 2026-11-11, nine days before: unused for more than one day
    assert "parcel-where" in queued
    text = _stale("--usage", str(log), "--unused-days", "1", "--as-of", "2026-11-20").stdout
    assert "[久未使用]" in text and "客服已 9 天没有发送这条回复" in text


def test_a_log_shorter_than_the_window_does_not_flag_never_used_entries(tmp_path: Path) -> None:
    proc = _stale("--usage", str(_log(tmp_path)), "--as-of", "2026-11-20", "-f", "json")
    queued = [e["entry_id"] for o in json.loads(proc.stdout)["owners"] for e in o["entries"]]
    assert "ship-when" not in queued  # the log covers days, not the 90 asked for


def test_stale_usage_bad_log_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("", encoding="utf-8")
    proc = _stale("--usage", str(bad))
    assert proc.returncode == 2 and "空的" in proc.stderr
