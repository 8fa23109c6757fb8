"""Publish, then adopt into an empty library: the same texts come back, and publishing the
adopted library gives the same file (codes, groups, questions, windows). Also through a
sheet re-saved by LibreOffice, as a team that edits its phrase sheet would have it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cskit.library.load import load_library
from cskit.publish.adopt import adopt
from cskit.publish.adoptmodel import Options
from cskit.publish.profiles import load_profile
from tests.conftest import ROOT
from tests.publish.util import AS_OF, empty_like, read_back, run_publish

SAMPLE = ROOT / "library"
CASES = [
    ("qianniu-csv", "out.csv", {"stage": "resolve"}),
    ("qianniu-xlsx", "out.xlsx", {"stage": "resolve"}),
    ("phrases", "out.csv", {"stage": "resolve"}),
    ("phrases", "out.xlsx", {"stage": "resolve"}),
    ("dianxiaomi", "out.xlsx", {"kind": "faq"}),
]


def adopt_into(root: Path, path: Path, profile: str, **options: object):
    lib = load_library(root, use_cache=False)
    opts = Options(
        profile=load_profile(lib.config, profile),
        owner="客服一组",
        as_of=AS_OF,
        **options,  # type: ignore[arg-type]
    )
    return adopt(lib, path, opts)


@pytest.mark.parametrize(("profile", "name", "options"), CASES)
def test_publish_then_adopt_gives_the_same_texts(profile, name, options, tmp_path) -> None:
    out = tmp_path / name
    first = run_publish(SAMPLE, profile, out)
    empty = empty_like(SAMPLE, tmp_path / "empty")
    result = adopt_into(empty, out, profile, **options)
    assert not result.refused, [(r.id, r.problems) for r in result.rows if r.problems]
    assert result.written and {r.action for r in result.rows} == {"created"}
    adopted = load_library(empty, use_cache=False)
    texts = sorted(e.answer for e in adopted.entries)
    assert texts == sorted(row.cells[[c.value for c in first.profile.columns].index("text")]
                           for row in first.rows)  # fmt: skip
    # and once more through the same profile: the very same rows
    again = tmp_path / ("again" + out.suffix)
    second = run_publish(empty, profile, again)
    assert not second.left
    assert sorted(read_back(again)) == sorted(read_back(out))


def test_codes_become_ids_and_groups_categories(tmp_path) -> None:
    out = tmp_path / "qn.csv"
    run_publish(SAMPLE, "qianniu-csv", out)
    empty = empty_like(SAMPLE, tmp_path / "empty")
    adopt_into(empty, out, "qianniu-csv", stage="resolve")
    sample = {e.id: e for e in load_library(SAMPLE, use_cache=False).entries}
    for entry in load_library(empty, use_cache=False).entries:
        assert entry.category == sample[entry.id].category
        assert entry.file.path.name == f"{entry.category}.yaml"


def test_adopting_twice_changes_nothing(tmp_path) -> None:
    out = tmp_path / "qn.csv"
    run_publish(SAMPLE, "qianniu-csv", out)
    empty = empty_like(SAMPLE, tmp_path / "empty")
    adopt_into(empty, out, "qianniu-csv", stage="resolve")
    before = {p: p.read_bytes() for p in empty.glob("*.yaml")}
    again = adopt_into(empty, out, "qianniu-csv", stage="resolve")
    assert not again.refused and not again.written
    assert {r.action for r in again.rows} == {"skipped"}
    assert {p: p.read_bytes() for p in empty.glob("*.yaml")} == before


@pytest.mark.slow
def test_a_sheet_resaved_by_libreoffice_adopts_the_same_texts(tmp_path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui")
    out = tmp_path / "phrases.xlsx"
    first = run_publish(SAMPLE, "qianniu-xlsx", out)
    saved = tmp_path / "saved"
    proc = subprocess.run(
        [exe, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
         "--norestore", "--convert-to", "xlsx", "--outdir", str(saved), str(out)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    resaved = saved / "phrases.xlsx"
    assert proc.returncode == 0 and resaved.exists(), proc.stderr
    assert resaved.read_bytes() != out.read_bytes()
    empty = empty_like(SAMPLE, tmp_path / "empty")
    result = adopt_into(empty, resaved, "qianniu-xlsx", stage="resolve")
    assert not result.refused and len(result.rows) == len(first.rows)
    adopted = {e.id: e.answer for e in load_library(empty, use_cache=False).entries}
    assert adopted == {r.entry.id: r.cells[2] for r in first.rows}
