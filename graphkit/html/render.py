"""First cut of the HTML view: pyvis with its defaults (replaced by the offline view)."""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx


def render_html(G: nx.MultiDiGraph, path: str | os.PathLike, *, title: str = "graphkit") -> Path:
    from pyvis.network import Network

    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for n, d in G.nodes(data=True):
        label = d.get("name") or d.get("title", n)[:40]
        net.add_node(n, label=label, title=d.get("title") or d.get("name"), group=d.get("type", "Paper"))
    for u, v, d in G.edges(data=True):
        net.add_edge(u, v, title=d.get("type"))
    path = Path(path)
    path.write_text(net.generate_html(), encoding="utf-8")
    return path
