"""The issue's acceptance path against local stand-ins: ``fetch hf-daily`` over three real
recorded days, ``fetch references`` over that folder, ``build DIR --references FILE`` gives
every paper, every citation between them and the external cited works; ``--update`` and the
exports keep the external works."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from pytest_httpserver import HTTPServer

from fetch_standin import ACCEPTANCE_DAYS, EXTERNAL, acceptance, run_main
from graphkit.graph import read_graph_json
from graphkit.ids import title_hash


@pytest.fixture(scope="module")
def run(api_dir, tmp_path_factory):
    server = HTTPServer()
    server.start()
    try:
        yield acceptance(server, api_dir, tmp_path_factory.mktemp("acceptance"))
    finally:
        server.clear()
        server.stop()


def test_every_paper_every_citation_and_the_external_works(run, api_dir):
    for code, out, err in run["runs"]:
        assert code == 0, err
    items = [it for d in ACCEPTANCE_DAYS for it in json.loads((api_dir / f"{d}.json").read_text())]
    for d in ACCEPTANCE_DAYS:  # the day files are the API's bodies, unchanged
        assert json.loads((run["hf"] / f"{d}.json").read_text()) == json.loads((api_dir / f"{d}.json").read_text())
    G = read_graph_json(run["out"])
    corpus = {n for n, d in G.nodes(data=True) if d["label"] == "Paper" and not d.get("external")}
    assert corpus == {f"arxiv:{it['paper']['id']}" for it in items}
    # every citation between corpus papers the stand-in knows
    world = run["world"]
    want_internal, want_external = set(), set()
    for key, p in world.papers.items():
        citing = "arxiv:" + key[6:]
        for r in p["references"]:
            ext = r.get("externalIds") or {}
            if ext.get("ArXiv") and f"arxiv:{ext['ArXiv']}" in corpus:
                want_internal.add((citing, f"arxiv:{ext['ArXiv']}"))
            else:
                want_external.add((citing, r["title"]))
    cites = {(u, v) for u, v, k in G.edges(keys=True) if k == "CITES"}
    assert {(u, v) for u, v in cites if v in corpus} == want_internal and want_internal
    ext_nodes = {n: d for n, d in G.nodes(data=True) if d.get("external")}
    assert {(u, G.nodes[v]["title"]) for u, v in cites if v in ext_nodes} == want_external
    # one node per external work, with a stable id like in-corpus papers
    assert sorted(d["title"] for d in ext_nodes.values()) == sorted(w["title"] for w in EXTERNAL)
    assert "arxiv:1706.03762" in ext_nodes and "doi:10.1162/neco.1997.9.8.1735" in ext_nodes
    assert f"title:{title_hash('Layer Normalization')}" in ext_nodes
    assert all(d["label"] == "Paper" and d["community"] is not None for d in ext_nodes.values())
    summary = json.loads(run["runs"][2][1])
    assert summary["nodes_by_label"]["Paper"] == len(corpus)
    assert summary["nodes_by_label"]["Paper (external)"] == len(EXTERNAL)
    assert summary["edges_by_type"]["CITES"] == len(cites)
    # the fetch summary names what is missing (papers the stand-in does not know)
    assert f"not found {len(corpus) - len(world.papers)}" in run["runs"][1][1]


def test_update_keeps_references_and_equals_a_full_build(run, tmp_path):
    days = sorted(run["hf"].glob("*.json"))
    code, _, err = run_main("build", days[0], "--references", run["refs"], "--out", tmp_path / "u",
                            "--no-html", "--no-store")
    assert code == 0, err
    code, _, err = run_main("build", *days[1:], "--out", tmp_path / "u", "--update", "--no-html", "--no-store")
    assert code == 0, err
    full, upd = read_graph_json(run["out"]), read_graph_json(tmp_path / "u")
    assert sorted(full.edges(keys=True)) == sorted(upd.edges(keys=True))
    assert {n for n, d in full.nodes(data=True) if d.get("external")} == \
        {n for n, d in upd.nodes(data=True) if d.get("external")}


def test_exports_carry_external_papers(run, tmp_path):
    G = read_graph_json(run["out"])
    ext = {n for n, d in G.nodes(data=True) if d.get("external")}
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"g.{fmt}"
        code, _, err = run_main("export", "--graph", run["out"], "--to", fmt, "-o", path)
        assert code == 0, err
        H = reader(path)
        assert H.number_of_nodes() == G.number_of_nodes()
        assert {n for n, d in H.nodes(data=True) if d.get("external") in (True, "true")} == ext
    code, _, err = run_main("export", "--graph", run["out"], "--to", "neo4j-csv", "-o", tmp_path / "csv")
    assert code == 0, err
    text = (tmp_path / "csv" / "nodes_Paper.csv").read_text()
    assert "external:boolean" in text.splitlines()[0] and text.count(",true,") >= len(ext)
    code, _, err = run_main("export", "--graph", run["out"], "--to", "cypher", "-o", tmp_path / "g.cypher")
    assert code == 0, err
    assert (tmp_path / "g.cypher").read_text().count("external: true") == len(ext)
    code, _, err = run_main("export", "--graph", run["out"], "--to", "vosviewer", "-o", tmp_path / "v.json")
    assert code == 0, err  # an entity map: papers, external or not, are not items
    items = json.loads((tmp_path / "v.json").read_text())["network"]["items"]
    assert len(items) == sum(1 for _, d in G.nodes(data=True) if d["label"] == "Entity")


def test_stats_lists_most_cited_works(run):
    code, out, err = run_main("stats", "--graph", run["out"], "--format", "json")
    assert code == 0, err
    s = json.loads(out)
    G = read_graph_json(run["out"])
    indeg = sorted((sum(1 for *_, k in G.in_edges(n, keys=True) if k == "CITES"), n) for n in G)
    assert s["most_cited"][0]["cited_by"] == indeg[-1][0]
    assert s["counts"]["nodes_by_label"]["Paper (external)"] == len(EXTERNAL)
