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


def test_queries_give_exactly_the_pairs_that_hold_a_query():
    rng = random.Random(11)
    pool = "退款发货物流快递仓库订单审核售后客服商品质量包装签收申请处理时间工作日小时"
    base = ["".join(rng.choice(pool) for _ in range(rng.randint(3, 40))) for _ in range(120)]
    texts = list(base)
    for k in range(0, 120, 6):  # copies with a line added, cut short, or sharing a run
        texts.append(base[k] + "请您耐心等待")
        texts.append(base[k][: max(3, len(base[k]) // 2)])
        texts.append("您好" + base[k][2:] + base[(k + 7) % 120][:14])
        texts.extend((base[k][:5], base[k][:4]))
    table = remap_table(texts)
    mapped = [t.translate(table) for t in texts]
    queries = rng.sample(range(len(texts)), 25)
    for full, partial in (
        (candidates.contained_pairs(texts), candidates.contained_pairs(texts, queries)),
        (
            candidates.contained_pairs(texts, share=0.0, shortest=4),
            candidates.contained_pairs(texts, queries, share=0.0, shortest=4),
        ),
        (candidates.short_pairs(texts), candidates.short_pairs(texts, queries)),
        (candidates.shared_run_pairs(mapped), candidates.shared_run_pairs(mapped, queries)),
    ):
        assert partial == {p for p in full if p[0] in queries or p[1] in queries}
        assert full  # the library holds such pairs at all
