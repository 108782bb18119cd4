"""GEXF 1.2 for Gephi: every attribute kept, lists joined with ``|``.

GEXF reserves some names, so: the node ``label`` shown by Gephi is the paper title or
entity name and graphkit's ``label`` (Paper/Entity) is the attribute ``kind``; an edge's
relationship type is its GEXF ``label`` and the attribute ``relationship`` (GEXF's own
``type`` means directed/undirected); ``weight`` is the GEXF weight (1 when absent). Characters XML cannot hold become U+FFFD
(:mod:`graphkit.exporters.xml_text`).

>>> export(G, "graph.gexf")   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graphkit.atomic import atomic_open
from graphkit.exporters.xml_text import xml_safe_graph
from graphkit.graph.flat import flat_attrs

NAME = "gexf"
DESCRIPTION = "GEXF 1.2 for Gephi (lists joined with '|')"


def export(G: nx.MultiDiGraph, path, **options) -> Path:
    path = Path(path)
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        a = flat_attrs(d)
        a.pop("id", None)
        a["kind"] = a.pop("label", "")
        a["label"] = str(d.get("title") or d.get("name") or n)
        H.add_node(n, **a)
    for u, v, k, d in G.edges(keys=True, data=True):
        a = flat_attrs(d)
        rel = str(a.pop("type", k))
        a.update(relationship=rel, label=rel, weight=float(a.get("weight", 1.0)))
        H.add_edge(u, v, key=k, **a)
    with atomic_open(path, binary=True) as fh:
        nx.write_gexf(xml_safe_graph(H), fh, version="1.2draft")
    return path
