"""The dense pass's parts on their own (the whole search: tests/test_nearpairs.py)."""

from __future__ import annotations

import numpy as np
import pytest

from cskit.dupes.prefixbound import band, nonzero


def test_length_band_matches_the_ratio_bound():
    lo, hi = band(40, 85)
    assert 29 < lo < 30 and 54 < hi < 55  # 40·0.85/1.15 ≈ 29.6, 40·1.15/0.85 ≈ 54.1


@pytest.mark.parametrize("shape", [(1, 1), (3, 7), (5, 8), (17, 33), (40, 1001)])
def test_sparse_nonzero_matches_numpy(shape):
    rng = np.random.default_rng(shape[1])
    for density in (0.0, 0.01, 0.3, 1.0):
        matrix = (rng.random(shape) < density).astype(np.uint8) * rng.integers(1, 255, shape)
        matrix = matrix.astype(np.uint8)
        r, c = nonzero(matrix)
        er, ec = np.nonzero(matrix)
        assert r.tolist() == er.tolist() and c.tolist() == ec.tolist()
