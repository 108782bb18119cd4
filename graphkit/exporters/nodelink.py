"""networkx node-link JSON (the format of ``graph.json``; D3, ``nx.node_link_graph``).

>>> export(G, "graph.json")   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graphkit.graph.io import write_graph_json

NAME = "json"
DESCRIPTION = "networkx node-link JSON (same as graph.json)"


def export(G: nx.MultiDiGraph, path, **options) -> Path:
    return write_graph_json(G, Path(path))
