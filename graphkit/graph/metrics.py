"""PageRank and degree of every node.

PageRank is ``nx.pagerank(G, weight=None)``: every edge of every type counts once,
parallel edges add up, dangling nodes spread their rank uniformly. It runs on the nodes
in sorted order with parallel edges as a count, so the floats do not depend on the order
papers were added in (an ``--update`` gives the bytes of a full rebuild).

Hand-written on purpose: :func:`pagerank` is networkx's scipy power iteration
(``networkx.algorithms.link_analysis.pagerank_alg._pagerank_scipy``, the code
``nx.pagerank`` runs), line for line, on a sparse matrix built straight from ``G``.
``nx.pagerank`` needs a graph, and copying the 100k-paper graph into a sorted ``DiGraph``
for it cost about three times the iteration itself; the floats are the same bits (same
matrix, same operations; ``tests/test_graph_build.py`` compares with ``nx.pagerank``; the degree is read off the same matrix).

>>> import networkx as nx
>>> G = nx.MultiDiGraph([("a", "b", "MENTIONS")])
>>> round(pagerank(G)["b"], 3)
0.649
"""

from __future__ import annotations

from itertools import chain

import networkx as nx
import numpy as np
from scipy import sparse


def _adjacency(G: nx.MultiDiGraph) -> tuple[list[str], sparse.csr_array]:
    """The sorted node list and the sparse matrix of edge counts (parallel edges add up)."""
    nodelist = sorted(G)
    index = {v: i for i, v in enumerate(nodelist)}
    # straight into arrays (lists, then np.array, cost ~1 s at 100k papers): the entries
    # row-major in G._succ order, as G's adjacency dicts hold them
    succ = G._succ  # the plain dicts (G.succ wraps each in a view)
    at = index.__getitem__
    counts = np.fromiter(map(len, succ.values()), dtype=np.int64, count=len(succ))
    nnz = int(counts.sum())
    row = np.repeat(np.fromiter(map(at, succ), dtype=np.int64, count=len(succ)), counts)
    col = np.fromiter(map(at, chain.from_iterable(succ.values())), dtype=np.int64, count=nnz)
    data = np.fromiter(map(len, chain.from_iterable(map(dict.values, succ.values()))), dtype=float, count=nnz)
    N = len(nodelist)
    A = sparse.coo_array((data, (row, col)), shape=(N, N), dtype=float).asformat("csr")
    return nodelist, A


def pagerank(G: nx.MultiDiGraph, *, alpha: float = 0.85, max_iter: int = 100,
             tol: float = 1.0e-6, adjacency: tuple | None = None) -> dict[str, float]:
    N = G.number_of_nodes()
    if N == 0:
        return {}
    nodelist, A = adjacency or _adjacency(G)
    # from here on: networkx 3.x _pagerank_scipy (no personalization, nstart or dangling dict)
    S = A.sum(axis=1)
    dangling_nodes = S == 0
    S[~dangling_nodes] = 1.0 / S[~dangling_nodes]
    Q = sparse.dia_array((S, 0), shape=A.shape).tocsr()
    A = Q @ A
    x = np.repeat(1.0 / N, N)
    p = np.repeat(1.0 / N, N)
    dangling_weights = p
    for _ in range(max_iter):
        xlast = x
        x = alpha * (x @ A + np.sum(x[dangling_nodes]) * dangling_weights) + (1 - alpha) * p
        err = np.absolute(x - xlast).sum()
        if err < N * tol:
            return dict(zip(nodelist, map(float, x)))
    raise nx.PowerIterationFailedConvergence(max_iter)


def add_metrics(G: nx.MultiDiGraph) -> None:
    """Set ``pagerank`` and ``degree`` on every node of ``G`` (the degree, in + out with
    parallel edges, is read off the same matrix as PageRank: ``G.degree()``'s numbers)."""
    if not G.number_of_nodes():
        return
    nodelist, A = adj = _adjacency(G)
    pr = pagerank(G, adjacency=adj)
    degree = (np.asarray(A.sum(axis=1)).ravel() + np.asarray(A.sum(axis=0)).ravel()).astype(np.int64).tolist()
    node = G._node
    for v, d in zip(nodelist, degree):
        attrs = node[v]
        attrs["degree"] = d
        attrs["pagerank"] = pr[v]
