"""``graph.json``: networkx node-link JSON (``edges`` key, multigraph, keyed by type).

Written in chunks (same bytes as ``json.dump(nx.node_link_data(G, edges="edges"))`` up to
whitespace) so a 100k-paper graph is never copied whole in memory.

>>> write_graph_json(G, "out/graph.json")            # doctest: +SKIP
>>> read_graph_json("out").number_of_nodes()          # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from itertools import islice
from pathlib import Path

import networkx as nx

from graphkit.atomic import atomic_open
from graphkit.errors import GraphkitError

CHUNK = 20000


def _chunks(items, size=CHUNK):
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def write_graph_json(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write ``G`` as node-link JSON (atomically: a crash never leaves half a file)."""
    path = Path(path)
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with atomic_open(path) as fh:
        fh.write('{"directed":%s,"multigraph":%s,"graph":%s,"nodes":['
                 % (dumps(G.is_directed()), dumps(G.is_multigraph()), dumps(G.graph)))
        first = True
        for chunk in _chunks({**d, "id": n} for n, d in G.nodes(data=True)):
            fh.write(("" if first else ",") + dumps(chunk)[1:-1])
            first = False
        fh.write('],"edges":[')
        first = True
        for chunk in _chunks({**d, "source": u, "target": v, "key": k}
                             for u, v, k, d in G.edges(keys=True, data=True)):
            fh.write(("" if first else ",") + dumps(chunk)[1:-1])
            first = False
        fh.write("]}")
    return path


def _check_node_link(data) -> str | None:
    """Why ``data`` is not a graphkit node-link document (``None`` when it is one)."""
    if not isinstance(data, dict):
        return f"the top level is a JSON {type(data).__name__.replace('dict', 'object')}, not an object"
    for key in ("nodes", "edges"):
        if not isinstance(data.get(key), list):
            return f"no {key!r} list"
    ids = set()
    for i, d in enumerate(data["nodes"]):
        if not isinstance(d, dict) or not isinstance(d.get("id"), str):
            return f"node {i} has no string 'id'"
        ids.add(d["id"])
    for i, d in enumerate(data["edges"]):
        if not isinstance(d, dict):
            return f"edge {i} is not an object"
        for end in ("source", "target"):
            if d.get(end) not in ids:
                return f"edge {i} has {end} {d.get(end)!r}, which is no node"
    return None


def read_graph_json(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Load a graph written by :func:`write_graph_json` (a file, or a build folder).

    Anything else (a hand-edited ``[]``, another JSON document, a binary file) is a
    :class:`GraphkitError` naming the file and what is wrong, never a traceback."""
    path = Path(path)
    if path.is_dir():
        path = path / "graph.json"
    if not path.exists():
        raise GraphkitError(f"{path}: no graph here (run `graphkit build INPUT --out DIR` first)")
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as e:
        raise GraphkitError(f"{path}: cannot read: {e.strerror or e}") from None
    except (ValueError, RecursionError) as e:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise GraphkitError(f"{path}: not a graphkit graph.json (not JSON: {e})") from None
    problem = _check_node_link(data)
    if problem:
        raise GraphkitError(f"{path}: not a graphkit graph.json ({problem})")
    try:
        G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise GraphkitError(f"{path}: not a graphkit graph.json ({type(e).__name__}: {e})") from None
    for n, d in G.nodes(data=True):  # node-link keeps the node key as "id"; so do we
        d["id"] = n
    return G
