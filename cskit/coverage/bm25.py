"""A small BM25 index over weighted tokens, kept as flat numpy arrays.

Each document is a ``{token: weight}`` mapping (a weight is a term frequency, possibly
fractional for down-weighted fields). :meth:`Bm25.scores` returns every document's score for
a weighted query, together with the query's ceiling: what a document holding every query
token once would score, so scores can be shown on a 0–1 scale.

Rare tokens keep sparse postings (CSR) summed with one ``bincount``; frequent ones (in more
than ``dense_share`` of the documents, at least 64) are rows of a dense matrix summed with
one matrix-vector product, so a query that mentions 订单 or 快递 costs no more than one that
does not. The index pickles as plain arrays (it crosses process boundaries in Dask).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

K1 = 1.2
B = 0.4  # mild length normalisation: entries with many phrasings are not punished much
DENSE_SHARE = 0.02
DENSE_MIN = 64


class Bm25:
    def __init__(
        self,
        docs: Sequence[Mapping[str, float]],
        *,
        k1: float = K1,
        b: float = B,
        dense_share: float = DENSE_SHARE,
    ) -> None:
        self.size = len(docs)
        vocab: dict[str, int] = {}
        tok_l: list[int] = []
        tf_l: list[float] = []
        sizes = np.zeros(len(docs), dtype=np.int64)
        for d, doc in enumerate(docs):
            kept = [(t, tf) for t, tf in doc.items() if tf > 0]
            sizes[d] = len(kept)
            tok_l.extend(vocab.setdefault(t, len(vocab)) for t, _ in kept)
            tf_l.extend(tf for _, tf in kept)
        tok = np.array(tok_l, dtype=np.int64)
        doc_ids = np.repeat(np.arange(len(docs), dtype=np.int64), sizes)
        tfs = np.array(tf_l, dtype=np.float64)
        lengths = np.bincount(doc_ids, weights=tfs, minlength=len(docs))
        avg = float(lengths.mean()) if len(docs) and lengths.mean() > 0 else 1.0
        df = np.bincount(tok, minlength=len(vocab))
        n = max(len(docs), 1)
        idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        norm = k1 * (1.0 - b + b * lengths[doc_ids] / avg)
        weights = idf[tok] * tfs * (k1 + 1.0) / (tfs + norm)
        self.unseen = math.log(1.0 + (n + 0.5) / 0.5)  # the idf of a token no document has

        dense = df > max(DENSE_MIN, dense_share * n)
        row_of = np.full(len(vocab), -1, dtype=np.int64)
        row_of[dense] = np.arange(int(dense.sum()))
        self.matrix = np.zeros((int(dense.sum()), len(docs)), dtype=np.float32)
        in_dense = dense[tok]
        self.matrix[row_of[tok[in_dense]], doc_ids[in_dense]] = weights[in_dense]

        sparse_tok, sparse_doc = tok[~in_dense], doc_ids[~in_dense]
        order = np.argsort(sparse_tok, kind="stable")
        self.indices = sparse_doc[order].astype(np.int32)
        self.data = weights[~in_dense][order].astype(np.float32)
        ends = np.cumsum(np.bincount(sparse_tok, minlength=len(vocab)))
        # token → (dense row or -1, postings start, postings end, idf)
        self.vocab: dict[str, tuple[int, int, int, float]] = {
            token: (int(row_of[t]), int(ends[t - 1]) if t else 0, int(ends[t]), float(idf[t]))
            for token, t in vocab.items()
        }

    def scores(self, query: Mapping[str, float]) -> tuple[np.ndarray, float]:
        """Every document's BM25 score for ``query`` (token → query weight), and the
        query's ceiling: the score of an average document holding each query token once (a
        token no document has counts as the rarest)."""
        rows: list[int] = []
        row_w: list[float] = []
        spans: list[tuple[int, int]] = []
        span_w: list[float] = []
        ceiling = 0.0
        vocab = self.vocab
        for token, qw in query.items():
            hit = vocab.get(token)
            if hit is None:
                ceiling += qw * self.unseen
                continue
            row, start, end, idf = hit
            ceiling += qw * idf
            if row >= 0:
                rows.append(row)
                row_w.append(qw)
            elif end > start:
                spans.append((start, end))
                span_w.append(qw)
        if rows:
            out = np.asarray(row_w, dtype=np.float32) @ self.matrix[rows]
            out = out.astype(np.float64)
        else:
            out = np.zeros(self.size, dtype=np.float64)
        if spans:
            ids = np.concatenate([self.indices[a:b] for a, b in spans])
            ws = np.concatenate([self.data[a:b] for a, b in spans])
            ws *= np.repeat(np.asarray(span_w, dtype=np.float32), [b - a for a, b in spans])
            out += np.bincount(ids, weights=ws, minlength=self.size)
        return out, ceiling
