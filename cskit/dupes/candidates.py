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
    longer one and is at least ``share`` of it (or :data:`LONG` characters).

    With ``queries``, a query as the longer text looks its own starts and ends up in a
    dictionary; only queries as the shorter text are looked up in the sorted texts."""
    wanted = None if queries is None else set(queries)
    out: Pairs = set()
    if wanted is not None:
        out |= _contained_in_queries(texts, wanted, share, shortest)
    for texts_view in (list(texts), [t[::-1] for t in texts]):
        order = sorted(range(len(texts_view)), key=texts_view.__getitem__)
        keys = [texts_view[i] for i in order]
        for i in range(len(texts_view)) if wanted is None else sorted(wanted):
            text = texts_view[i]
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
                if j != i and len(other) <= longest:
                    out.add(_pair(i, j))
    return out


def _contained_in_queries(
    texts: Sequence[str], queries: set[int], share: float, shortest: int
) -> Pairs:
    """Pairs where a query is the longer text: its starts and ends looked up exactly."""
    where: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if len(text) >= shortest:
            where.setdefault(text, []).append(i)
    out: Pairs = set()
    for q in queries:
        text = texts[q]
        for n in range(shortest, len(text)):
            if n < LONG and share > 0 and n < share * len(text):
                continue
            for part in (text[:n], text[-n:]):
                for j in where.get(part, ()):
                    if j != q:
                        out.add(_pair(q, j))
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


def _kgram_hashes(mapped: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The hash of every k-gram that stays inside one text, and the text it is in."""
    n = len(mapped)
    lengths = np.fromiter(map(len, mapped), dtype=np.int64, count=n)
    codes = np.frombuffer("".join(mapped).encode("latin-1"), dtype=np.uint8).astype(np.uint64)
    doc = np.repeat(np.arange(n, dtype=np.int64), lengths)
    count = len(codes) - K + 1
    if count <= 0:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    # polynomial k-gram hashes (uint64 arithmetic wraps, which is fine for a hash)
    hashes = np.zeros(count, dtype=np.uint64)
    base = np.uint64(1_000_003)
    with np.errstate(over="ignore"):
        for t in range(K):
            hashes = hashes * base + codes[t : t + count]
        hashes ^= hashes >> np.uint64(29)
        hashes *= np.uint64(0xBF58476D1CE4E5B9)
    inside = doc[:count] == doc[K - 1 : K - 1 + count]
    return np.where(inside, hashes, np.uint64(2**64 - 1)), doc[:count]


def _fingerprints(mapped: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Winnowed fingerprints ``(values, docs)``, each (value, text) once, sorted by value."""
    hashes, doc = _kgram_hashes(mapped)
    if len(hashes) < W:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    minima = np.lib.stride_tricks.sliding_window_view(hashes, W).min(axis=1)
    owner = doc[: len(minima)]
    inside = (owner == doc[W - 1 : W - 1 + len(minima)]) & (minima != np.uint64(2**64 - 1))
    # consecutive windows mostly share their minimum: keep each once per text
    fresh = np.ones(len(minima), dtype=bool)
    fresh[1:] = (minima[1:] != minima[:-1]) | (owner[1:] != owner[:-1])
    keep = inside & fresh
    values, docs = minima[keep], owner[keep]
    order = np.lexsort((docs, values))
    values, docs = values[order], docs[order]
    once = np.ones(len(values), dtype=bool)
    once[1:] = (values[1:] != values[:-1]) | (docs[1:] != docs[:-1])
    return values[once], docs[once]


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
    map can only add shared runs, so nothing is missed, and the pairs are verified later.
    With ``queries``, only the queries are winnowed; every other text is searched for their
    fingerprints among all its k-grams (a superset of its own fingerprints)."""
    n = len(mapped)
    if n < 2 or max(map(len, mapped), default=0) < FRAME_MIN:
        return set()
    if queries is not None:
        return _shared_with_queries(mapped, sorted(set(queries)), cap, shared)
    values, docs = _fingerprints(mapped)
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
    return set(zip((pairs // n).tolist(), (pairs % n).tolist(), strict=True))


def _shared_with_queries(mapped: Sequence[str], queries: list[int], cap: int, shared: int) -> Pairs:
    values, docs = _fingerprints([mapped[q] for q in queries])
    if not len(values):
        return set()
    hashes, doc = _kgram_hashes(mapped)
    hit = np.isin(hashes, values)
    found_docs, found_values = doc[hit], hashes[hit]
    # (query, text) pairs through each fingerprint, each fingerprint counted once per pair
    rows = np.unique(np.stack([found_values, found_docs.astype(np.uint64)], axis=1), axis=0)
    per_value: dict[int, list[int]] = {}
    for value, d in rows.tolist():
        per_value.setdefault(value, []).append(d)
    owners: dict[int, list[int]] = {}
    for value, k in zip(values.tolist(), docs.tolist(), strict=True):
        owners.setdefault(value, []).append(queries[k])
    counts: dict[tuple[int, int], int] = {}
    for value, texts_with in per_value.items():
        if len(texts_with) > cap:
            continue  # boilerplate
        through = {_pair(q, d) for q in owners.get(value, ()) for d in texts_with if d != q}
        for pair in through:
            counts[pair] = counts.get(pair, 0) + 1
    return {pair for pair, times in counts.items() if times >= shared}
