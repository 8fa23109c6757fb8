from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from cskit.library.load import load_library
from cskit.lint.engine import lint
from cskit.lint.report import render
from tests.conftest import AS_OF, GOOD_ENTRY, entry_file

DUP = entry_file(
    GOOD_ENTRY, GOOD_ENTRY.replace("answer:", "anwser:")
)  # E007 (+related), E003, E004


def _result(make_library, lang=None, files=None):
    lib = load_library(make_library(files or {"scripts/a.yaml": DUP}), use_cache=False)
    return lint(lib, as_of=AS_OF, lang=lang)


def test_json_has_the_documented_shape(make_library):
    data = json.loads(render(_result(make_library), "json"))
    assert data["version"] == 1 and data["cskit"] == "0.1.0"
    assert set(data["summary"]) == {"files", "entries", "error", "warning", "info"}
    assert data["summary"]["entries"] == 2 and data["summary"]["error"] == len(data["findings"])
    e007 = next(f for f in data["findings"] if f["code"] == "E007")
    assert set(e007) == {
        "code",
        "name",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "entry_id",
        "key",
        "related",
    }
    assert e007["related"][0]["entry_id"] == "greet-hello" and e007["key"] == "entries[1].id"
    assert "已被" in e007["message"]


def test_english_messages(make_library):
    data = json.loads(render(_result(make_library, lang="en"), "json"))
    assert all(f["message"].isascii() or "'" in f["message"] for f in data["findings"])
    assert any("already used" in f["message"] for f in data["findings"])


def test_jsonl_one_finding_per_line(make_library):
    lines = render(_result(make_library), "jsonl").splitlines()
    assert len(lines) == 3 and all(json.loads(ln)["code"] for ln in lines)


def test_text_format_lines(make_library):
    out = render(_result(make_library), "text").splitlines()
    i = next(i for i, line in enumerate(out) if " E007 " in line)
    path = out[i].split(":", 1)[0]
    assert path.endswith("scripts/a.yaml")
    assert out[i] == f"{path}:10:5: E007 编号 'greet-hello' 已被 {path}:2 使用 [greet-hello]"
    assert out[i + 1] == f"    相关: greet-hello ({path}:2)"
    assert out[-1].startswith("发现 3 个问题")


def test_sarif_has_rules_and_stable_fingerprints(make_library, tmp_path):
    first = json.loads(render(_result(make_library), "sarif"))
    run = first["runs"][0]
    assert first["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert {"E003", "E007"} <= set(ids)
    for res in run["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"]
    # Moving the entries (blank lines, another file name) keeps fingerprints.
    (tmp_path / "lib" / "scripts" / "a.yaml").unlink()
    moved = {"scripts/b.yaml": "\n\n# moved\n" + DUP}
    second = json.loads(render(_result(make_library, files=moved), "sarif"))
    fp = lambda s: sorted(r["partialFingerprints"]["cskit/v1"] for r in s["runs"][0]["results"])  # noqa: E731
    assert fp(first) == fp(second)


def test_junit_is_valid_xml(make_library):
    root = ET.fromstring(render(_result(make_library), "junit"))
    assert root.tag == "testsuites" and root.get("failures") == "3"
    assert len(root.findall(".//failure")) == 3


def test_github_annotations_and_step_summary(make_library, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = render(_result(make_library), "github").splitlines()
    assert out[0].startswith("::error file=") and ",line=" in out[0] and "title=E" in out[0]
    assert "| ❌ | `E007` |" in summary.read_text()
