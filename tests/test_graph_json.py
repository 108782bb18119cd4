"""graph.json as written by write_graph_json (orjson): the document networkx's node-link
data gives through the stdlib encoder, whatever the values (tiny floats, numpy scalars,
non-ASCII text, an int orjson cannot encode)."""

from __future__ import annotations

import json

import networkx as nx
import numpy as np

from graphkit.graph import read_graph_json, write_graph_json


def sample() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(related_k=10, issues={"stop_entities": 2})
    G.add_node("p1", label="Paper", title="Vidéo — “quoted” \u2028 \x01", pagerank=1.5e-05, year=None)
    G.add_node("e1", label="Entity", aliases=["a", "b"], pagerank=np.float64(3.0000000000000004e-07), df=np.int64(3))
    G.add_edge("p1", "e1", key="MENTIONS", type="MENTIONS", count=2, evidence=["0-4"], weight=1e16)
    G.add_edge("e1", "p1", key="RELATED", type="RELATED", weight=0.1, shared=[])
    return G


def test_same_document_as_the_stdlib_encoder(tmp_path):
    G = sample()
    path = write_graph_json(G, tmp_path / "graph.json")
    want = json.loads(json.dumps(nx.node_link_data(G, edges="edges"), default=lambda o: o.item()))
    assert json.loads(path.read_text(encoding="utf-8")) == want
    H = read_graph_json(path)
    assert H.nodes["e1"]["pagerank"] == 3.0000000000000004e-07 and H.nodes["p1"]["title"] == G.nodes["p1"]["title"]


def test_a_value_orjson_refuses_falls_back_to_the_stdlib(tmp_path):
    G = sample()
    G.nodes["p1"]["upvotes"] = 2**70  # beyond orjson's 64-bit integers
    data = json.loads((write_graph_json(G, tmp_path / "graph.json")).read_text(encoding="utf-8"))
    assert [d["upvotes"] for d in data["nodes"] if d["id"] == "p1"] == [2**70]
