"""Flat attribute values for file formats that only hold scalars (GraphML, GEXF, CSV).

Lists become ``"a|b|c"``, dicts become JSON text, ``None`` is dropped; ``str``, ``int``,
``float`` and ``bool`` stay as they are.

>>> flat_attrs({"aliases": ["MetaWorld", "MW"], "year": None, "df": 3})
{'aliases': 'MetaWorld|MW', 'df': 3}
"""

from __future__ import annotations

import json

import networkx as nx

SEP = "|"


def flat_value(v):
    if isinstance(v, (list, tuple, set)):
        return SEP.join(str(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return v


def flat_attrs(d: dict) -> dict:
    return {k: flat_value(v) for k, v in d.items() if v is not None}


def flat_graph(G: nx.MultiDiGraph, *, graph_attrs: bool = True) -> nx.MultiDiGraph:
    """A copy of ``G`` with every node, edge (and graph) attribute flattened."""
    H = nx.MultiDiGraph()
    if graph_attrs:
        H.graph.update(flat_attrs(G.graph))
    H.add_nodes_from((n, flat_attrs(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, k, flat_attrs(d)) for u, v, k, d in G.edges(keys=True, data=True))
    return H
