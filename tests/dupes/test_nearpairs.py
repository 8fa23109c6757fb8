"""The filtered search finds exactly the pairs brute-force all-pairs finds."""

from __future__ import annotations

import importlib.util
import math
import random
import sys
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from cskit.dupes import nearpairs, prefixbound
from cskit.dupes.canon import canon, canon_question
from cskit.dupes.nearpairs import brute_pairs, near_pairs
from cskit.library.load import load_library

ROOT = Path(__file__).resolve().parents[2]


def _genlib():
    spec = importlib.util.spec_from_file_location("genlib", ROOT / "benchmarks" / "genlib.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("genlib", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gen") / "lib"
    _genlib().generate(folder, 1500, files=10, seed=3)
    library = load_library(folder, use_cache=False)
    answers = sorted({canon(e.answer) for e in library.entries})
    questions = sorted({canon_question(q) for e in library.entries for q in e.questions})
    # brute force once at the lowest threshold; higher thresholds are subsets
    return answers, questions, brute_pairs(answers, 80), brute_pairs(questions, 85)


def _keys(pairs):
    return [(i, j) for i, j, _ in pairs]


@pytest.mark.parametrize("threshold", [80, 85, 90])
def test_answers_exactly_as_brute_force(generated, threshold):
    answers, _, brute, _ = generated
    found = near_pairs(answers, threshold)
    expected = [p for p in brute if p[2] >= threshold]
    assert len(expected) > 20  # the generated library has real near pairs at every level
    assert _keys(found) == sorted(_keys(expected))
    assert [round(s, 6) for *_, s in found] == [round(s, 6) for *_, s in sorted(expected)]


@pytest.mark.parametrize("threshold", [85, 92])
def test_questions_exactly_as_brute_force(generated, threshold):
    _, questions, _, brute = generated
    expected = [p for p in brute if p[2] >= threshold]
    assert _keys(near_pairs(questions, threshold)) == sorted(_keys(expected))


def test_changed_only_finds_every_pair_with_a_changed_member(generated):
    answers, _, brute, _ = generated
    picked = random.Random(1).sample(range(len(answers)), 60)
    expected = [(i, j) for i, j, s in brute if s >= 85 and (i in picked or j in picked)]
    assert _keys(near_pairs(answers, 85, queries=picked)) == sorted(expected)


def test_short_random_strings_with_one_and_two_edits():
    rng = random.Random(5)
    alphabet = (
        "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工"
    )
    base = ["".join(rng.choice(alphabet) for _ in range(rng.randint(3, 20))) for _ in range(800)]
    texts = list(base)
    for text in base[:400]:
        chars = list(text)
        for _ in range(rng.randint(0, 2)):
            k = rng.randrange(len(chars))
            if rng.random() < 0.5:
                del chars[k]
            else:
                chars.insert(k, rng.choice(alphabet))
        texts.append("".join(chars))
    texts = sorted(set(texts))
    for threshold in (85, 92, 95):
        assert _keys(near_pairs(texts, threshold)) == sorted(_keys(brute_pairs(texts, threshold)))


def test_block_size_never_changes_the_result(generated, monkeypatch):
    answers, *_ = generated
    expected = _keys(near_pairs(answers, 85))
    monkeypatch.setattr(nearpairs, "MAX_ROWS", 8)
    monkeypatch.setattr(nearpairs, "BLOCK_CELLS", 5000)
    monkeypatch.setattr(nearpairs, "QUERY_CELLS", 5000)
    monkeypatch.setattr(prefixbound, "SLICE_CELLS", 700)
    monkeypatch.setattr(prefixbound, "COLUMNS", 50)
    monkeypatch.setattr(prefixbound, "CHUNK_ROWS", 0)
    monkeypatch.setattr(nearpairs, "SURVIVORS", 3)
    assert _keys(near_pairs(answers, 85)) == expected
    picked = list(range(0, len(answers), 5))
    monkeypatch.undo()
    hooked = _keys(near_pairs(answers, 85, queries=picked))
    monkeypatch.setattr(nearpairs, "QUERY_CELLS", 5000)
    monkeypatch.setattr(prefixbound, "SLICE_CELLS", 700)
    monkeypatch.setattr(prefixbound, "COLUMNS", 50)
    monkeypatch.setattr(prefixbound, "CHUNK_ROWS", 0)
    assert _keys(near_pairs(answers, 85, queries=picked)) == hooked
    assert hooked == [(i, j) for i, j in expected if i in picked or j in picked]


def test_nothing_to_compare():
    assert near_pairs([], 85) == []
    assert near_pairs(["只有一条"], 85) == []
    assert near_pairs(["甲乙丙", "甲乙丙"], 85, queries=[]) == []


def test_without_numpy_the_slow_path_finds_the_same_pairs(generated, monkeypatch):
    answers, *_ = generated
    sample = answers[:400]
    expected = [(i, j) for i, j, _s in brute_pairs(sample, 85)]
    monkeypatch.setattr(nearpairs, "np", None)
    assert _keys(near_pairs(sample, 85)) == sorted(expected)
    picked = [3, 50, 200]
    assert _keys(near_pairs(sample, 85, queries=picked)) == sorted(
        (i, j) for i, j in expected if i in picked or j in picked
    )


def _planted(rng: random.Random, count: int, lengths: tuple[int, int]) -> list[str]:
    """Chinese-like strings with near copies at Indel distances around 85–95 (some just
    below, some just above), so any bound that is not a true upper bound drops a pair."""
    alphabet = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发"
    texts = []
    for _ in range(count):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(*lengths)))
        texts.append(text)
        for _copy in range(rng.randint(0, 3)):
            chars = list(text)
            # insert-only and delete-only copies make the prefix bounds exact: no slack
            insert = rng.choice((0.0, 0.5, 1.0))
            for _ in range(rng.randint(1, max(2, len(chars) // 6))):
                k = rng.randrange(len(chars))
                if rng.random() >= insert:
                    del chars[k]
                else:
                    chars.insert(k, rng.choice(alphabet))
            texts.append("".join(chars))
    return sorted(set(texts))


@pytest.mark.parametrize("lengths", [(30, 70), (60, 140), (120, 260)])
def test_long_strings_with_planted_pairs_full_and_changed(lengths):
    rng = random.Random(lengths[0])
    texts = _planted(rng, 160, lengths)
    for threshold in (85, 90):
        expected = sorted(_keys(brute_pairs(texts, threshold)))
        assert len(expected) > 20
        assert _keys(near_pairs(texts, threshold)) == expected
        # changed-only: queries of every length, both shorter and longer than their partners
        picked = rng.sample(range(len(texts)), len(texts) // 3)
        assert _keys(near_pairs(texts, threshold, queries=picked)) == [
            (i, j) for i, j in expected if i in picked or j in picked
        ]


@pytest.mark.parametrize("threshold", [85, 90])
def test_pairs_exactly_on_the_threshold_survive_every_bound(threshold):
    """A string and a copy with as many insertions as the threshold allows (LCS = the
    shorter length, so every prefix and chunk bound is met with equality), and one more."""
    rng = random.Random(threshold)
    alphabet = "您好亲的了是不在有这个我们订单发货退款可以时间请稍等"
    shorts, longs = [], []
    for length in range(20, 220, 3):
        short = "".join(rng.choice(alphabet) for _ in range(length))
        most = math.floor(length * (200 - threshold) / threshold + 1e-9) - length
        for extra in (most, most + 1):
            chars = list(short)
            for _ in range(extra):
                chars.insert(rng.randrange(len(chars) + 1), rng.choice(alphabet))
            shorts.append(short)
            longs.append("".join(chars))
    texts = sorted(set(shorts + longs))
    expected = sorted(_keys(brute_pairs(texts, threshold)))
    on_edge = [(a, b) for a, b in zip(shorts, longs, strict=True) if b != a]
    assert sum(threshold <= fuzz.ratio(a, b) < threshold + 0.5 for a, b in on_edge) > 10
    assert _keys(near_pairs(texts, threshold)) == expected
    for side in (shorts, longs):  # the query is the shorter, then the longer member
        picked = sorted({texts.index(t) for t in side})
        assert _keys(near_pairs(texts, threshold, queries=picked)) == [
            (i, j) for i, j in expected if i in picked or j in picked
        ]
        for q in picked[::3]:  # one query: partners on both sides of its block
            assert _keys(near_pairs(texts, threshold, queries=[q])) == [
                (i, j) for i, j in expected if q in (i, j)
            ]


@pytest.mark.parametrize("threshold", [85, 90])
def test_window_reaches_an_alignment_pushed_to_its_far_end(threshold):
    """The prefix bound reads each column through a window: a pair on the threshold whose
    longer member has all its extra characters in front (so the shorter one's prefix is
    matched as far to the right as any passing pair allows) is still found."""
    rng = random.Random(threshold)
    alphabet = "您好亲的了是不在有这个我们订单发货退款可以时间请稍等"
    texts = []
    for length in range(34, 200, 5):
        short = "".join(rng.choice(alphabet) for _ in range(length))
        most = math.floor(length * (200 - threshold) / threshold + 1e-9) - length
        junk = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(most))
        texts += [short, junk + short, short + junk]
    texts = sorted(set(texts))
    expected = sorted(_keys(brute_pairs(texts, threshold)))
    assert len(expected) > 40
    assert _keys(near_pairs(texts, threshold)) == expected
    assert _keys(near_pairs(texts, threshold, queries=list(range(0, len(texts), 2)))) == [
        (i, j) for i, j in expected if i % 2 == 0 or j % 2 == 0
    ]
