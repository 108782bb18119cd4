"""``graph.json``: networkx node-link JSON (``edges`` key, multigraph, keyed by type)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx

from graphkit.errors import GraphkitError


def write_graph_json(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write ``G`` as node-link JSON (atomically: a crash never leaves half a file)."""
    path = Path(path)
    data = nx.node_link_data(G, edges="edges")
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
    os.replace(tmp, path)
    return path


def read_graph_json(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Load a graph written by :func:`write_graph_json` (a file, or a build folder)."""
    path = Path(path)
    if path.is_dir():
        path = path / "graph.json"
    if not path.exists():
        raise GraphkitError(f"{path}: no graph here (run `graphkit build INPUT --out DIR` first)")
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (json.JSONDecodeError, KeyError, TypeError) as e:
        raise GraphkitError(f"{path}: not a graphkit graph.json ({e})") from None
    for n, d in G.nodes(data=True):  # node-link stores the `id` attribute as the node key
        d["id"] = n
    return G
