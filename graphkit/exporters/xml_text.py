"""Text that XML 1.0 can hold: GraphML and GEXF are XML, and XML forbids most control
characters, lone surrogates and U+FFFE/U+FFFF (a file holding one is not XML at all).

Each forbidden character becomes U+FFFD (so lengths and offsets into a title or abstract
stay the same); everything else is kept as it is.

>>> xml_text("a\\ufffeb\\x00c")
'a\\ufffdb\\ufffdc'
"""

from __future__ import annotations

import re

import networkx as nx

_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
REPLACEMENT = "\ufffd"


def xml_text(value):
    """``value`` with every XML-illegal character replaced (non-strings unchanged)."""
    if isinstance(value, str) and _ILLEGAL.search(value):
        return _ILLEGAL.sub(REPLACEMENT, value)
    return value


def _clean(d: dict) -> dict:
    return {xml_text(k): xml_text(v) for k, v in d.items()}


def xml_safe_graph(H: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of a flat graph (:func:`graphkit.graph.flat.flat_graph`) whose node ids, edge
    keys, attribute names and string values are all legal XML text."""
    out = nx.MultiDiGraph()
    out.graph.update(_clean(H.graph))
    out.add_nodes_from((xml_text(n), _clean(d)) for n, d in H.nodes(data=True))
    out.add_edges_from((xml_text(u), xml_text(v), xml_text(k), _clean(d))
                       for u, v, k, d in H.edges(keys=True, data=True))
    return out
