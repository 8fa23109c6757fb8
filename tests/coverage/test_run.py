"""A whole coverage run: counts, hits, last dates, clusters with drafts, one or two processes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cskit.coverage import run as runmod
from cskit.coverage.run import coverage
from cskit.library.load import load_library
from cskit.yamlread import parse
from tests.coverage.conftest import LIB, ROWS, write_csv

LIBRARY = load_library(LIB)


def test_counts_hits_and_last_days(chatlog: Path) -> None:
    result = coverage(LIBRARY, [chatlog])
    customer = sum(1 for _, role, _ in ROWS if role == "买家")
    assert result.customer_turns == customer
    assert result.chitchat == 5
    assert result.answered == 4 and result.unanswered_turns == 4
    assert result.coverage == pytest.approx(0.5)
    assert result.sessions == 4
    ids = [e.id for e in result.entries]
    assert result.hits[ids.index("parcel-where")] == 1
    assert result.last_seen[ids.index("parcel-where")] == "2026-11-12"
    never = {ids[n] for n in result.never_hit()}
    assert never == {
        "ship-when",
        "return-how",
        "price-drop",
        "invoice-open",
        "order-cancel",
        "coupon-use",
    }


def test_unanswered_clusters_come_with_drafts(chatlog: Path) -> None:
    result = coverage(LIBRARY, [chatlog], top=5)
    first = result.clusters[0]
    assert first.key == "U1" and first.size == 2 and first.sessions == 2
    assert first.category == "product" and "商品" in first.label
    assert [n for _, n in first.questions] == [1, 1]
    draft = parse(first.stub).data
    assert draft[0]["status"] == "draft" and draft[0]["category"] == "product"
    assert all("3412" not in q for q in draft[0]["questions"])  # no order numbers in drafts
    assert first.row["category"] == "product" and first.row["id"] == ""
    assert [c.size for c in result.clusters] == sorted(
        (c.size for c in result.clusters), reverse=True
    )


def test_drafts_keep_the_customers_letter_case(tmp_path: Path) -> None:
    # matching folds case; the draft a maintainer pastes into the library must not
    rows = [
        ("a1", "买家", "这条裤子有没有XL码"),
        ("a2", "买家", "那这条裤子有没有XL码呀"),
    ]
    result = coverage(LIBRARY, [write_csv(tmp_path / "c.csv", rows)], top=3)
    drafts = "".join(c.stub for c in result.clusters)
    assert "XL码" in drafts and "xl码" not in drafts, drafts


def test_a_draft_pasted_into_the_library_lints_without_schema_errors(
    chatlog: Path, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(LIB, lib)
    result = coverage(LIBRARY, [chatlog], top=3)
    drafts = "".join(c.stub for c in result.clusters)
    (lib / "entries" / "drafts.yaml").write_text(
        "defaults:\n  reviewed: 2026-11-20\nentries:\n"
        + "".join("  " + line + "\n" for line in drafts.splitlines()),
        encoding="utf-8",
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "cskit",
            "lint",
            "--library",
            str(lib),
            "--as-of",
            "2026-11-22",
            "--select",
            "E",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_two_processes_count_what_one_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [row for n in range(40) for row in [(f"p{n}", s_role, text) for _, s_role, text in ROWS]]
    log = write_csv(tmp_path / "many.csv", rows)
    monkeypatch.setenv("CSKIT_JOBS", "1")
    one = coverage(LIBRARY, [log])
    monkeypatch.setenv("CSKIT_JOBS", "2")
    monkeypatch.setattr(runmod, "PARALLEL_BYTES", 0)
    assert len(runmod._plan([log], None)) == 2
    two = coverage(LIBRARY, [log])
    assert (two.customer_turns, two.chitchat, two.answered) == (
        one.customer_turns,
        one.chitchat,
        one.answered,
    )
    assert list(two.hits) == list(one.hits) and two.last_seen == one.last_seen
    assert list(two.turns.entry) == list(one.turns.entry)
    assert list(two.turns.index) == list(one.turns.index)
    assert [c.stub for c in two.clusters] == [c.stub for c in one.clusters]


def test_a_session_split_across_the_halves_is_recounted_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [(f"x{n % 7}", "买家", "快递到哪了") for n in range(300)]  # sessions interleave
    log = write_csv(tmp_path / "mixed.csv", rows)
    monkeypatch.setenv("CSKIT_JOBS", "2")
    monkeypatch.setattr(runmod, "PARALLEL_BYTES", 0)
    result = coverage(LIBRARY, [log])
    assert sorted(result.turns.index)[-1] == 43  # 300 rows over 7 sessions: 43 in the longest


def test_bad_input_in_the_second_half_is_the_same_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cskit.errors import InputError

    rows = [(f"b{n}", "买家", "快递到哪了") for n in range(300)] + [("", "买家", "x")]
    log = write_csv(tmp_path / "bad.csv", rows)
    monkeypatch.setenv("CSKIT_JOBS", "2")
    monkeypatch.setattr(runmod, "PARALLEL_BYTES", 0)
    with pytest.raises(InputError) as info:
        coverage(LIBRARY, [log])
    assert info.value.where == f"{log}:302" and "会话ID" in info.value.message


def test_several_logs_are_one_report(tmp_path: Path) -> None:
    a = write_csv(tmp_path / "a.csv", ROWS[:5])
    b = write_csv(tmp_path / "b.csv", ROWS[5:])
    together = coverage(LIBRARY, [a, b])
    assert together.customer_turns == sum(1 for _, role, _ in ROWS if role == "买家")
