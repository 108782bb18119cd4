"""GraphML (Gephi, yEd, Cytoscape, igraph): every attribute kept, lists joined with ``|``.

Edge ids are the relationship types (the multigraph keys); ``nx.read_graphml(path,
force_multigraph=True)`` gives back the same nodes and edges.

>>> export(G, "graph.graphml")   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graphkit.graph.flat import flat_graph

NAME = "graphml"
DESCRIPTION = "GraphML for Gephi / yEd / Cytoscape (lists joined with '|')"


def export(G: nx.MultiDiGraph, path, **options) -> Path:
    path = Path(path)
    H = flat_graph(G)
    H.graph.pop("issues", None)
    nx.write_graphml(H, path, named_key_ids=True)
    return path
