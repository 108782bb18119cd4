"""Acceptance on the bundled sample (data/): BUILDS_ON links, RELATED, node metrics.

These depend on extraction quality as much as on the graph: they are the acceptance tests
of issue 4 and use the real extractor through the shared ``sample_graph`` build."""

from __future__ import annotations

import pytest

from graphkit.graph import build_graph, graph_stats, read_graph_json

META_WORLD = "Meta-World: A Benchmark and Evaluation for Multi-Task and Meta Reinforcement Learning"


def paper_by_title(G, prefix: str) -> str:
    hits = [n for n, d in G.nodes(data=True) if d.get("label") == "Paper" and d["title"].startswith(prefix)]
    assert len(hits) == 1, (prefix, hits)
    return hits[0]


def builds_on(G, a: str, b: str) -> list[str] | None:
    return G.edges[a, b, "BUILDS_ON"]["via"] if G.has_edge(a, b, "BUILDS_ON") else None


def test_meta_world_papers_build_on_meta_world(sample_graph):
    G = sample_graph
    mw = paper_by_title(G, META_WORLD)
    users = [n for n, d in G.nodes(data=True) if d.get("label") == "Paper" and n != mw
             and any(s in d["abstract"] + d["title"] for s in ("Meta-World", "MetaWorld"))]
    assert len(users) >= 2
    for u in users:
        via = builds_on(G, u, mw)
        assert via is not None, G.nodes[u]["title"]
        assert any(G.nodes[e]["name"].replace("-", "").lower() == "metaworld" for e in via)


def test_univla_builds_on_openvla(sample_graph):
    G = sample_graph
    via = builds_on(G, paper_by_title(G, "UniVLA"), paper_by_title(G, "OpenVLA: An Open-Source"))
    assert via and [G.nodes[e]["name"] for e in via] == ["OpenVLA"]


def test_language_to_rewards_builds_on_code_as_policies(sample_graph):
    G = sample_graph
    assert builds_on(G, paper_by_title(G, "Language to Rewards for Robotic Skill Synthesis"),
                     paper_by_title(G, "Code as Policies"))


def test_related_neighbours_share_entities_and_are_ordered(sample_graph):
    G = sample_graph
    k = G.graph["related_k"]
    papers = [n for n, d in G.nodes(data=True) if d["label"] == "Paper"]
    with_neighbours = 0
    for p in papers:
        out = sorted(((d["rank"], v, d) for _, v, key, d in G.out_edges(p, keys=True, data=True)
                      if key == "RELATED"), key=lambda t: t[0])
        assert len(out) <= k
        with_neighbours += bool(out)
        mine = {e for _, e, key in G.out_edges(p, keys=True) if key == "MENTIONS"}
        for rank, v, d in out:
            theirs = {e for _, e, key in G.out_edges(v, keys=True) if key == "MENTIONS"}
            assert d["shared"] and set(d["shared"]) <= mine & theirs
            assert G.nodes[v]["label"] == "Paper" and v != p
        weights = [d["weight"] for _, _, d in out]
        assert weights == sorted(weights, reverse=True)
        assert [r for r, _, _ in out] == list(range(1, len(out) + 1))
    assert with_neighbours > len(papers) * 0.7


def test_every_node_has_metrics_and_contract_attributes(sample_graph):
    G = sample_graph
    for n, d in G.nodes(data=True):
        assert d["id"] == n and isinstance(d["community"], int) and d["pagerank"] > 0
        assert d["degree"] == G.degree(n)
        if d["label"] == "Entity":
            assert d["df"] == sum(1 for _, _, k in G.in_edges(n, keys=True) if k == "MENTIONS") >= 1
            assert {"name", "type", "aliases", "introduced_by", "first_year", "last_year"} <= set(d)
        else:
            assert {"title", "abstract", "date", "year", "url", "authors", "upvotes", "source"} <= set(d)
    types = {k for _, _, k in G.edges(keys=True)}
    assert {"MENTIONS", "INTRODUCES", "RELATED", "CO_OCCURS", "BUILDS_ON"} <= types
    assert abs(sum(nx_pr for _, nx_pr in G.nodes(data="pagerank")) - 1) < 1e-6


def test_graph_json_of_the_build_reads_back(sample_out, sample_graph):
    H = read_graph_json(sample_out)
    assert H.number_of_nodes() == sample_graph.number_of_nodes()
    assert H.number_of_edges() == sample_graph.number_of_edges()
    assert graph_stats(H) == graph_stats(sample_graph)


def test_stats_on_sample(sample_graph):
    s = graph_stats(sample_graph, top=5)
    mw = paper_by_title(sample_graph, META_WORLD)
    assert s["most_built_on"][0]["id"] == mw
    assert s["counts"]["nodes_by_label"]["Paper"] == 190
    assert sum(c["size"] for c in graph_stats(sample_graph, top=10_000)["communities"]) == sample_graph.number_of_nodes()
    assert all(len(v) <= 5 for v in s["top_entities"].values())


def test_shared_corpus_slice(api_dir):
    """A slice of the real HF API corpus: invariants hold on other data than the sample."""
    from graphkit.extract import extract_papers
    from graphkit.readers import read_paths

    papers = read_paths(sorted(api_dir.glob("*.json"))[:8]).papers
    G = build_graph(papers, extract_papers(papers), related_k=5)
    assert sum(1 for _, d in G.nodes(data=True) if d["label"] == "Paper") == len(papers) > 50
    for u, v, k, d in G.edges(keys=True, data=True):
        if k == "BUILDS_ON":
            assert u != v and all(G.has_edge(v, e, "INTRODUCES") and G.has_edge(u, e, "MENTIONS") for e in d["via"])
            du, dv = G.nodes[u]["date"], G.nodes[v]["date"]
            assert not (du and dv and len(du) == len(dv) == 10 and dv > du)
