"""Baseline matching: keys ignore position and file, counts are honoured, prune only removes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cskit.errors import InputError
from cskit.findings import Finding
from cskit.lint import baseline


def finding(
    code: str = "W003", entry_id: str | None = "promo-1", evidence: str = "最好", **kw: object
) -> Finding:
    base: dict[str, object] = {
        "code": code,
        "name": "x",
        "severity": "error",
        "message_zh": "消息",
        "message_en": "message",
        "file": "library/a.yaml",
        "line": 3,
        "column": 5,
        "entry_id": entry_id,
        "key": "entries[0].answer",
        "evidence": evidence,
    }
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


def test_position_file_and_entry_index_do_not_matter() -> None:
    known = baseline.Baseline.from_findings([finding()])
    moved = finding(file="library/kb/b.yaml", line=90, column=1, key="entries[7].answer")
    out = baseline.apply([moved], known)
    assert (out.findings, out.hidden, out.stale) == ([], 1, 0)


@pytest.mark.parametrize(
    "changed",
    [
        {"evidence": "第一"},  # a different offending word
        {"entry_id": "promo-2"},  # another entry
        {"code": "W004"},  # another rule
        {"key": "entries[0].channels.sms"},  # another field of the same entry
    ],
)
def test_anything_about_the_content_makes_it_new(changed: dict[str, object]) -> None:
    known = baseline.Baseline.from_findings([finding()])
    out = baseline.apply([finding(**changed)], known)
    assert len(out.findings) == 1 and out.hidden == 0 and out.stale == 1


def test_counts_a_third_copy_is_new() -> None:
    known = baseline.Baseline.from_findings([finding(), finding()])
    out = baseline.apply([finding(), finding(), finding()], known)
    assert (len(out.findings), out.hidden) == (1, 2)


def test_file_level_findings_key_on_the_file() -> None:
    known = baseline.Baseline.from_findings([finding("E001", None, "x", key=None)])
    assert baseline.apply([finding("E001", None, "x", key=None)], known).hidden == 1
    elsewhere = finding("E001", None, "x", key=None, file="library/b.yaml")
    assert baseline.apply([elsewhere], known).hidden == 0


def test_prune_lowers_counts_and_never_adds() -> None:
    known = baseline.Baseline.from_findings([finding(), finding(), finding(evidence="第一")])
    pruned, removed = baseline.prune(known, [finding(), finding(evidence="国家级")])
    assert removed == 2
    assert list(pruned.counts.values()) == [1]


def test_round_trip_and_stable_sorted_file(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    known = baseline.Baseline.from_findings([finding(entry_id="z"), finding(entry_id="a")])
    baseline.save(path, known, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [i["entry_id"] for i in data["findings"]] == ["a", "z"]
    assert baseline.load(path).counts == known.counts
    assert all(len(i["fingerprint"]) == 16 for i in data["findings"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "not a cskit baseline"),
        ('{"version": 2, "findings": []}', "version 2"),
        ('{"version": 1, "findings": [{"code": "E001"}]}', "item 0"),
    ],
)
def test_bad_files_are_input_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        baseline.load(path)


def test_prune_never_overwrites_a_baseline_changed_meanwhile(tmp_path: Path) -> None:
    import pytest

    from cskit.errors import StaleFile

    path = tmp_path / "b.json"
    baseline.save(path, baseline.Baseline.from_findings([finding(entry_id="a")]), tmp_path)
    loaded = baseline.load(path)
    path.write_text(path.read_text(encoding="utf-8").replace('"a"', '"b"'), encoding="utf-8")
    changed = path.read_bytes()
    with pytest.raises(StaleFile):
        baseline.save(path, baseline.Baseline(), tmp_path, expect=loaded.digest)
    assert path.read_bytes() == changed
