"""Pairs of answers worth judging that a ``fuzz.ratio`` threshold cannot find.

The ratio search (:mod:`cskit.dupes.nearpairs`) finds copies whose comparison forms are
alike as a whole. Real copies also come as

- a reply **contained** at the start or end of a longer one (a lead-in or a closing line
  added): :func:`contained_pairs`, by prefix and suffix look-ups in the sorted texts;
- **short** replies one character apart (``稍等`` / ``您稍等``): :func:`short_pairs`, by
  one-deletion keys;
- the same clauses in **another order**: equal order-free digests (:func:`grouped_pairs`);
- the same **frame** with other values and another lead-in (an audit-time template with
  22:00 instead of 24:00): :func:`shared_run_pairs`, texts that share a run of at least
  ``k + w - 1`` characters, found by winnowed k-gram fingerprints (Schleimer et al., 2003)
  in numpy, never pairwise.

Every generator is linear in the library plus its output; runs shared by more than
``cap`` texts are boilerplate (a signature line, a shop-wide notice) and produce no pairs.
All pairs are ``(i, j)`` with ``i < j``; with ``queries`` only pairs holding a query.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

import numpy as np

from cskit.dupes.relate import FRAME_MIN, LONG, MIN_CONTAINED, SHARE, SHORT

Pairs = set[tuple[int, int]]
K, W = 6, 7  # k-gram length and winnowing window: shared runs of K + W - 1 = 12 found
CAP = 24  # texts sharing one fingerprint beyond which it is boilerplate
SHARED = 2  # fingerprints two texts must share to be one frame
PARTNERS = 64  # contained look-ups beyond which a short text is boilerplate


def _keep(i: int, j: int, queries: set[int] | None) -> bool:
    return queries is None or i in queries or j in queries


def _pair(i: int, j: int) -> tuple[int, int]:
    return (i, j) if i < j else (j, i)


def contained_pairs(
    texts: Sequence[str],
    queries: Iterable[int] | None = None,
    *,
    share: float = SHARE,
    shortest: int = MIN_CONTAINED,
) -> Pairs:
    """Pairs where the shorter text (``shortest`` characters or more) starts or ends the
    longer one and is at least ``share`` of it (or :data:`LONG` characters)."""
    wanted = None if queries is None else set(queries)
    out: Pairs = set()
    for texts_view in (list(texts), [t[::-1] for t in texts]):
        order = sorted(range(len(texts_view)), key=texts_view.__getitem__)
        keys = [texts_view[i] for i in order]
        for i, text in enumerate(texts_view):
            n = len(text)
            if n < shortest:
                continue
            longest = n / share if n < LONG and share > 0 else float("inf")
            lo = bisect.bisect_right(keys, text)
            for k in range(lo, min(len(keys), lo + PARTNERS)):
                other = keys[k]
                if not other.startswith(text):
                    break
                j = order[k]
                if j != i and len(other) <= longest and _keep(i, j, wanted):
                    out.add(_pair(i, j))
    return out


def short_pairs(texts: Sequence[str], queries: Iterable[int] | None = None) -> Pairs:
    """Texts up to :data:`SHORT` characters that are one character apart (or equal)."""
    wanted = None if queries is None else set(queries)
    exact: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if 0 < len(text) <= SHORT:
            exact.setdefault(text, []).append(i)
    out: Pairs = set()
    for i, text in enumerate(texts):
        if not 0 < len(text) <= SHORT:
            continue
        for k in range(len(text)):
            for j in exact.get(text[:k] + text[k + 1 :], ()):
                if j != i and _keep(i, j, wanted):
                    out.add(_pair(i, j))
    return out


def grouped_pairs(keys: np.ndarray, queries: Iterable[int] | None = None) -> Pairs:
    """Pairs of positions with equal ``keys`` (order-free digests), groups up to CAP."""
    wanted = None if queries is None else set(queries)
    out: Pairs = set()
    if len(keys) < 2:
        return out
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    bounds = np.flatnonzero(np.diff(ordered)) + 1
    for group in np.split(order, bounds):
        if 2 <= len(group) <= CAP:
            members = group.tolist()
            out.update(
                _pair(a, b)
                for x, a in enumerate(members)
                for b in members[x + 1 :]
                if _keep(a, b, wanted)
            )
    return out


def shared_run_pairs(
    mapped: Sequence[str],
    queries: Iterable[int] | None = None,
    cap: int = CAP,
    shared: int = SHARED,
) -> Pairs:
    """Pairs of texts sharing runs of at least ``K + W - 1`` characters, with at least
    ``shared`` fingerprints in common (a run of 20 characters yields several; one short
    common phrase yields one).

    ``mapped``: texts remapped below U+0100 (:mod:`cskit.dupes.nearpairs`); a many-to-one
    map can only add shared runs, so nothing is missed, and the pairs are verified later."""
    n = len(mapped)
    lengths = np.fromiter(map(len, mapped), dtype=np.int64, count=n)
    if n < 2 or int(lengths.max(initial=0)) < FRAME_MIN:
        return set()
    codes = np.frombuffer("".join(mapped).encode("latin-1"), dtype=np.uint8).astype(np.uint64)
    doc = np.repeat(np.arange(n, dtype=np.int64), lengths)
    count = len(codes) - K + 1
    if count < W:
        return set()
    # polynomial k-gram hashes (uint64 arithmetic wraps, which is fine for a hash)
    hashes = np.zeros(count, dtype=np.uint64)
    base = np.uint64(1_000_003)
    with np.errstate(over="ignore"):
        for t in range(K):
            hashes = hashes * base + codes[t : t + count]
        hashes ^= hashes >> np.uint64(29)
        hashes *= np.uint64(0xBF58476D1CE4E5B9)
    minima = np.lib.stride_tricks.sliding_window_view(hashes, W).min(axis=1)
    owner = doc[: len(minima)]
    inside = owner == doc[W + K - 2 : W + K - 2 + len(minima)]  # the window stays in one text
    # winnowing: consecutive windows mostly share their minimum; keep each once per text
    fresh = np.ones(len(minima), dtype=bool)
    fresh[1:] = (minima[1:] != minima[:-1]) | (owner[1:] != owner[:-1])
    keep = inside & fresh
    values, docs = minima[keep], owner[keep]
    order = np.lexsort((docs, values))
    values, docs = values[order], docs[order]
    once = np.ones(len(values), dtype=bool)
    once[1:] = (values[1:] != values[:-1]) | (docs[1:] != docs[:-1])
    values, docs = values[once], docs[once]
    if len(values) < 2:
        return set()
    starts = np.flatnonzero(np.concatenate([[True], values[1:] != values[:-1]]))
    sizes = np.diff(np.concatenate([starts, [len(values)]]))
    keys: list[np.ndarray] = []
    chosen = (sizes >= 2) & (sizes <= cap)
    for size in np.unique(sizes[chosen]).tolist():
        heads = starts[chosen & (sizes == size)]
        first, second = np.triu_indices(size, 1)
        a = docs[heads[:, None] + first[None, :]].ravel()
        b = docs[heads[:, None] + second[None, :]].ravel()
        keys.append(np.minimum(a, b) * n + np.maximum(a, b))
    if not keys:
        return set()
    pairs, times = np.unique(np.concatenate(keys), return_counts=True)
    pairs = pairs[times >= shared]
    first_doc, second_doc = pairs // n, pairs % n
    if queries is not None:
        wanted = np.fromiter(set(queries), dtype=np.int64)
        hit = np.isin(first_doc, wanted) | np.isin(second_doc, wanted)
        first_doc, second_doc = first_doc[hit], second_doc[hit]
    return set(zip(first_doc.tolist(), second_doc.tolist(), strict=True))
