"""The candidate generators find what they promise, exactly, and nothing across queries."""

from __future__ import annotations

import itertools
import random

import numpy as np

from cskit.dupes import candidates
from cskit.dupes.nearpairs import remap_table


def test_contained_pairs_are_every_prefix_and_suffix_pair_with_a_fair_share():
    texts = [
        "好的我帮您登记",
        "好的我帮您登记退款",
        "登记退款",
        "您放心",
        "您放心站点核实后联系您会电话告诉您",
    ]
    brute = {
        (i, j)
        for i, j in itertools.combinations(range(len(texts)), 2)
        for s, long_ in [sorted((texts[i], texts[j]), key=len)]
        if len(s) >= 3 and len(long_) <= len(s) / 0.3 and (long_.startswith(s) or long_.endswith(s))
    }
    assert candidates.contained_pairs(texts) == brute == {(0, 1), (1, 2)}
    assert candidates.contained_pairs(texts, share=0.0) == brute | {(3, 4)}
    assert candidates.contained_pairs(texts, [2]) == {(1, 2)}


def test_short_pairs_are_one_character_apart():
    texts = ["稍等", "您稍等", "请稍等", "稍等一下下", "好"]
    assert candidates.short_pairs(texts) == {(0, 1), (0, 2)}


def test_grouped_pairs_follow_equal_keys():
    keys = np.array([5, 7, 5, 9, 7, 5], dtype=np.uint64)
    assert candidates.grouped_pairs(keys) == {(0, 2), (0, 5), (2, 5), (1, 4)}
    assert candidates.grouped_pairs(keys, [1]) == {(1, 4)}


def test_shared_runs_are_found_whatever_surrounds_them():
    rng = random.Random(3)
    pool = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年"

    def noise(n: int) -> str:
        return "".join(rng.choice(pool) for _ in range(n))

    run = "审核时效晚上六点前提交的申请当天处理完毕"  # 20 characters, two fingerprints or more
    texts = [noise(15) + run + noise(10), noise(30) + run, noise(40), run[:11] + noise(30)]
    table = remap_table(texts)
    mapped = [t.translate(table) for t in texts]
    found = candidates.shared_run_pairs(mapped)
    assert (0, 1) in found and (0, 2) not in found and (1, 2) not in found
    assert candidates.shared_run_pairs(mapped, [2]) == set()
    # a text shared by more texts than the cap is boilerplate: no fingerprint pairs them
    crowd = [run + "。" + run] * (candidates.CAP + 1) + [noise(30)]
    table = remap_table(crowd)
    assert candidates.shared_run_pairs([t.translate(table) for t in crowd]) == set()
