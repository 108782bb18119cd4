"""GraphML (Gephi, yEd, Cytoscape, igraph): every attribute kept, lists joined with ``|``.

Characters XML cannot hold (U+FFFE, U+FFFF, control characters, lone surrogates) become
U+FFFD (:mod:`graphkit.exporters.xml_text`), so the file is always XML. Edge ids are the relationship types (the multigraph keys); ``nx.read_graphml(path,
force_multigraph=True)`` gives back the same nodes and edges.

>>> export(G, "graph.graphml")   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graphkit.atomic import atomic_path
from graphkit.exporters.xml_text import xml_safe_graph
from graphkit.graph.flat import flat_graph

NAME = "graphml"
DESCRIPTION = "GraphML for Gephi / yEd / Cytoscape (lists joined with '|')"


def export(G: nx.MultiDiGraph, path, **options) -> Path:
    path = Path(path)
    H = flat_graph(G)
    H.graph.pop("issues", None)
    # lxml opens the path itself: handed a Python file object that then fails (disk full),
    # lxml's incremental writer crashed the interpreter at exit
    with atomic_path(path) as tmp:
        nx.write_graphml(xml_safe_graph(H), str(tmp), named_key_ids=True)
    return path
