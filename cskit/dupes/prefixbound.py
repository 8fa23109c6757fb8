"""The dense pass of the near-pair search (:mod:`cskit.dupes.nearpairs`): which cells of a block
of rows × the columns of its length band can still reach the threshold. Each filter can
only keep a pair that really reaches it, so the search stays exact (filters 2–4 of
:mod:`cskit.dupes.nearpairs`):

- **Length band.** ``ratio = 200·LCS/(l1+l2) ≤ 200·min/(l1+l2)``, so a string of length
  ``l`` can only match lengths ``l·t/(2−t)`` … ``l·(2−t)/t``. Strings are sorted by length
  and each block of rows is compared with its band only.
- **Prefix bound.** An alignment of ``a`` with ``b`` splits into the part that matches
  ``a[:32]`` and the part that matches ``a[32:]``, so
  ``LCS(a, b) ≤ LCS(a[:32], b) + len(a) − 32``, and ``LCS(a, b) ≤ len(b)``. The bound is
  sharp when ``a`` is the shorter string, so each pair is bounded with the prefix of its
  shorter member: rows against longer columns with the rows' prefixes, and (changed-only
  runs) columns shorter than the block's rows with the columns' prefixes against the rows.
  Strings up to 32 long are their own prefix: the bound is their remapped LCS. The
  prefix takes rapidfuzz's SIMD path (eight comparisons per instruction), so this dense
  pass costs a small fraction of one exact comparison of long strings and drops ~98 % of
  the pairs.
- **Window.** The characters of ``b`` that an alignment matches to ``a[:32]`` lie in
  ``b[:32 + len(b) − LCS]`` (before each of them at most ``len(b) − LCS`` characters of
  ``b`` are skipped), and a passing pair has ``LCS ≥ t/200·(len(a) + len(b))`` with
  ``len(a)`` at least the band's shortest partner of ``b``. So the prefix bound reads only
  that window of each column (about two thirds of an answer at ``t`` = 85): the same
  bound, computed over fewer characters.
- **Cut-off.** A cell passes only if ``LCS(q[:32], c) ≥ t/200·(lq + lc) − (lq − 32)``.
  Over a block that is at least ``m = t/200·(min lq + min lc) − max(lq − 32)``, so the
  dense pass runs with ``score_cutoff = ⌈m⌉`` (rapidfuzz returns 0 below it): no passing
  cell is zeroed, and the exact test above only runs on the few non-zero cells. When
  ``m ≤ 0`` (very long rows) a zero could still pass, and every cell is tested.
"""

from __future__ import annotations

import math

try:
    import numpy as np
except ImportError:  # pragma: no cover - nearpairs falls back without numpy
    np = None  # type: ignore[assignment]
from rapidfuzz import process
from rapidfuzz.distance import LCSseq

PREFIX = 32  # ≤ 32 characters: eight SIMD lanes per AVX2 instruction in rapidfuzz
SLICE_CELLS = 2 << 20  # cells tested at once (float32 bound ≈ 8 MB)
COLUMNS = 4096  # columns per rapidfuzz call: they stay in the CPU cache for every row
CHUNK_ROWS = 64  # blocks with more rows than this are scored COLUMNS at a time


def band(length: int, threshold: float) -> tuple[float, float]:
    """Shortest and longest partner length that can reach ``threshold`` (0–100)."""
    t = threshold / 100.0
    if t <= 0:
        return 0.0, float("inf")
    # a hair of slack: float rounding must never drop a partner exactly on the bound
    return length * t / (2 - t) - 1e-6, length * (2 - t) / t + 1e-6


def window(length: int, threshold: float) -> int:
    """How much of a string the prefix bound reads (the window in the module docstring):
    ``32 + length − least``, where ``least`` is at most the LCS of any passing pair."""
    t = threshold / 100.0
    shortest = band(length, threshold)[0]  # the shortest partner the band admits
    least = math.floor(t / 2 * (shortest + length)) - 1  # one less: float rounding
    return min(length, PREFIX + length - max(least, 0))


def block_candidates(
    block: list[int],
    start: int,
    hi: int,
    mapped: list[str],
    cut: list[str],
    len_arr: np.ndarray,
    threshold: float,
    workers: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) indices in ``block × mapped[start:hi]`` that pass the prefix bound
    (the other side of each pair read through its window, ``cut``)."""
    rows = [mapped[p] for p in block]
    row_len = len_arr[block]
    if len(rows[-1]) <= PREFIX:  # short rows: the remapped LCS itself
        return passing(rows, cut[start:hi], row_len, len_arr[start:hi], threshold, workers)
    # columns before the block are no longer than any row: bound with their own prefix
    mid = min(max(start, block[0]), hi)
    found_r: list[np.ndarray] = []
    found_c: list[np.ndarray] = []
    if mid > start:
        cut_rows = [cut[p] for p in block]
        c, r = passing(mapped[start:mid], cut_rows, len_arr[start:mid], row_len, threshold, workers)
        found_r.append(r)
        found_c.append(c)
    if hi > mid:
        r, c = passing(rows, cut[mid:hi], row_len, len_arr[mid:hi], threshold, workers)
        found_r.append(r)
        found_c.append(c + (mid - start))
    return np.concatenate(found_r), np.concatenate(found_c)


def passing(
    queries: list[str],
    choices: list[str],
    q_len: np.ndarray,
    c_len: np.ndarray,
    threshold: float,
    workers: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(query, choice) indices whose bound ``min(LCS(q[:32], c) + len(q) − 32, len(c))``
    reaches ``t/200·(len(q) + len(c))`` (for queries up to 32 long: the LCS itself).

    The cells are scored with a cut-off that no passing cell can be under (the least
    length sum and the largest rest of the block), so most come back 0 and the exact
    test only runs on the few that did not."""
    half_t = np.float32(threshold / 200.0)
    rest = np.maximum(q_len - PREFIX, 0)
    least = float(half_t) * (float(q_len.min()) + float(c_len.min())) - float(rest.max())
    cutoff = math.ceil(least - 0.01)  # float32 rounding below may cost a hundredth
    texts = [q[:PREFIX] for q in queries] if rest.max() > 0 else queries
    found_r: list[np.ndarray] = []
    found_c: list[np.ndarray] = []
    # many rows: a few thousand columns per call, so they stay in the CPU cache while every
    # pack of rows streams them (a whole band of a large library does not); few rows
    # stream them once or twice, and one call saves the per-call overhead
    width = COLUMNS if len(texts) > CHUNK_ROWS else max(1, len(choices))
    for left in range(0, len(choices), width):
        lcs = process.cdist(
            texts,
            choices[left : left + width],
            scorer=LCSseq.similarity,
            score_cutoff=max(cutoff, 0),
            dtype=np.uint8,
            workers=workers,
        )
        cols = c_len[left : left + lcs.shape[1]]
        # a few rows at a time: the float bound and the indices stay small
        step = max(1, SLICE_CELLS // max(1, lcs.shape[1]))
        for top in range(0, len(texts), step):
            part = slice(top, top + step)
            if cutoff >= 1:  # a zero cell cannot pass: test the others only
                r, c = nonzero(lcs[part])
                bound = np.minimum(lcs[part][r, c].astype(np.float32) + rest[part][r], cols[c])
                keep = bound >= half_t * (q_len[part][r] + cols[c]) - 1e-3
                r, c = r[keep], c[keep]
            else:  # LCS ≤ len(c) too; ≥ t/200·(lq + lc) as broadcasts; the slack only adds
                bound = np.minimum(lcs[part].astype(np.float32) + rest[part, None], cols[None, :])
                bound -= half_t * cols[None, :]
                r, c = np.nonzero(bound >= (half_t * q_len[part])[:, None] - 1e-3)
            found_r.append(r + top)
            found_c.append(c + left)
    return np.concatenate(found_r), np.concatenate(found_c)


def nonzero(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.nonzero`` of a sparse C-contiguous uint8 matrix, eight cells per step: only
    the 8-byte words holding a non-zero cell are opened."""
    flat = matrix.reshape(-1)
    whole = flat.size - flat.size % 8
    words = np.flatnonzero(flat[:whole].view(np.uint64))
    cells = (words[:, None] * 8 + np.arange(8)).reshape(-1)
    cells = np.concatenate([cells[flat[cells] != 0], whole + np.flatnonzero(flat[whole:])])
    return np.divmod(cells, matrix.shape[1])
