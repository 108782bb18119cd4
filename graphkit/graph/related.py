"""RELATED: each paper's top-k neighbours through shared entities, IDF-weighted.

Weight of a pair of papers ``(a, b)``::

    weight(a, b) = sum over entities e shared by a and b of  idf(e),  idf(e) = log(N / df(e))

``N`` is the number of papers and ``df(e)`` the number of papers mentioning ``e``. Sharing
a rare entity (a niche benchmark) says much more than sharing a common one ("LLM"), as in
TF-IDF retrieval. An entity in every paper has ``idf = 0`` and links nothing.

Common entities are never expanded into all their pairs. An entity with
``df > max_df`` (default ``max(50, N / 100)``) is a *stop entity*: its idf is at most
``log(N / max_df)`` (~4.6 at the default, against ~log(N) for a rare one), so, like a stop
word in retrieval, it neither proposes candidate pairs nor adds weight. The cost is then
bounded by ``sum over kept entities of df(e)^2 <= max_df * (number of MENTIONS)``: linear in
the corpus for a fixed ``max_df`` (at 100k papers an entity in 20k papers is skipped, not
expanded into 200M pairs). The candidate scores are a sparse product ``X_b @ X.T`` computed
in row blocks (``X`` = papers x kept entities, weighted by idf), and only each row's top k
survive, ties broken by paper id so the result does not depend on input order.

>>> pairs = related_pairs({"p1": ["e1", "e2"], "p2": ["e1"], "p3": ["e2"], "p4": ["e2"]}, k=2)
>>> [(other, round(w, 2), shared) for other, w, shared in pairs["p1"]]
[('p2', 0.69, ['e1']), ('p3', 0.29, ['e2'])]
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence

import numpy as np
from scipy import sparse

BLOCK = 2048


def default_max_df(n_papers: int) -> int:
    """The df above which an entity is a stop entity: ``max(50, N // 100)``."""
    return max(50, n_papers // 100)


def related_pairs(paper_entities: Mapping[str, Sequence[str]], *, k: int = 10,
                  max_df: int | None = None) -> dict[str, list[tuple[str, float, list[str]]]]:
    """For every paper, its top ``k`` neighbours: ``[(other, weight, shared), ...]``, best
    first. ``shared`` lists the (non-stop) shared entity ids, most informative first.

    Papers sharing only stop entities (or nothing) are not neighbours.
    """
    papers = sorted(paper_entities)
    n = len(papers)
    if n < 2 or k <= 0:
        return {p: [] for p in papers}
    max_df = default_max_df(n) if max_df is None else max_df
    df: dict[str, int] = {}
    for p in papers:
        for e in set(paper_entities[p]):
            df[e] = df.get(e, 0) + 1
    # columns ordered rarest first: sorted column numbers = most informative first
    kept = sorted((e for e, c in df.items() if 1 < c <= max_df and c < n), key=lambda e: (df[e], e))
    col = {e: i for i, e in enumerate(kept)}
    idf = np.array([math.log(n / df[e]) for e in kept], dtype=np.float64)

    rows, cols = [], []
    ent_sets: list[set[int]] = []
    for i, p in enumerate(papers):
        cs = sorted({col[e] for e in paper_entities[p] if e in col})
        ent_sets.append(set(cs))
        rows.extend([i] * len(cs))
        cols.extend(cs)
    data = np.ones(len(rows), dtype=np.float64)
    X = sparse.csr_matrix((data, (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
                          shape=(n, len(kept)))
    XT = (X @ sparse.diags(idf)).T.tocsr()

    out: dict[str, list[tuple[str, float, list[str]]]] = {}
    for start in range(0, n, BLOCK):
        S = (X[start:start + BLOCK] @ XT).tocsr()
        # drop each paper's own column, then round so float noise cannot break ties
        row_of = np.repeat(np.arange(S.shape[0]), np.diff(S.indptr))
        S.data[S.indices == row_of + start] = 0.0
        S.data = np.round(S.data, 9)
        S.eliminate_zeros()
        indptr, indices, weights = S.indptr, S.indices, S.data
        for r in range(S.shape[0]):
            i = start + r
            idx = indices[indptr[r]:indptr[r + 1]]
            w = weights[indptr[r]:indptr[r + 1]]
            if len(idx) > k:
                # exact top k, ties at the cut broken by paper id (= column order)
                cut = -np.partition(-w, k - 1)[k - 1]
                sel = w >= cut
                idx, w = idx[sel], w[sel]
            order = np.lexsort((idx, -w))[:k]
            mine = ent_sets[i]
            out[papers[i]] = [(papers[j], float(w[o]), [kept[c] for c in sorted(mine.intersection(ent_sets[j]))])
                              for o in order.tolist() for j in (int(idx[o]),)]
    return out
