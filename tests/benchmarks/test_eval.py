"""`make eval` on a tiny labelled corpus of our own: the table counts hits, misses and false
positives per rule, pairs included, and says where the corpus is missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import CONFIG, ROOT

ENTRIES = """\
defaults: {owner: 客服一组, reviewed: 2026-11-01, category: general, stage: resolve}
entries:
  - id: c-1
    title: 拒绝
    answer: 这个颜色已经卖完了呢
  - id: c-2
    title: 有替代
    answer: 这个颜色卖完了，您看看同款的米白色
  - id: c-3
    title: 返现
    answer: 五星好评截图发我，返您3元
  - id: c-4
    title: 问候一
    answer: 您好，很高兴为您服务，请问有什么可以帮您？
  - id: c-5
    title: 问候二
    answer: 您好，很高兴为您服务，请问有什么可以帮到您？
"""
LABELS = [
    {"id": "c-1", "text": "…", "expect": ["W001"]},
    {"id": "c-2", "text": "…", "expect": ["W001"]},  # labelled wrong on purpose: a miss
    {"id": "c-3", "text": "…", "expect": []},  # a false positive of W005
    {"id": "c-4", "text": "…", "expect": []},
    {"id": "c-5", "text": "…", "expect": []},
    {"pair": ["c-4", "c-5"], "expect": "D002"},
]


def _corpus(tmp_path: Path) -> Path:
    lib = tmp_path / "corpus" / "lib"
    (lib / "entries").mkdir(parents=True)
    (lib / "cskit.yaml").write_text(CONFIG, encoding="utf-8")
    (lib / "entries" / "a.yaml").write_text(ENTRIES, encoding="utf-8")
    lines = "\n".join(json.dumps(x, ensure_ascii=False) for x in LABELS)
    (tmp_path / "corpus" / "labels.jsonl").write_text(lines + "\n", encoding="utf-8")
    return tmp_path / "corpus"


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "eval.py"), *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_table_counts_hits_misses_and_false_positives(tmp_path: Path) -> None:
    proc = _run({"CSKIT_REALTEXT": str(_corpus(tmp_path))}, "--show", "W001")
    assert proc.returncode == 0, proc.stderr
    rows = {
        parts[0]: parts[1:]
        for parts in (line.split() for line in proc.stdout.splitlines())
        if len(parts) >= 5 and parts[1].isdigit()
    }
    assert rows["W001"][:4] == ["2", "1", "50%", "0"]
    assert rows["W005"][:4] == ["0", "0", "-", "1"]  # fired unlabelled: its false positive shows
    assert rows["D002"][:2] == ["1", "1"] or "D001" in " ".join(rows["D002"])
    assert "W, T and P rules together: 1" in proc.stdout
    assert "W001 missed (1)" in proc.stdout and "c-2" in proc.stdout


def test_json_output(tmp_path: Path) -> None:
    proc = _run({"CSKIT_REALTEXT": str(_corpus(tmp_path))}, "--json")
    rows = {r["rule"]: r for r in json.loads(proc.stdout)}
    assert rows["W001"]["miss"] == ["c-2"] and rows["W005"]["fp_ids"] == ["c-3"]


def test_no_corpus_is_a_clear_message(tmp_path: Path) -> None:
    proc = _run({"CSKIT_REALTEXT": str(tmp_path / "nothing")})
    assert proc.returncode == 2 and "CSKIT_REALTEXT" in proc.stderr
