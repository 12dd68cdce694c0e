"""Word clusters learnt from raw news text: the tagger's lever on names it never saw.

A name unseen in the annotated data still occurs in thousands of unannotated articles, in
the same slots as names that were annotated (``الرئيس الفرنسي ___ ماكرون``, ``في ___``).
Words are represented by what stands one and two places to their left and right
(positive PMI over the 8,000 most frequent words, so the representation is directional
and picks up syntax as well as topic), reduced to 96 dimensions with a truncated SVD and
clustered with k-means at four granularities (64 to 4,096 clusters). Only the word → cluster table is shipped,
never the text it was learnt from.

Dependency-free on purpose: numpy and scipy only (gensim is LGPL and heavy).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped, unused-ignore]
from scipy.sparse.linalg import svds  # type: ignore[import-untyped, unused-ignore]

GRANULARITIES = (64, 256, 1024, 4096)


def build_clusters(
    sentences: Iterable[Sequence[str]],
    *,
    vocab_size: int = 150_000,
    min_count: int = 3,
    contexts: int = 8_000,
    dims: int = 96,
    ks: Sequence[int] = GRANULARITIES,
    seed: int = 13,
) -> tuple[dict[str, tuple[int, ...]], Counter[str], np.ndarray]:
    """Word → one cluster id per granularity in ``ks``, the word counts and the vectors
    (rows in the order of the table).

    ``sentences`` are lists of words already in the search form."""
    # 1. Count words; keep the vocabulary and the (smaller) context vocabulary.
    sents = [list(s) for s in sentences]
    counts: Counter[str] = Counter(w for s in sents for w in s)
    vocab = [w for w, c in counts.most_common(vocab_size) if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    ctx_index = {w: i for i, w in enumerate(vocab[:contexts])}
    # 2. Directional co-occurrence counts: context slot d in (-2, -1, +1, +2).
    ids = np.fromiter(
        (index.get(w, -1) for s in sents for w in (*s, "\x00")), dtype=np.int64
    )  # "\x00" ends each sentence: no window crosses it
    ctx = np.fromiter((ctx_index.get(w, -1) for s in sents for w in (*s, "\x00")), dtype=np.int64)
    ends = np.fromiter((i == len(s) for s in sents for i in range(len(s) + 1)), dtype=bool)
    sentence = np.cumsum(ends)  # a pair counts only inside one sentence
    rows, cols = [], []
    n = len(ids)
    for slot, d in enumerate((-2, -1, 1, 2)):
        a = np.arange(max(0, -d), min(n, n - d))
        w, c = ids[a], ctx[a + d]
        ok = (w >= 0) & (c >= 0) & (sentence[a] == sentence[a + d])
        rows.append(w[ok])
        cols.append(c[ok] + slot * len(ctx_index))
    r, c = np.concatenate(rows), np.concatenate(cols)
    mat = sp.coo_matrix(
        (np.ones(len(r), dtype=np.float64), (r, c)), shape=(len(vocab), 4 * len(ctx_index))
    ).tocsr()
    mat.sum_duplicates()
    # 3. Positive PMI with context-distribution smoothing (alpha 0.75, Levy et al. 2015).
    total = mat.sum()
    row_sum = np.asarray(mat.sum(axis=1)).ravel()
    col_sum = np.asarray(mat.sum(axis=0)).ravel() ** 0.75
    col_p = col_sum / col_sum.sum()
    coo = mat.tocoo()
    pmi = np.log(coo.data / total) - np.log(row_sum[coo.row] / total) - np.log(col_p[coo.col])
    keep = pmi > 0
    ppmi = sp.csr_matrix(
        (pmi[keep], (coo.row[keep], coo.col[keep])), shape=mat.shape, dtype=np.float64
    )
    # 4. Truncated SVD; rows scaled by sqrt of the singular values, then unit length.
    rng = np.random.default_rng(seed)
    v0 = rng.standard_normal(min(ppmi.shape))
    u, s, _ = svds(ppmi, k=dims, v0=v0)
    vec = u * np.sqrt(s)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    # 5. k-means at each granularity (spherical: vectors are unit length).
    labels = [kmeans(vec, k, seed=seed + k) for k in ks]
    table = {w: tuple(int(lab[i]) for lab in labels) for i, w in enumerate(vocab)}
    return table, counts, vec


def kmeans(x: np.ndarray, k: int, *, seed: int, iters: int = 25) -> np.ndarray:
    """Spherical k-means with k-means++ seeding; returns the cluster of each row."""
    rng = np.random.default_rng(seed)
    n = x.shape[0]
    # k-means++ on a sample keeps seeding cheap for large k.
    sample = x[rng.choice(n, size=min(n, 20 * k), replace=False)]
    centers = [sample[rng.integers(len(sample))]]
    dist = 1.0 - sample @ centers[0]
    for _ in range(1, k):
        p = np.clip(dist, 0, None) ** 2
        nxt = sample[rng.choice(len(sample), p=p / p.sum())]
        centers.append(nxt)
        dist = np.minimum(dist, 1.0 - sample @ nxt)
    cent = np.array(centers)
    assign = np.zeros(n, dtype=np.int64)
    for _ in range(iters):
        # In blocks: 150,000 words × 4,096 centres at once would take 5 GB.
        assign = np.concatenate(
            [np.argmax(x[b : b + 8192] @ cent.T, axis=1) for b in range(0, n, 8192)]
        )
        onehot = sp.csr_matrix((np.ones(n), (assign, np.arange(n))), shape=(k, n))
        sums = np.asarray(onehot @ x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        # An emptied cluster keeps its old centre rather than becoming a zero vector.
        cent = np.where(norms > 0, sums / np.maximum(norms, 1e-9), cent)
    return assign
