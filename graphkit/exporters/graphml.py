"""GraphML (Gephi, yEd, Cytoscape, igraph): every attribute kept, lists joined with ``|``.

Characters XML cannot hold (U+FFFE, U+FFFF, control characters, lone surrogates) become
U+FFFD (:mod:`graphkit.exporters.xml_text`), so the file is always XML. Edge ids are the relationship types (the multigraph keys); ``nx.read_graphml(path,
force_multigraph=True)`` gives back the same nodes and edges.

>>> export(G, "graph.graphml")   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graphkit.atomic import atomic_open
from graphkit.exporters.xml_text import xml_safe_graph
from graphkit.graph.flat import flat_graph

NAME = "graphml"
DESCRIPTION = "GraphML for Gephi / yEd / Cytoscape (lists joined with '|')"


def export(G: nx.MultiDiGraph, path, **options) -> Path:
    path = Path(path)
    H = flat_graph(G)
    H.graph.pop("issues", None)
    # the ElementTree writer, not nx.write_graphml's lxml one: when a write fails half-way
    # (disk full), lxml's incremental writer crashed the interpreter (SIGSEGV) at exit
    with atomic_open(path, binary=True) as fh:
        nx.write_graphml_xml(xml_safe_graph(H), fh, named_key_ids=True)
    return path
