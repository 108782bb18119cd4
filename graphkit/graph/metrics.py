"""PageRank and degree of every node.

:func:`pagerank` equals ``nx.pagerank(G, weight=None)`` (every edge of every type counts
once, parallel edges add up, dangling nodes spread their rank uniformly) but runs as a
scipy sparse power iteration over the edge list, without copying the graph.

>>> import networkx as nx
>>> G = nx.MultiDiGraph([("a", "b", "MENTIONS")])
>>> round(pagerank(G)["b"], 3)
0.649
"""

from __future__ import annotations

import networkx as nx
import numpy as np
from scipy import sparse


def pagerank(G: nx.MultiDiGraph, *, alpha: float = 0.85, max_iter: int = 100,
             tol: float = 1.0e-6) -> dict[str, float]:
    nodes = sorted(G.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    rows, cols, data = [], [], []
    for u, nbrs in G.succ.items():  # parallel edges of a multigraph add up
        iu = index[u]
        for v, keys in nbrs.items():
            rows.append(iu)
            cols.append(index[v])
            data.append(len(keys))
    A = sparse.csr_matrix((np.array(data, dtype=np.float64), (np.array(rows, dtype=np.int64),
                           np.array(cols, dtype=np.int64))), shape=(n, n))
    out_w = np.asarray(A.sum(axis=1)).ravel()
    dangling = out_w == 0
    inv = np.zeros(n)
    inv[~dangling] = 1.0 / out_w[~dangling]
    M = (sparse.diags(inv) @ A).T.tocsr()  # column-stochastic, transposed for M @ x
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        prev = x
        x = alpha * (M @ prev + prev[dangling].sum() / n) + (1.0 - alpha) / n
        if np.abs(x - prev).sum() < n * tol:
            break
    else:
        raise nx.PowerIterationFailedConvergence(max_iter)
    return {v: float(x[i]) for i, v in enumerate(nodes)}


def add_metrics(G: nx.MultiDiGraph) -> None:
    """Set ``pagerank`` and ``degree`` on every node of ``G``."""
    pr = pagerank(G)
    for v, d in G.degree():
        node = G.nodes[v]
        node["degree"] = int(d)
        node["pagerank"] = pr[v]
