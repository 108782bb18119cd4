"""PageRank and degree of every node.

PageRank is ``nx.pagerank(G, weight=None)``: every edge of every type counts once,
parallel edges add up, dangling nodes spread their rank uniformly (networkx runs it as a
scipy sparse power iteration). It runs on a light ``DiGraph`` of ``G`` with the nodes in
sorted order and parallel edges as a count, so the floats do not depend on the order
papers were added in (an ``--update`` gives the bytes of a full rebuild).

>>> import networkx as nx
>>> G = nx.MultiDiGraph([("a", "b", "MENTIONS")])
>>> round(pagerank(G)["b"], 3)
0.649
"""

from __future__ import annotations

import networkx as nx


def pagerank(G: nx.MultiDiGraph, *, alpha: float = 0.85, max_iter: int = 100,
             tol: float = 1.0e-6) -> dict[str, float]:
    if G.number_of_nodes() == 0:
        return {}
    H = nx.DiGraph()
    H.add_nodes_from(sorted(G))
    H.add_weighted_edges_from((u, v, len(keys)) for u, nbrs in G.succ.items() for v, keys in nbrs.items())
    pr = nx.pagerank(H, alpha=alpha, max_iter=max_iter, tol=tol, weight="weight")
    return {v: float(x) for v, x in pr.items()}


def add_metrics(G: nx.MultiDiGraph) -> None:
    """Set ``pagerank`` and ``degree`` on every node of ``G``."""
    pr = pagerank(G)
    for v, d in G.degree():
        node = G.nodes[v]
        node["degree"] = int(d)
        node["pagerank"] = pr[v]
