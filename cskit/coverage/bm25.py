"""A small BM25 index over weighted tokens, kept as flat numpy arrays (CSR postings).

Each document is a ``{token: weight}`` mapping (a weight is a term frequency, possibly
fractional for down-weighted fields). :meth:`Bm25.scores` returns every document's score for
a weighted query in one ``bincount`` over the query tokens' postings; :meth:`Bm25.ceiling`
is what a document holding every query token once would score, so scores can be shown on a
0–1 scale. The index pickles as plain arrays (it crosses process boundaries in Dask).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

K1 = 1.2
B = 0.4  # mild length normalisation: entries with many phrasings are not punished much


class Bm25:
    def __init__(self, docs: Sequence[Mapping[str, float]], *, k1: float = K1, b: float = B):
        self.k1 = k1
        self.size = len(docs)
        vocab: dict[str, int] = {}
        tok_l: list[int] = []
        doc_l: list[int] = []
        tf_l: list[float] = []
        lengths = np.zeros(len(docs), dtype=np.float64)
        for d, doc in enumerate(docs):
            for token, tf in doc.items():
                if tf > 0:
                    tok_l.append(vocab.setdefault(token, len(vocab)))
                    doc_l.append(d)
                    tf_l.append(tf)
                    lengths[d] += tf
        self.vocab = vocab
        avg = float(lengths.mean()) if len(docs) and lengths.mean() > 0 else 1.0
        tok = np.array(tok_l, dtype=np.int64)
        doc_ids = np.array(doc_l, dtype=np.int64)
        tfs = np.array(tf_l, dtype=np.float64)
        df = np.bincount(tok, minlength=len(vocab)).astype(np.float64)
        n = max(len(docs), 1)
        self.idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        norm = k1 * (1.0 - b + b * lengths[doc_ids] / avg)
        weights = self.idf[tok] * tfs * (k1 + 1.0) / (tfs + norm)
        order = np.argsort(tok, kind="stable")
        self.indices = doc_ids[order].astype(np.int32)
        self.data = weights[order].astype(np.float32)
        self.indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        self.indptr[1:] = np.cumsum(df.astype(np.int64))

    def scores(self, query: Mapping[str, float]) -> np.ndarray:
        """Every document's BM25 score for ``query`` (token → query weight)."""
        parts_i: list[np.ndarray] = []
        parts_w: list[np.ndarray] = []
        for token, qw in query.items():
            t = self.vocab.get(token)
            if t is None or qw == 0:
                continue
            lo, hi = self.indptr[t], self.indptr[t + 1]
            parts_i.append(self.indices[lo:hi])
            parts_w.append(self.data[lo:hi] * np.float32(qw))
        if not parts_i:
            return np.zeros(self.size, dtype=np.float64)
        if len(parts_i) == 1:
            ids, ws = parts_i[0], parts_w[0]
        else:
            ids, ws = np.concatenate(parts_i), np.concatenate(parts_w)
        return np.bincount(ids, weights=ws, minlength=self.size)

    def ceiling(self, query: Mapping[str, float]) -> float:
        """The score of an average-length document holding each query token once (a token
        no document has counts as the rarest)."""
        unseen = math.log(1.0 + (self.size + 0.5) / 0.5)  # a token no document has
        total = 0.0
        for token, qw in query.items():
            t = self.vocab.get(token)
            total += qw * (float(self.idf[t]) if t is not None else unseen)
        return total

    def idf_of(self, token: str) -> float:
        t = self.vocab.get(token)
        return float(self.idf[t]) if t is not None else math.log(1.0 + (self.size + 0.5) / 0.5)
