"""The per-file index cache: a warm run finds exactly what a cold run finds, and a changed
file, a changed cskit.yaml or another cskit version never reuses stale parts."""

from __future__ import annotations

import pickle
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from cskit.dupes import index as dupeindex
from cskit.dupes.canon import canon
from cskit.dupes.finder import Settings, find_dupes
from cskit.dupes.nearpairs import brute_pairs, near_pairs, remap_table
from cskit.library.load import load_library
from tests.dupes.test_nearpairs import _genlib
from tests.rules.duplicates.helpers import entry, library

RETURNS = "本店支持7天无理由退货，退回运费由买家承担，请保持商品完好，谢谢理解。"
SHIPPING = "亲，我们默认发中通快递，下单后48小时内发货，偏远地区需要多等一两天哦。"


def _shape(result):
    return [
        (
            c.kind,
            c.representative.id,
            c.question,
            [(m.entry.id, m.label, m.score, m.diff, m.reasons, m.key) for m in c.members],
        )
        for c in result.clusters
    ]


def _cache(root: Path) -> Path:
    return root / ".cskit_cache" / dupeindex.INDEX_FILE


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gen") / "lib"
    _genlib().generate(folder, 1200, files=6, seed=5)
    return folder


def test_warm_index_gives_the_same_findings_as_a_cold_run(generated, tmp_path):
    root = tmp_path / "lib"
    shutil.copytree(generated, root)
    lib = load_library(root, use_cache=False)
    cold = find_dupes(lib, cache=False)
    assert not _cache(root).exists()  # cache=False neither reads nor writes
    assert len(cold.clusters) > 20
    first = find_dupes(lib, cache=True)  # builds and writes the cache
    assert first.stats["index_files_reused"] == 0 and _cache(root).exists()
    lib = load_library(root, use_cache=False)
    warm = find_dupes(lib, cache=True)
    assert warm.stats["index_files_reused"] == 6
    assert _shape(warm) == _shape(cold) == _shape(first)
    # changed-only runs, as in a git hook
    picked = random.Random(2).sample(lib.entries, 40)
    changed = {id(e) for e in picked}
    warm_hook = find_dupes(lib, changed=changed, cache=True)
    cold_hook = find_dupes(lib, changed=changed, cache=False)
    assert warm_hook.clusters and _shape(warm_hook) == _shape(cold_hook)


def test_editing_a_file_rebuilds_only_its_part(make_library):
    root = make_library(
        {
            "scripts/a.yaml": library(entry("r1", RETURNS), entry("r2", RETURNS + "～")),
            "scripts/b.yaml": library(entry("s1", SHIPPING), entry("s2", SHIPPING + "!")),
        }
    )
    result = find_dupes(load_library(root, use_cache=False), cache=True)
    assert [(c.representative.id, c.label) for c in result.clusters] == [
        ("r1", "duplicate"),
        ("s1", "duplicate"),
    ]
    path = root / "scripts" / "b.yaml"
    path.write_text(
        library(entry("s1", SHIPPING), entry("s2", SHIPPING.replace("48", "72"))),
        encoding="utf-8",
    )
    lib = load_library(root, use_cache=False)
    warm = find_dupes(lib, cache=True)
    assert warm.stats["index_files_reused"] == 1  # a.yaml only
    assert [(c.representative.id, c.label) for c in warm.clusters] == [
        ("r1", "duplicate"),
        ("s1", "conflict"),
    ]
    assert warm.clusters[1].members[0].reasons == ["48小时 → 72小时"]
    assert _shape(warm) == _shape(find_dupes(lib, cache=False))
    # a file removed from the library leaves the cache too
    path.unlink()
    lib = load_library(root, use_cache=False)
    assert [c.representative.id for c in find_dupes(lib, cache=True).clusters] == ["r1"]
    assert find_dupes(lib, cache=True).stats["index_files_reused"] == 1


def test_new_thresholds_and_opposites_apply_to_cached_texts(make_library):
    near = RETURNS.replace("谢谢理解", "感谢理解")  # 96.8 on the comparison form
    root = make_library({"scripts/a.yaml": library(entry("r1", RETURNS), entry("r2", near))})
    lib = load_library(root, use_cache=False)
    assert [c.label for c in find_dupes(lib, Settings(), cache=True).clusters] == ["variant"]
    strict = Settings(near=99.5)
    warm = find_dupes(lib, strict, cache=True)
    assert warm.stats["index_files_reused"] == 1 and warm.clusters == []
    assert _shape(warm) == _shape(find_dupes(lib, strict, cache=False))
    opposed = Settings(opposites=(("感谢", "谢谢"),))
    warm = find_dupes(lib, opposed, cache=True)
    assert [c.label for c in warm.clusters] == ["conflict"]
    assert _shape(warm) == _shape(find_dupes(lib, opposed, cache=False))


def test_another_canon_version_or_a_damaged_file_means_a_cold_run(make_library, monkeypatch):
    root = make_library({"scripts/a.yaml": library(entry("r1", RETURNS), entry("r2", RETURNS))})
    lib = load_library(root, use_cache=False)
    expected = _shape(find_dupes(lib, cache=True))
    assert find_dupes(lib, cache=True).stats["index_files_reused"] == 1
    monkeypatch.setattr(dupeindex, "CANON_VERSION", "canon-next")
    again = find_dupes(lib, cache=True)
    assert again.stats["index_files_reused"] == 0 and _shape(again) == expected
    monkeypatch.undo()
    _cache(root).write_bytes(b"not a pickle")
    again = find_dupes(lib, cache=True)
    assert again.stats["index_files_reused"] == 0 and _shape(again) == expected
    assert find_dupes(lib, cache=True).stats["index_files_reused"] == 1  # rewritten


def test_any_remap_table_keeps_the_search_exact(generated):
    lib = load_library(generated, use_cache=False)
    answers = sorted({canon(e.answer) for e in lib.entries})
    expected = [(i, j) for i, j, _ in brute_pairs(answers, 85)]
    assert len(expected) > 20
    # a table built from other texts (a cached table after the library changed)
    stale = remap_table(answers[::7][:50], keep=20, slots=7)
    for table in (remap_table(answers), stale):
        mapped = [a.translate(table) for a in answers]
        assert [(i, j) for i, j, _ in near_pairs(answers, 85, mapped=mapped)] == expected
        queries = list(range(0, len(answers), 9))
        hooked = near_pairs(answers, 85, queries=queries, mapped=mapped)
        assert [(i, j) for i, j, _ in hooked] == [
            (i, j) for i, j in expected if i in queries or j in queries
        ]


def test_equal_digests_never_merge_different_texts():
    texts = ["退货运费谁出", "几天发货", "退货运费谁出", "", "几天发货", ""]
    expected = ([0, 1, 0, 2, 1, 2], [0, 1, 3])
    ids, first = dupeindex.distinct(texts, dupeindex.digests(texts))
    assert (ids.tolist(), first.tolist()) == expected
    # a digest collision (here: every digest equal) falls back to the texts themselves
    ids, first = dupeindex.distinct(texts, np.zeros(len(texts), dtype=np.uint64))
    assert (ids.tolist(), first.tolist()) == expected
    assert dupeindex.distinct([], np.zeros(0, dtype=np.uint64))[0].tolist() == []


def test_answers_blank_after_canon_are_never_duplicates(make_library):
    root = make_library(
        {
            "scripts/a.yaml": library(
                entry("p1", "'！！！'"), entry("r1", RETURNS), entry("p2", "'？？'")
            ),
            "scripts/b.yaml": library(entry("r2", RETURNS), entry("p3", "'……'")),
        }
    )
    lib = load_library(root, use_cache=False)
    cold = find_dupes(lib, cache=True)
    warm = find_dupes(lib, cache=True)
    assert warm.stats["index_files_reused"] == 2
    for result in (cold, warm):
        assert [
            (c.representative.id, [m.entry.id for m in c.members]) for c in result.clusters
        ] == [("r1", ["r2"])]
    hook = find_dupes(lib, changed={id(e) for e in lib.entries if e.id in ("p1", "r2")}, cache=True)
    assert [c.representative.id for c in hook.clusters] == ["r1"]


def test_an_index_of_the_previous_version_is_a_cold_run(make_library, monkeypatch):
    """dupeindex-5 records were pickled before the modules moved into one folder per domain."""
    root = make_library({"scripts/a.yaml": library(entry("r1", RETURNS), entry("r2", RETURNS))})
    lib = load_library(root, use_cache=False)
    monkeypatch.setattr(dupeindex, "INDEX_VERSION", "dupeindex-5")
    expected = _shape(find_dupes(lib, cache=True))
    assert find_dupes(lib, cache=True).stats["index_files_reused"] == 1
    monkeypatch.undo()
    assert dupeindex.INDEX_VERSION != "dupeindex-5"
    again = find_dupes(lib, cache=True)
    assert again.stats["index_files_reused"] == 0 and _shape(again) == expected


class _Boom:
    def __reduce__(self):
        return (_planted_ran.append, ("ran",))


_planted_ran: list[str] = []


def test_a_planted_unsealed_index_is_never_loaded(make_library):
    """Anyone can commit a file into .cskit_cache/: a plain pickle there must not run."""
    root = make_library({"scripts/a.yaml": library(entry("r1", RETURNS), entry("r2", RETURNS))})
    lib = load_library(root, use_cache=False)
    expected = _shape(find_dupes(lib, cache=False))
    _cache(root).parent.mkdir(exist_ok=True)
    _cache(root).write_bytes(pickle.dumps(((dupeindex.INDEX_VERSION,), None, {"x": _Boom()})))
    again = find_dupes(lib, cache=True)
    assert _planted_ran == [] and again.stats["index_files_reused"] == 0
    assert _shape(again) == expected
    assert find_dupes(lib, cache=True).stats["index_files_reused"] == 1  # sealed now
