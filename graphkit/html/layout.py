"""A seeded force layout in numpy (Fruchterman-Reingold with gravity), so the browser
never has to run physics.

Exact all-pairs repulsion up to :data:`EXACT_LIMIT` nodes; above it each iteration
repels every node from a random sample of nodes (rescaled), which keeps a 5,000-node
layout to a few seconds. Works without scipy (networkx's ``spring_layout`` needs it
above 500 nodes).

>>> pos = force_layout(nx.path_graph(3), seed=1)   # doctest: +SKIP
>>> sorted(pos) == [0, 1, 2]                       # doctest: +SKIP
True
"""

from __future__ import annotations

import math
from typing import Hashable, Mapping

import networkx as nx
import numpy as np

EXACT_LIMIT = 1000
"""Up to this many nodes, repulsion is computed between all pairs."""

PAIR_BUDGET = 1_000_000
"""Above :data:`EXACT_LIMIT`, node-to-sample pairs computed per iteration."""


def force_layout(G: nx.Graph, *, seed: int = 0, iterations: int | None = None,
                 weights: Mapping[str, float] | None = None,
                 size: float | None = None, gravity: float = 1.0) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node of ``G``, centred on (0, 0), deterministic for a seed.

    ``weights`` maps an edge ``type`` to its spring strength (default 1). ``size`` is the
    side of the square the layout roughly fills (default grows with sqrt(n)).
    """
    nodes = list(G.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if size is None:
        size = 70.0 * math.sqrt(n) + 200.0
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {v: i for i, v in enumerate(nodes)}
    weights = weights or {}
    pairs: dict[tuple[int, int], float] = {}
    for u, v, t in G.edges(data="type"):
        if u == v:
            continue
        a, b = index[u], index[v]
        key = (a, b) if a < b else (b, a)
        pairs[key] = pairs.get(key, 0.0) + float(weights.get(t, 1.0))
    if pairs:
        ei = np.fromiter((k[0] for k in pairs), dtype=np.int64, count=len(pairs))
        ej = np.fromiter((k[1] for k in pairs), dtype=np.int64, count=len(pairs))
        ew = np.fromiter(pairs.values(), dtype=np.float64, count=len(pairs))
    else:
        ei = ej = np.zeros(0, dtype=np.int64)
        ew = np.zeros(0)

    rng = np.random.default_rng(seed)
    pos = (rng.random((n, 2)) - 0.5).astype(np.float32)
    k = math.sqrt(1.0 / n)  # ideal edge length in the unit square
    deg = np.bincount(ei, minlength=n) + np.bincount(ej, minlength=n)
    if iterations is None:
        iterations = 120 if n <= 1000 else 80
    exact = n <= EXACT_LIMIT
    m = n if exact else max(200, min(n, PAIR_BUDGET // n))
    temp = 0.1
    kk = np.float32(k * k)
    floor = np.float32((0.01 * k) ** 2)
    pull = np.float32(gravity)
    for it in range(iterations):
        if exact:
            other = pos
            scale = 1.0
        else:
            other = pos[rng.choice(n, size=m, replace=False)]
            scale = n / m
        dx = np.subtract.outer(pos[:, 0], other[:, 0])
        dy = np.subtract.outer(pos[:, 1], other[:, 1])
        d2 = dx * dx
        d2 += dy * dy
        np.maximum(d2, floor, out=d2)
        np.divide(kk * scale, d2, out=d2)
        disp = np.empty((n, 2), dtype=np.float32)
        disp[:, 0] = np.einsum("ij,ij->i", dx, d2)
        disp[:, 1] = np.einsum("ij,ij->i", dy, d2)
        if len(ei):
            dv = pos[ei] - pos[ej]
            dist = np.sqrt(np.einsum("ij,ij->i", dv, dv)) + 1e-9
            f = dv * (dist * ew / k)[:, None]
            for c in range(2):
                disp[:, c] -= np.bincount(ei, weights=f[:, c], minlength=n)
                disp[:, c] += np.bincount(ej, weights=f[:, c], minlength=n)
        # gravity keeps components and isolated nodes near the middle
        disp -= pull * pos
        length = np.sqrt(np.einsum("ij,ij->i", disp, disp)) + 1e-12
        step = np.minimum(length, temp) / length
        pos += disp * step[:, None]
        temp = 0.1 * (1 - (it + 1) / (iterations + 1)) + 0.002
    pos -= pos.mean(axis=0)
    span = float(np.abs(pos).max()) or 1.0
    pos *= (size / 2) / span
    return {v: (round(float(x), 1), round(float(y), 1)) for v, (x, y) in zip(nodes, pos)}
