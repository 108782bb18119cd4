"""File exports: GraphML and GEXF load back in networkx, node-link JSON, VOSviewer JSON."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from graphkit.exporters import export
from graphkit.exporters.vosviewer import vosviewer_map
from graphkit.graph import read_graph_json


def validate_vosviewer(doc: dict) -> None:
    """The documented VOSviewer JSON format (app.vosviewer.com/docs/file-types/json-file-type)."""
    assert set(doc) <= {"network", "config", "info"}
    net = doc["network"]
    assert set(net) <= {"items", "links", "clusters"}
    ids = set()
    for it in net["items"]:
        assert set(it) <= {"id", "label", "description", "url", "x", "y", "cluster", "weights", "scores"}
        assert isinstance(it["id"], (int, str)) and it["id"] not in ids
        ids.add(it["id"])
        assert isinstance(it["label"], str) and it["label"]
        assert isinstance(it["cluster"], int) and 1 <= it["cluster"] <= 1000
        for w in it.get("weights", {}).values():
            assert isinstance(w, (int, float)) and w >= 0
        for s in it.get("scores", {}).values():
            assert isinstance(s, (int, float))
    for ln in net["links"]:
        assert set(ln) <= {"source_id", "target_id", "strength"}
        assert ln["source_id"] in ids and ln["target_id"] in ids
        assert isinstance(ln["strength"], (int, float)) and ln["strength"] >= 0
    for c in net.get("clusters", []):
        assert isinstance(c["cluster"], int) and 1 <= c["cluster"] <= 1000 and isinstance(c["label"], str)


def counts(G) -> tuple[int, int]:
    return G.number_of_nodes(), G.number_of_edges()


def test_graphml_loads_back(sample_graph, tmp_path):
    path = export(sample_graph, tmp_path / "g.graphml", "graphml")
    H = nx.read_graphml(path, force_multigraph=True)
    assert counts(H) == counts(sample_graph)
    mw = next(n for n, d in H.nodes(data=True) if d.get("name") == "Meta-World")
    assert H.nodes[mw]["label"] == "Entity" and H.nodes[mw]["type"] == "Benchmark"
    types = {d["type"] for *_, d in H.edges(data=True)}
    assert {"MENTIONS", "RELATED", "BUILDS_ON"} <= types
    rel = next(d for *_, d in H.edges(data=True) if d["type"] == "RELATED")
    assert isinstance(rel["shared"], str) and isinstance(rel["weight"], float)


def test_gexf_loads_back(sample_graph, tmp_path):
    path = export(sample_graph, tmp_path / "g.gexf", "gexf")
    H = nx.read_gexf(path)
    assert counts(H) == counts(sample_graph)
    kinds = {d["kind"] for _, d in H.nodes(data=True)}
    assert kinds == {"Paper", "Entity"}
    rels = {d["relationship"] for *_, d in H.edges(data=True)}
    assert {"MENTIONS", "RELATED", "CO_OCCURS", "BUILDS_ON"} <= rels
    assert "<?xml" in path.read_text(encoding="utf-8")[:100]


def test_nodelink_json_is_graph_json(sample_graph, tmp_path):
    H = read_graph_json(export(sample_graph, tmp_path / "g.json", "json"))
    assert counts(H) == counts(sample_graph)


def test_vosviewer_validates(sample_graph, tmp_path):
    path = export(sample_graph, tmp_path / "map.json", "vosviewer")
    doc = json.loads(path.read_text(encoding="utf-8"))
    validate_vosviewer(doc)
    items = doc["network"]["items"]
    n_ent = sum(1 for _, d in sample_graph.nodes(data=True) if d["label"] == "Entity")
    assert len(items) == n_ent
    n_co = sum(1 for *_, k in sample_graph.edges(keys=True) if k == "CO_OCCURS")
    assert len(doc["network"]["links"]) == n_co
    mw = next(i for i in items if i["label"] == "Meta-World")
    assert mw["weights"]["Occurrences"] == sample_graph.nodes["benchmark:metaworld"]["df"]
    assert "Benchmark" in mw["description"]


def test_vosviewer_options(sample_graph):
    doc = vosviewer_map(sample_graph, max_items=20, cluster_by="type")
    validate_vosviewer(doc)
    assert len(doc["network"]["items"]) == 20
    labels = {c["label"] for c in doc["network"]["clusters"]}
    assert labels <= {"Method", "Benchmark", "Dataset", "Robot", "Simulator", "Topic"}


def test_export_cli(cli, sample_out, tmp_path):
    r = cli("export", "--graph", sample_out, "--to", "graphml", "-o", tmp_path / "x.graphml")
    assert r.returncode == 0, r.stderr
    assert Path(r.stdout.strip()) == tmp_path / "x.graphml"
    H = nx.read_graphml(tmp_path / "x.graphml", force_multigraph=True)
    assert counts(H) == counts(read_graph_json(sample_out))
    r = cli("export", "--graph", sample_out, "--to", "nope", "-o", tmp_path / "x")
    assert r.returncode != 0 and r.stderr.count("\n") == 1 and "unknown export format" in r.stderr


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_awkward_values_survive(tmp_path, fmt):
    """Lists, dicts, None, unicode and markup characters in attributes stay valid XML."""
    G = nx.MultiDiGraph(issues={"x": 1})
    G.add_node("p", label="Paper", id="p", title="<b>&amp; \u00e9 \"q\"", authors=["A|B", "C"], year=None, upvotes=3)
    G.add_node("e", label="Entity", id="e", name="π-net", type="Method", aliases=[], df=1)
    G.add_edge("p", "e", key="MENTIONS", type="MENTIONS", count=1, evidence=["0-4"], sentences=[0])
    path = export(G, tmp_path / f"g.{fmt}", fmt)
    H = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    assert counts(H) == (2, 1)
    title = H.nodes["p"]["title"] if fmt == "graphml" else H.nodes["p"]["title"]
    assert title == "<b>&amp; \u00e9 \"q\""


XML_ILLEGAL = "\ufffe\uffff\x00\x01\x08\x0b\x0c\x1f\ud800"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_illegal_characters_still_give_xml_that_round_trips(fmt, tmp_path):
    """U+FFFE/U+FFFF, C0 controls and lone surrogates are not XML: they become U+FFFD, so a
    real XML parser reads the file and networkx loads the same nodes and edges back."""
    import xml.etree.ElementTree as ET

    G = nx.MultiDiGraph(related_k=10)
    title = "Robo" + XML_ILLEGAL + "Net: tabs\tand newlines\nkept"
    G.add_node("arxiv:1", label="Paper", id="arxiv:1", title=title, authors=["A\uffffB", "C"], year=2024)
    G.add_node("method:x\ufffe", label="Entity", id="method:x\ufffe", name="X\ufffe", type="Method",
               aliases=["x\x00y"], df=1)
    G.add_edge("arxiv:1", "method:x\ufffe", key="MENTIONS", type="MENTIONS", count=1,
               evidence=["0-4"], sentences=[0])
    path = export(G, tmp_path / f"g.{fmt}", fmt)
    data = path.read_bytes()
    ET.fromstring(data)  # expat, strict: a character XML forbids is a parse error
    try:
        from lxml import etree
    except ImportError:
        pass
    else:
        etree.fromstring(data, etree.XMLParser(recover=False))  # and libxml2, when installed
    H = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    assert counts(H) == counts(G)
    want = "Robo" + "\ufffd" * len(XML_ILLEGAL) + "Net: tabs\tand newlines\nkept"
    paper = H.nodes["arxiv:1"]
    assert paper.get("title", paper.get("label")) == want
    assert "method:x\ufffd" in H
    assert paper["authors"] == "A\ufffdB|C"


def test_backtick_in_a_property_key_exports_to_cypher(cli, tmp_path):
    """A hand-edited graph.json with a backtick in a property key: `--to cypher` escapes it
    the openCypher way (doubled inside backticks) instead of crashing."""
    G = read_graph_json(Path(__file__).parent / "fixtures" / "store" / "tricky_graph.json")
    G.nodes["arxiv:2401.00001"]["we`ird key"] = "v"
    G.nodes["arxiv:2401.00001"]["meta`map"] = {"in`ner": 1}
    d = tmp_path / "g"
    d.mkdir()
    (d / "graph.json").write_text(json.dumps(nx.node_link_data(G, edges="edges")), encoding="utf-8")
    r = cli("export", "--graph", d, "--to", "cypher", "-o", tmp_path / "g.cypher")
    assert r.returncode == 0, r.stderr
    text = (tmp_path / "g.cypher").read_text(encoding="utf-8")
    assert "`we``ird key`: " in text and "Traceback" not in r.stderr
