"""write_graph_json's edge rows (the graph's own attribute dicts, given source/target/key
while their chunk is encoded) give the bytes of the copying writer, and leave the graph as
it was: on the data/ sample graph, with odd attributes, and when encoding fails."""

from __future__ import annotations

import copy
import io

import networkx as nx
import pytest

from graphkit.graph import io as gio


def copying_writer(G) -> bytes:
    """The reference: every edge row a copy, ``{**d, "source": u, "target": v, "key": k}``."""
    fh = io.BytesIO()
    fh.write(b'{"directed":%s,"multigraph":%s,"graph":%s,"nodes":['
             % (gio._dumps(G.is_directed()), gio._dumps(G.is_multigraph()), gio._dumps(G.graph)))
    gio._write_list(fh, gio._nodes(G))
    fh.write(b'],"edges":[')
    gio._write_list(fh, ({**d, "source": u, "target": v, "key": k} for u, v, k, d in G.edges(keys=True, data=True)))
    fh.write(b"]}")
    return fh.getvalue()


def snapshot(G):
    return [(u, v, k, list(d.items())) for u, v, k, d in G.edges(keys=True, data=True)]


def check(G, tmp_path, chunk=None, monkeypatch=None):
    if chunk:
        monkeypatch.setattr(gio, "CHUNK", chunk)
    before = copy.deepcopy(snapshot(G))
    want = copying_writer(G)
    gio.write_graph_json(G, tmp_path / "graph.json")
    assert (tmp_path / "graph.json").read_bytes() == want
    assert snapshot(G) == before


def test_sample_graph_bytes(sample_graph, tmp_path, monkeypatch):
    G = sample_graph.copy()  # the session's graph stays untouched
    assert G.number_of_edges() > 1000
    check(G, tmp_path)
    check(G, tmp_path, chunk=7, monkeypatch=monkeypatch)  # many chunks


def test_odd_edges(tmp_path, monkeypatch):
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="R", type="R", weight=0.000015)
    G.add_edge("a", "b", key="S", type="S", key_="x", source="mine")   # its own "source"
    G.add_edge("b", "a", key="T")                                       # no attributes
    G.add_node("c")
    shared = {"type": "X", "w": 1}
    G._succ["b"]["c"] = G._pred["c"]["b"] = {"X": shared}              # one dict, two edges
    G._succ["c"]["a"] = G._pred["a"]["c"] = {"X": shared}
    check(G, tmp_path)
    check(G, tmp_path, chunk=1, monkeypatch=monkeypatch)
    check(G, tmp_path, chunk=2, monkeypatch=monkeypatch)


def test_failed_encoding_leaves_graph(tmp_path):
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="R", type="R")
    G.add_edge("b", "c", key="R", type="R", bad=object())
    before = snapshot(G)
    with pytest.raises(TypeError):
        gio.write_graph_json(G, tmp_path / "graph.json")
    assert snapshot(G) == before
    assert not (tmp_path / "graph.json").exists()
