"""CO_OCCURS: entities mentioned in the same papers, weighted by association strength.

For entities ``a`` and ``b`` mentioned together in ``c(a, b)`` of ``N`` papers::

    weight(a, b) = N * c(a, b) / (df(a) * df(b))

the association strength of van Eck & Waltman (the VOSviewer normalisation): the ratio of
the observed co-occurrences to those expected if the two were independent (1.0 = chance).
Counts come from a sparse product ``X.T @ X`` (papers x entities), so the cost is the
number of distinct pairs, not the number of paper pairs.

>>> edges = cooccurrences({"p1": ["a", "b"], "p2": ["a", "b"], "p3": ["c"]})
>>> edges[0][:3]
('a', 'b', 2)
"""

from __future__ import annotations

from itertools import chain
from typing import Mapping, Sequence

import numpy as np
from scipy import sparse

from graphkit.graph.incidence import paper_entity_pairs


def cooccurrences(paper_entities: Mapping[str, Sequence[str]], *, min_papers: int = 1
                  ) -> list[tuple[str, str, int, float]]:
    """``[(a, b, papers, weight), ...]`` with ``a < b`` for every pair seen in at least
    ``min_papers`` papers, sorted by ``(a, b)``."""
    n = len(paper_entities)
    lists = list(paper_entities.values())
    flat = list(chain.from_iterable(lists))
    ents = sorted(set(flat))
    if n == 0 or len(ents) < 2:
        return []
    # the counts are integers, so the order of X's entries does not matter
    rows, codes = paper_entity_pairs(lists, dict(zip(ents, range(len(ents)))))
    X = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, codes)), shape=(n, len(ents)))
    df = np.asarray(X.sum(axis=0)).ravel()
    C = sparse.triu(X.T.tocsr() @ X, k=1).tocoo()
    keep = C.data >= min_papers
    a, b, c = C.row[keep], C.col[keep], C.data[keep]
    w = n * c.astype(np.float64) / (df[a].astype(np.float64) * df[b])
    order = np.lexsort((b, a))
    names = np.array(ents, dtype=object)
    return list(zip(names[a[order]].tolist(), names[b[order]].tolist(), c[order].tolist(), w[order].tolist()))
