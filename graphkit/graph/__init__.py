"""The graph of CONTRACT.md as a ``networkx.MultiDiGraph``.

Nodes carry ``label`` (``Paper`` / ``Entity``; entities also ``type``); edges carry
``type`` (``MENTIONS``, ``INTRODUCES``, ``RELATED``, ``CO_OCCURS``, ``BUILDS_ON``,
``CITES``) and are keyed by it, so there is at most one edge of a type per pair.
"""

from graphkit.graph.build import build_graph
from graphkit.graph.io import read_graph_json, write_graph_json

__all__ = ["build_graph", "read_graph_json", "write_graph_json"]
