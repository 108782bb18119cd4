"""``graph.json``: networkx node-link JSON (``edges`` key, multigraph, keyed by type).

Written in chunks (the document ``json.dump(nx.node_link_data(G, edges="edges"))``, compact)
so a 100k-paper graph is never copied whole in memory. Encoded with ``orjson`` (3x faster
than the stdlib encoder on the 1.46M edges of a 100k-paper build: 17.4 -> 5.9 CPU s); the
values are those of the stdlib encoder (``json.load`` gives equal documents), only float
exponents are spelled orjson's way (``0.000015`` for ``1.5e-05``). A chunk orjson refuses
(an int beyond 64 bits, a lone surrogate) is encoded by the stdlib instead.

>>> write_graph_json(G, "out/graph.json")            # doctest: +SKIP
>>> read_graph_json("out").number_of_nodes()          # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx
import orjson

from graphkit.atomic import atomic_open
from graphkit.errors import GraphkitError

CHUNK = 20000


def _default(obj):
    """What orjson does not encode itself: numpy scalars and arrays, as Python values."""
    if hasattr(obj, "tolist"):
        return obj.tolist()
    raise TypeError(f"{type(obj).__name__} is not JSON serializable")


_stdlib = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_default).encode


def _dumps(obj) -> bytes:
    try:
        return orjson.dumps(obj, default=_default)
    except (orjson.JSONEncodeError, TypeError):
        return _stdlib(obj).encode("utf-8")


def _nodes(G: nx.MultiDiGraph):
    for n, d in G._node.items():  # = G.nodes(data=True), without the view
        yield {**d, "id": n}


def _write_edges(fh, G: nx.MultiDiGraph, first: bool = True) -> None:
    """The JSON array items of the edges (no brackets), :data:`CHUNK` at a time: for each
    edge of ``G.edges(keys=True, data=True)`` its attributes, then ``source``, ``target``
    and ``key``.

    Each edge's attribute dict gets its ``source``/``target``/``key`` for as long as its
    chunk is encoded (then they are deleted again, also on an error), instead of being
    copied: the 1.46M copies of a 100k-paper build cost ~1 CPU s more (3.3 -> 2.3 s with
    the iteration; the graph's RELATED/CO_OCCURS dicts keep the larger table of 7 keys,
    ~80 MB). A dict that has one of those keys itself (or is one edge's twice) is copied, as
    before. ``tests/test_write_graph_fast.py`` checks the bytes against the copying writer."""
    rows: list[dict] = []
    marked: list[dict] = []
    for u, nbrs in G._succ.items():
        for v, keydict in nbrs.items():
            for k, d in keydict.items():
                if "source" in d or "target" in d or "key" in d:
                    rows.append({**d, "source": u, "target": v, "key": k})
                else:
                    d["source"] = u
                    d["target"] = v
                    d["key"] = k
                    rows.append(d)
                    marked.append(d)
                if len(rows) >= CHUNK:  # the chunks of the copying writer (a stdlib fallback is per chunk)
                    first = _write_chunk(fh, rows, marked, first)
                    rows, marked = [], []
    if rows:
        _write_chunk(fh, rows, marked, first)


def _write_chunk(fh, rows: list[dict], marked: list[dict], first: bool) -> bool:
    try:
        _write_items(fh, _dumps(rows), first)
    finally:
        for d in marked:
            del d["source"], d["target"], d["key"]
    return False


def _write_items(fh, array: bytes, first: bool) -> None:
    """The items of the encoded JSON ``array`` (a comma first unless ``first``), written
    without copying them (a 100k build writes 487 MB so)."""
    if not first:
        fh.write(b",")
    with memoryview(array) as view:
        fh.write(view[1:-1])


def _write_list(fh, items) -> None:
    """The JSON array items of ``items`` (no brackets), encoded :data:`CHUNK` at a time."""
    chunk, first = [], True
    for item in items:
        chunk.append(item)
        if len(chunk) >= CHUNK:
            _write_items(fh, _dumps(chunk), first)
            chunk, first = [], False
    if chunk:
        _write_items(fh, _dumps(chunk), first)


def write_graph_json(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write ``G`` as node-link JSON (atomically: a crash never leaves half a file)."""
    path = Path(path)
    with atomic_open(path, binary=True) as fh:
        fh.write(b'{"directed":%s,"multigraph":%s,"graph":%s,"nodes":['
                 % (_dumps(G.is_directed()), _dumps(G.is_multigraph()), _dumps(G.graph)))
        _write_list(fh, _nodes(G))
        fh.write(b'],"edges":[')
        _write_edges(fh, G)
        fh.write(b"]}")
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
