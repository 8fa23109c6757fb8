"""Report formats tell the truth: JUnit fails only what the gate fails, JSON findings carry
their family, one entry has one line everywhere (the convention in docs/cli.md), and render
has one output option. Run as a user runs it: the installed executable."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from cskit.rules.base import FAMILIES
from tests.conftest import CONFIG, GOOD_ENTRY, ROOT, entry_file

CSKIT = Path(sys.executable).parent / "cskit"
DAY = ("--as-of", "2026-11-22")


def cskit(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CI": "1"}
    return subprocess.run([str(CSKIT), *args], capture_output=True, text=True, env=env)


def make(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "lib"
    (root / "scripts").mkdir(parents=True)
    (root / "cskit.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "scripts" / "a.yaml").write_text(text, encoding="utf-8")
    return root


def test_junit_failures_are_the_findings_at_or_above_fail_on(tmp_path: Path) -> None:
    # one error (E003) and two warnings (W007 你/您, Z003 repeated punctuation)
    text = entry_file(
        GOOD_ENTRY.replace("greet-hello", "err").replace("answer:", "anwser:") + "answer: 您好\n",
        GOOD_ENTRY.replace("greet-hello", "warn").replace(
            "请问有什么可以帮您？", "你的订单已发货！！"
        ),
    )
    root = make(tmp_path, text)
    counts = {}
    for fail_on in ("error", "warning", "never"):
        run = cskit("lint", "--library", str(root), *DAY, "-f", "junit", "--fail-on", fail_on)
        suites = ET.fromstring(run.stdout)
        failed = len(suites.findall(".//failure"))
        assert suites.get("failures") == str(failed)
        assert suites.get("tests") == str(len(suites.findall(".//testcase")))
        counts[fail_on] = (failed, run.returncode)
        if fail_on == "error":  # the warnings below the gate, in the report's language
            outs = [e.text or "" for e in suites.findall(".//system-out")]
            assert outs and all(o.startswith("警告: ") for o in outs), outs
    severities = json.loads(cskit("lint", "--library", str(root), *DAY, "-f", "json").stdout)
    by = [f["severity"] for f in severities["findings"]]
    errors, all_ = by.count("error"), len(by) - by.count("info")
    assert errors == 1 and all_ >= 3
    assert counts == {"error": (errors, 1), "warning": (all_, 1), "never": (0, 0)}


def test_json_findings_carry_their_family(tmp_path: Path) -> None:
    root = make(tmp_path, entry_file(GOOD_ENTRY.replace("answer:", "anwser:")))
    for fmt in ("json", "jsonl"):
        out = cskit("lint", "--library", str(root), *DAY, "-f", fmt).stdout
        findings = (
            json.loads(out)["findings"]
            if fmt == "json"
            else [json.loads(line) for line in out.splitlines()]
        )
        assert findings and all(f["family"] == FAMILIES[f["code"][0]] for f in findings)
        assert list(findings[0])[:4] == ["code", "name", "family", "severity"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"| {family} |" in readme for family in FAMILIES.values())


def test_one_entry_has_one_line_convention_across_reports(tmp_path: Path) -> None:
    """A finding is at path:line:col (lint, stale text); an entry is at its first line
    (dupes, stale CSV, lint's related entries). Two identical answers that contradict a
    fact: lint S004 and D001, dupes, stale text and CSV all about entry ``twin-b``."""
    answer = "answer: |-\n  您好，\n  本店支持15天无理由退货。\n"
    body = GOOD_ENTRY.replace(
        "answer: 您好，我是客服{{ agent.name }}，请问有什么可以帮您？\n", answer
    )
    text = entry_file(body.replace("greet-hello", "twin-a"), body.replace("greet-hello", "twin-b"))
    root = make(tmp_path, text)
    lines = text.splitlines()
    entry_line = lines.index("  - id: twin-b") + 1
    spot_line = max(i for i, ln in enumerate(lines, 1) if "15天无理由" in ln)
    spot_col = lines[spot_line - 1].index("15") + 1

    lint = cskit("lint", "--library", str(root), *DAY)
    s004 = re.search(r"a\.yaml:(\d+):(\d+): S004 .*\[twin-b\]", lint.stdout)
    assert s004 and (int(s004[1]), int(s004[2])) == (spot_line, spot_col), lint.stdout
    data = json.loads(cskit("lint", "--library", str(root), *DAY, "-f", "json").stdout)
    related = [r for f in data["findings"] if f["code"] == "D001" for r in f["related"]]
    assert related and all(
        r["line"] in (entry_line, lines.index("  - id: twin-a") + 1) for r in related
    )

    stale = cskit("stale", "--library", str(root), *DAY)
    assert f"a.yaml:{spot_line}:{spot_col}  [" in stale.stdout, stale.stdout
    rows = list(
        csv.reader(
            io.StringIO(
                cskit("stale", "--library", str(root), *DAY, "-f", "csv").stdout.lstrip("\ufeff")
            )
        )
    )
    row = next(r for r in rows if r[1] == "twin-b")
    assert row[rows[0].index("行号")] == str(entry_line)

    dupes = cskit("dupes", "--library", str(root), "-f", "json")
    members = [m for c in json.loads(dupes.stdout)["clusters"] for m in c["members"]]
    assert [m["line"] for m in members if m["entry_id"] == "twin-b"] == [entry_line]
    assert f"a.yaml:{entry_line}" in cskit("dupes", "--library", str(root)).stdout
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "## Locations" in docs


def test_render_output_has_one_meaning(tmp_path: Path) -> None:
    body = GOOD_ENTRY  # renders with the "shipped" sample
    root = make(tmp_path, entry_file(body))
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    common = ("render", "greet-hello", "--sample", "shipped", "--library", str(root))
    assert cskit(*common, "--output", str(a)).returncode == 0
    assert cskit(*common, "--out", str(b)).returncode == 0
    assert (
        a.read_text(encoding="utf-8")
        == b.read_text(encoding="utf-8")
        == "您好，我是客服小安，请问有什么可以帮您？\n"
    )
    rows = tmp_path / "rows.csv"
    rows.write_text("order.id\n1\n", encoding="utf-8")
    for option in ("--output", "-o", "--out"):
        out = tmp_path / f"batch{option.strip('-')}.csv"
        run = cskit(*common, "--batch", str(rows), option, str(out))
        assert run.returncode == 0 and out.exists(), run.stderr
    help_text = cskit("render", "--help").stdout
    assert "-o, --output, --out" in help_text  # one option, two spellings
