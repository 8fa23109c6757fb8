"""Every pair of strings with ``fuzz.ratio ≥ threshold``, exactly, without an n×n matrix.

rapidfuzz looks characters below U+0100 up in a flat array and everything else in a small
hash map, and leaves its fast SIMD path for strings longer than 64 characters, so long
Chinese answers are 10–40× slower per pair than short ASCII (measured with ``fuzz.ratio``).
Exact filters, each of which can only keep a pair that really reaches the threshold:

1. **Character remapping.** The :data:`KEEP` most frequent characters get their own code
   point below 256; all others share the remaining slots. Folding characters together can
   only keep or add matches, so the longest common subsequence (LCS) cannot shrink.
2.–4. **Length band, prefix bound, window, cut-off**: the dense pass that drops ~98 % of
   the pairs before any exact comparison (:mod:`cskit.dupes.prefixbound`, with the proofs).
5. **Remapped ratio.** The few survivors are scored on the remapped strings (an upper bound),
   then on the real strings.

``process.cdist`` only ever sees one block of rows against :data:`cskit.dupes.prefixbound.COLUMNS` columns of its
band, so memory stays flat whatever the library size. The result is
exactly the set that brute-force ``cdist`` over all pairs returns (tests prove it, also for
pairs exactly on the threshold, where every bound above holds with equality).
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz, process

try:
    import numpy as np
except ImportError:  # pragma: no cover - only where numpy is not installed yet
    np = None  # type: ignore[assignment]

from cskit.dupes.prefixbound import PREFIX, band, block_candidates, window

KEEP = 200  # most frequent characters mapped one-to-one
SLOTS = 55  # everything else folded into these (KEEP + SLOTS ≤ 255; 0 is never used)
BLOCK_CELLS = 64 << 20  # cells of one block (scored COLUMNS at a time, tested in slices)
QUERY_CELLS = 8 << 20  # changed-only runs: a few blocks of all-library windows
SURVIVORS = 1 << 18  # pairs scored per cpdist call (their Python lists stay small)
MAX_ROWS = 2048  # rows of one block (fewer if they widen its window, see _scan)
WIDEN, TRIANGLE = 8, 5  # full runs: a block's rows may widen its window by 1/8; rows ≤ 1/5
SAMPLE = 5000  # texts sampled for character frequencies

Pair = tuple[int, int, float]


class FoldTable(dict[int, int]):
    """Characters not ranked from the sample fold into the shared slots on first sight."""

    def __init__(self, keep: int, slots: int) -> None:
        super().__init__()
        self.base, self.slots = 1 + keep, slots

    def __missing__(self, cp: int) -> int:
        value = self[cp] = self.base + cp % self.slots
        return value

    def lookup(self) -> np.ndarray:
        """The whole map as one byte per code point, for remapping many texts at once
        (``lookup()[codes]``); U+0000 stays 0."""
        repeats = 0x110000 // self.slots + 1
        lut = np.tile(np.arange(self.base, self.base + self.slots, dtype=np.uint8), repeats)
        lut = lut[:0x110000]
        if self:
            lut[np.fromiter(self.keys(), np.int64, len(self))] = np.fromiter(
                self.values(), np.uint8, len(self)
            )
        lut[0] = 0
        return lut


def remap_table(texts: Sequence[str], keep: int = KEEP, slots: int = SLOTS) -> FoldTable:
    """A ``str.translate`` table sending every character below U+0100.

    Frequencies come from at most :data:`SAMPLE` texts: any many-to-one map keeps the search
    exact; frequency only makes the filter sharper."""
    counts: Counter[str] = Counter()
    for text in texts[:: -(-len(texts) // SAMPLE) or 1]:
        counts.update(text)
    table = FoldTable(keep, slots)
    for rank, (ch, _n) in enumerate(counts.most_common()):
        table[ord(ch)] = 1 + rank if rank < keep else 1 + keep + rank % slots
    return table


def near_pairs(
    texts: Sequence[str],
    threshold: float,
    *,
    queries: Sequence[int] | None = None,
    workers: int = -1,
    mapped: Sequence[str] | None = None,
) -> list[Pair]:
    """Sorted ``(i, j, score)`` with ``i < j`` for every pair with ``fuzz.ratio ≥ threshold``.

    With ``queries`` (indices into ``texts``) only pairs with at least one query member are
    searched: k queries against the whole list, for changed-only runs. ``mapped``: the
    texts already remapped below U+0100 (any many-to-one map, e.g. a cached one, keeps the
    search exact), else :func:`remap_table` is built from ``texts``.
    """
    n = len(texts)
    if n < 2 or (queries is not None and not queries) or threshold <= 0:
        return []
    if np is None:
        return _without_numpy(texts, threshold, queries)
    if queries is None and threshold < 100:
        # Pairs at Indel distance ≥ 2 need both strings at least t/(1−t) long; shorter
        # pairs differ by one inserted character at most, found by deletion keys.
        t = threshold / 100.0
        floor = max(1, math.ceil(t / (1 - t) - 1e-9))
        longer = [i for i in range(n) if len(texts[i]) >= floor]
        if len(longer) < n:
            found = _one_deletion_pairs(texts, floor)
            sub = _scan(
                [texts[i] for i in longer],
                threshold,
                None,
                workers,
                None if mapped is None else [mapped[i] for i in longer],
            )
            found |= {(longer[i], longer[j]) for i, j in sub}
            return _verify(texts, sorted(found), threshold, workers)
    pairs = _scan(texts, threshold, queries, workers, mapped)
    return _verify(texts, pairs, threshold, workers)


def _one_deletion_pairs(texts: Sequence[str], floor: int) -> set[tuple[int, int]]:
    """Pairs where one string is the other with one character removed (or equal), among
    strings up to ``floor`` long: linear in their total length, no comparison at all."""
    exact: dict[str, int] = {}
    for i, text in enumerate(texts):
        if len(text) <= floor:
            exact.setdefault(text, i)
    out: set[tuple[int, int]] = set()
    for i, text in enumerate(texts):
        if len(text) > floor:
            continue
        if exact[text] != i:
            j = exact[text]
            out.add((min(i, j), max(i, j)))
        for k in range(len(text)):
            j = exact.get(text[:k] + text[k + 1 :], -1)
            if j >= 0:
                out.add((min(i, j), max(i, j)))
    return out


def _scan(
    texts: Sequence[str],
    threshold: float,
    queries: Sequence[int] | None,
    workers: int,
    remapped: Sequence[str] | None = None,
) -> list[tuple[int, int]]:
    """Candidate pairs ``(i, j)``, ``i < j``, whose remapped ratio reaches the threshold."""
    n = len(texts)
    if n < 2:
        return []
    if remapped is None:
        table = remap_table(texts)
        remapped = [text.translate(table) for text in texts]
    # stable sort by length: the same order as sorting by (length, index)
    all_lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    order_arr = np.argsort(all_lengths, kind="stable")
    order = order_arr.tolist()
    lengths = all_lengths[order_arr].tolist()
    mapped = [remapped[i] for i in order]
    cut = [text[: window(len(text), threshold)] for text in mapped]
    if queries is None:
        rows, full = list(range(n)), True
    else:
        position = np.empty(n, dtype=np.int64)
        position[order_arr] = np.arange(n)
        rows, full = sorted(set(position[list(queries)].tolist())), False
    len_arr = np.asarray(lengths, dtype=np.float32)
    found: list[np.ndarray] = []
    k = 0
    while k < len(rows):
        first = rows[k]
        start = first if full else bisect.bisect_left(lengths, band(lengths[first], threshold)[0])
        own = bisect.bisect_right(lengths, band(lengths[first], threshold)[1])
        cells = BLOCK_CELLS if full else QUERY_CELLS
        height = max(8, min(MAX_ROWS, cells // max(1, own - start)))
        if not full:  # each row has its own band: two SIMD packs waste the least
            height = min(height, 2 * _lanes(min(lengths[first], PREFIX)))
        block = rows[k : k + height]
        hi = bisect.bisect_right(lengths, band(lengths[block[-1]], threshold)[1])
        # Shrink while the block wastes cells: its last rows widen the first row's window
        # by more than 1/WIDEN, or (full runs) the columns before each row, which only
        # repeat pairs, reach a tenth of the window. Large blocks of like rows are cheap:
        # rapidfuzz streams the same (cached) columns for every pack of rows.
        while len(block) > 8 and (
            len(block) * (hi - start) > cells
            or (full and (hi - own > (own - start) / WIDEN or len(block) > (hi - start) / TRIANGLE))
        ):
            block = block[: len(block) // 2]
            hi = bisect.bisect_right(lengths, band(lengths[block[-1]], threshold)[1])
        k += len(block)
        if hi <= start:
            continue
        r, c = block_candidates(block, start, hi, mapped, cut, len_arr, threshold, workers)
        a = np.asarray(block, dtype=np.int64)[r]
        b = c.astype(np.int64) + start
        keep = a < b if full else a != b
        a, b = a[keep], b[keep]
        # survivors of the prefix bound, a slice at a time (memory stays flat): the
        # remapped ratio is an upper bound of the real one and cheap (all below U+0100)
        for top in range(0, len(a), SURVIVORS):
            aa, bb = a[top : top + SURVIVORS], b[top : top + SURVIVORS]
            upper = process.cpdist(
                [mapped[x] for x in aa.tolist()],
                [mapped[y] for y in bb.tolist()],
                scorer=fuzz.ratio,
                score_cutoff=threshold,
                dtype=np.uint8,
                workers=workers,
            )
            hit = np.nonzero(upper)[0]
            i, j = order_arr[aa[hit]], order_arr[bb[hit]]
            found.append(np.minimum(i, j) * n + np.maximum(i, j))
    if not found:
        return []
    keys = np.concatenate(found)
    if not full:  # a query run can meet a pair twice (both members changed)
        keys = np.unique(keys)
    return list(zip((keys // n).tolist(), (keys % n).tolist(), strict=True))


def _lanes(length: int) -> int:
    """How many strings of this length rapidfuzz's AVX2 path compares at once."""
    return 32 if length <= 8 else 16 if length <= 16 else 8 if length <= 32 else 4


def _verify(
    texts: Sequence[str], pairs: list[tuple[int, int]], threshold: float, workers: int
) -> list[Pair]:
    if not pairs:
        return []
    scores = score_pairs([texts[i] for i, _ in pairs], [texts[j] for _, j in pairs], workers)
    out = [(i, j, s) for (i, j), s in zip(pairs, scores, strict=True)]
    return sorted(p for p in out if p[2] >= threshold)


def score_pairs(first: Sequence[str], second: Sequence[str], workers: int = -1) -> list[float]:
    """``fuzz.ratio`` of each ``first[k]`` with ``second[k]``."""
    if np is None:
        return [float(fuzz.ratio(a, b)) for a, b in zip(first, second, strict=True)]
    scores = process.cpdist(first, second, scorer=fuzz.ratio, workers=workers)
    return [float(s) for s in scores.tolist()]


def _without_numpy(
    texts: Sequence[str], threshold: float, queries: Sequence[int] | None
) -> list[Pair]:
    """Exact but slow (no blocks, no SIMD): for an environment without numpy, which
    ``process.cdist`` needs. cskit declares numpy; this keeps a bare install working."""
    rows = range(len(texts)) if queries is None else sorted(set(queries))
    found: set[tuple[int, int]] = set()
    for i in rows:
        hits = process.extract(
            texts[i], texts, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
        )
        for _choice, _score, j in hits:
            if j != i and (queries is not None or j > i):
                found.add((min(i, j), max(i, j)))
    return _verify(texts, sorted(found), threshold, 1)


def brute_pairs(texts: Sequence[str], threshold: float) -> list[Pair]:
    """Reference all-pairs search with plain ``cdist`` (tests and benchmarks only)."""
    m = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=threshold, workers=-1)
    rows, cols = np.nonzero(m)
    return [
        (int(i), int(j), float(m[i, j]))
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
        if i < j
    ]
