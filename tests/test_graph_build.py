"""The graph algorithms on small hand-built extractions (no extractor involved)."""

from __future__ import annotations

import itertools
import json
import math
import random

import networkx as nx
import numpy as np
from scipy import sparse
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.graph import build_graph, read_graph_json, write_graph_json
from graphkit.graph.builds_on import builds_on
from graphkit.graph.cites import cites
from graphkit.graph.cooccurs import cooccurrences
from graphkit.graph.metrics import pagerank
from graphkit.graph.related import related_pairs
from graphkit.model import ExtractedEntity, Mention, Paper, PaperExtraction


def paper(pid: str, title: str = "", date: str | None = None, refs=()) -> Paper:
    year = int(date[:4]) if date else None
    return Paper(pid, title or f"Paper {pid}", f"Abstract of {pid}.", date=date, year=year,
                 references=list(refs))


def ent(name: str, type_: str = "Method", introduced: bool = False, count: int = 1) -> ExtractedEntity:
    return ExtractedEntity(name, type_, introduced=introduced, count=count,
                           mentions=[Mention(name, 10 * i, 10 * i + len(name), i) for i in range(count)])


def extraction(p: Paper, *ents: ExtractedEntity) -> PaperExtraction:
    return PaperExtraction(p.id, p.title, list(ents))


@pytest.fixture
def small():
    """Five papers: B introduces MetaBench, A/C/D use it, E has no entities."""
    papers = [paper("a", date="2024-03-01"), paper("b", date="2024-01-01"), paper("c", date="2024-02-01"),
              paper("d", date="2023-01-01"), paper("e")]
    exs = [
        extraction(papers[0], ent("MetaBench", "Benchmark", count=2), ent("PPO"), ent("MuJoCo", "Simulator")),
        extraction(papers[1], ent("MetaBench", "Benchmark", introduced=True), ent("MuJoCo", "Simulator")),
        extraction(papers[2], ent("Meta-Bench", "Benchmark"), ent("PPO"), ent("SlowNet", introduced=True)),
        extraction(papers[3], ent("MetaBench", "Benchmark"), ent("MuJoCo", "Simulator")),
        extraction(papers[4]),
    ]
    return papers, exs


def test_nodes_mentions_introduces(small):
    papers, exs = small
    G = build_graph(papers, exs)
    mb = G.nodes["benchmark:metabench"]
    assert (mb["label"], mb["type"], mb["name"], mb["df"]) == ("Entity", "Benchmark", "MetaBench", 4)
    assert mb["aliases"] == ["Meta-Bench"]
    assert mb["introduced_by"] == ["b"]
    assert (mb["first_year"], mb["last_year"]) == (2023, 2024)
    m = G.edges["a", "benchmark:metabench", "MENTIONS"]
    assert m["type"] == "MENTIONS" and m["count"] == 2 and m["evidence"] == ["0-9", "10-19"]
    assert G.has_edge("b", "benchmark:metabench", "INTRODUCES")
    assert not G.has_edge("a", "benchmark:metabench", "INTRODUCES")
    assert G.nodes["e"]["entities"] == 0
    assert G.graph["issues"]["papers_without_entities"] == 1
    for n, d in G.nodes(data=True):
        assert isinstance(d["community"], int) and d["pagerank"] > 0 and d["degree"] == G.degree(n)
    # at most one edge per type per ordered pair, keyed by type
    for u, v, k, d in G.edges(keys=True, data=True):
        assert k == d["type"]


def test_builds_on_in_graph(small):
    papers, exs = small
    G = build_graph(papers, exs)
    links = sorted((u, v, d["via"]) for u, v, k, d in G.edges(keys=True, data=True) if k == "BUILDS_ON")
    # d (2023) cannot build on b (2024); b does not build on itself; e mentions nothing
    assert links == [("a", "b", ["benchmark:metabench"]), ("c", "b", ["benchmark:metabench"])]
    assert G.graph["issues"]["builds_on_skipped_later"] == 1


def test_builds_on_rules():
    pe = {"a": ["x", "y"], "b": ["x"], "c": ["x", "y"], "d": ["z"], "i1": ["z"], "i2": ["z"], "i3": ["z"], "i4": ["z"]}
    intro = {"x": ["b"], "y": ["c"], "z": ["i1", "i2", "i3", "i4"]}
    links, counts = builds_on(pe, intro, {}, max_introducers=3)
    assert links == [("a", "b", ["x"]), ("a", "c", ["y"]), ("c", "b", ["x"])]
    assert counts == {"ambiguous": 1, "later": 0}
    # a paper that also claims to introduce the entity does not build on the other claimant
    links, _ = builds_on({"p": ["x"], "q": ["x"]}, {"x": ["p", "q"]}, {})
    assert links == []


def test_related_weights_are_idf_and_top_k():
    pe = {"p1": ["rare", "common"], "p2": ["rare", "common"], "p3": ["common", "mid"],
          "p4": ["mid", "common"], "p5": ["common"], "p6": ["mid"]}
    n = len(pe)
    rel = related_pairs(pe, k=2, max_df=10)
    idf = lambda df: math.log(n / df)  # noqa: E731
    assert rel["p1"][0][0] == "p2"
    assert rel["p1"][0][1] == pytest.approx(idf(2) + idf(5))
    assert rel["p1"][0][2] == ["rare", "common"]  # most informative first
    assert all(len(v) <= 2 for v in rel.values())
    for neigh in rel.values():
        ws = [w for _, w, _ in neigh]
        assert ws == sorted(ws, reverse=True)


def test_entity_in_every_paper_links_nothing():
    pe = {f"p{i}": ["everywhere"] for i in range(20)}
    assert all(v == [] for v in related_pairs(pe, k=5).values())
    papers = [paper(f"p{i}") for i in range(20)]
    G = build_graph(papers, [extraction(p, ent("Everywhere")) for p in papers])
    assert G.nodes["method:everywhere"]["df"] == 20
    assert not any(k == "RELATED" for _, _, k in G.edges(keys=True))


def test_common_entity_is_not_expanded():
    """An entity above max_df is a stop entity: no candidate pairs, no weight."""
    pe = {f"p{i}": ["common"] for i in range(100)}
    pe["p0"] = ["common", "rare"]
    pe["p1"] = ["common", "rare"]
    rel = related_pairs(pe, k=5, max_df=10)
    assert [o for o, _, _ in rel["p0"]] == ["p1"]
    assert rel["p0"][0][2] == ["rare"]
    assert all(rel[f"p{i}"] == [] for i in range(2, 100))


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.sampled_from([f"p{i}" for i in range(12)]),
                       st.lists(st.sampled_from("abcdefgh"), max_size=5), min_size=2),
       st.integers(1, 4))
def test_related_matches_brute_force(pe, k):
    n = len(pe)
    df = {}
    for es in pe.values():
        for e in set(es):
            df[e] = df.get(e, 0) + 1
    rel = related_pairs(pe, k=k, max_df=n)
    for a in pe:
        brute = []
        for b in pe:
            shared = (set(pe[a]) & set(pe[b])) - {e for e in df if df[e] >= n}
            if a != b and shared:
                brute.append((-round(sum(math.log(n / df[e]) for e in shared), 9), b))
        brute.sort()
        got = [(o, w) for o, w, _ in rel[a]]
        assert [o for o, _ in got] == [b for _, b in brute[:k]]
        for (o, w), (bw, _) in zip(got, brute):
            assert w == pytest.approx(-bw)
        for o, _, shared in rel[a]:
            assert shared and set(shared) <= set(pe[a]) & set(pe[o])


def test_cooccurs_association_strength():
    pe = {"p1": ["a", "b"], "p2": ["a", "b"], "p3": ["a", "c"], "p4": ["d"]}
    got = {(a, b): (c, w) for a, b, c, w in cooccurrences(pe)}
    assert set(got) == {("a", "b"), ("a", "c")}
    assert got["a", "b"] == (2, pytest.approx(4 * 2 / (3 * 2)))
    assert got["a", "c"] == (1, pytest.approx(4 * 1 / (3 * 1)))
    assert cooccurrences(pe, min_papers=2) == [("a", "b", 2, pytest.approx(4 / 3))]


def test_cites_resolution_and_bad_references():
    a = Paper("arxiv:2401.00001", "MetaBench: A Benchmark", "x", arxiv_id="2401.00001",
              references=["arXiv:2401.00001"])  # self-reference
    b = Paper("doi:10.1234/b", "FastPolicy", "y", doi="10.1234/b",
              references=["2401.00001", "https://arxiv.org/abs/2401.00001v3", "Unknown Title"])
    c = Paper("title:c", "SlowPolicy", "z", references=["fastpolicy", "https://doi.org/10.1234/B"])
    edges, counts = cites([a, b, c])
    assert edges == [("doi:10.1234/b", "arxiv:2401.00001", "2401.00001"),
                     ("title:c", "doi:10.1234/b", "fastpolicy")]
    assert counts == {"references": 6, "resolved": 4, "unresolved": 1, "self": 1}
    G = build_graph([a, b, c], [extraction(p) for p in (a, b, c)])
    assert sum(1 for *_, k in G.edges(keys=True) if k == "CITES") == 2
    assert G.graph["issues"]["self_references"] == 1
    assert G.graph["issues"]["unresolved_references"] == 1


# The hand-written sparse power iteration graphkit used before nx.pagerank: the reference.
def handwritten_pagerank(G: nx.MultiDiGraph, *, alpha: float = 0.85, max_iter: int = 100,
             tol: float = 1.0e-6) -> dict[str, float]:
    nodes = sorted(G.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    rows, cols, data = [], [], []
    for u, nbrs in G.succ.items():  # parallel edges of a multigraph add up
        iu = index[u]
        for v, keys in nbrs.items():
            rows.append(iu)
            cols.append(index[v])
            data.append(len(keys))
    A = sparse.csr_matrix((np.array(data, dtype=np.float64), (np.array(rows, dtype=np.int64),
                           np.array(cols, dtype=np.int64))), shape=(n, n))
    out_w = np.asarray(A.sum(axis=1)).ravel()
    dangling = out_w == 0
    inv = np.zeros(n)
    inv[~dangling] = 1.0 / out_w[~dangling]
    M = (sparse.diags(inv) @ A).T.tocsr()  # column-stochastic, transposed for M @ x
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        prev = x
        x = alpha * (M @ prev + prev[dangling].sum() / n) + (1.0 - alpha) / n
        if np.abs(x - prev).sum() < n * tol:
            break
    else:
        raise nx.PowerIterationFailedConvergence(max_iter)
    return {v: float(x[i]) for i, v in enumerate(nodes)}


def test_pagerank_is_networkx_and_equals_the_former_handwritten_one(small, sample_graph):
    papers, exs = small
    for G in (build_graph(papers, exs), sample_graph):
        ours, old, plain = pagerank(G), handwritten_pagerank(G), nx.pagerank(G, weight=None)
        assert set(ours) == set(old) == set(G)
        assert max(abs(ours[k] - old[k]) for k in ours) < 1e-9
        assert max(abs(ours[k] - plain[k]) for k in ours) < 1e-9
    assert abs(sum(ours.values()) - 1) < 1e-9 and len(ours) > 500


def networkx_on_sorted_copy(G: nx.MultiDiGraph) -> dict[str, float]:
    """What metrics.pagerank ran before: nx.pagerank on a sorted DiGraph copy of ``G``."""
    H = nx.DiGraph()
    H.add_nodes_from(sorted(G))
    H.add_weighted_edges_from((u, v, len(keys)) for u, nbrs in G.succ.items() for v, keys in nbrs.items())
    return {v: float(x) for v, x in nx.pagerank(H, weight="weight").items()}


def test_pagerank_has_the_bits_of_networkx_on_a_sorted_copy(small, sample_graph):
    papers, exs = small
    for G in (build_graph(papers, exs), sample_graph):
        ours, ref = pagerank(G), networkx_on_sorted_copy(G)
        assert list(ours) == list(ref) and ours == ref  # equal floats, not merely close
    assert pagerank(nx.MultiDiGraph()) == {}


def test_order_independent_and_json_round_trip(small, tmp_path):
    papers, exs = small
    G1 = build_graph(papers, exs)
    pairs = list(zip(papers, exs))
    random.Random(3).shuffle(pairs)
    G2 = build_graph([p for p, _ in pairs], [e for _, e in pairs])
    key = lambda G: (sorted((n, json.dumps(d, sort_keys=True)) for n, d in G.nodes(data=True)),  # noqa: E731
                     sorted((u, v, k, json.dumps(d, sort_keys=True)) for u, v, k, d in G.edges(keys=True, data=True)))
    assert key(G1) == key(G2)
    H = read_graph_json(write_graph_json(G1, tmp_path / "graph.json"))
    assert key(H) == key(G1) and H.graph == json.loads(json.dumps(G1.graph))


def test_extraction_of_unknown_paper_and_twice(small):
    papers, exs = small
    stray = PaperExtraction("nowhere", "x", [ent("Ghost")])
    G = build_graph(papers, exs + [stray, exs[0]])
    assert "method:ghost" not in G
    assert G.graph["issues"]["extractions_without_paper"] == 2
    assert G.nodes["benchmark:metabench"]["df"] == 4


def test_two_spellings_in_one_paper_are_one_mention():
    p = paper("p")
    G = build_graph([p], [extraction(p, ent("Meta-World", "Benchmark"), ent("MetaWorld", "Benchmark", count=2))])
    d = G.edges["p", "benchmark:metaworld", "MENTIONS"]
    assert d["count"] == 3 and len(d["evidence"]) == 3
    assert G.nodes["benchmark:metaworld"]["df"] == 1
    assert set(G.nodes["benchmark:metaworld"]["aliases"]) | {G.nodes["benchmark:metaworld"]["name"]} == {"Meta-World", "MetaWorld"}


def test_communities_group_cooccurring_entities():
    """Two disjoint topics -> two communities; papers follow their entities."""
    papers = [paper(f"r{i}") for i in range(4)] + [paper(f"l{i}") for i in range(4)]
    exs = [extraction(p, ent("MuJoCo", "Simulator"), ent("PPO"), ent("MetaBench", "Benchmark")) for p in papers[:4]]
    exs += [extraction(p, ent("GPT-4"), ent("WebShop", "Benchmark"), ent("ReAct")) for p in papers[4:]]
    G = build_graph(papers, exs)
    c = nx.get_node_attributes(G, "community")
    assert c["r0"] == c["r3"] == c["simulator:mujoco"] == c["method:ppo"]
    assert c["l0"] == c["l3"] == c["method:gpt4"] == c["benchmark:webshop"]
    assert c["r0"] != c["l0"]
    assert sorted(set(c.values())) == [0, 1]


@pytest.mark.parametrize("k", [1, 3])
def test_related_k_in_graph(small, k):
    papers, exs = small
    G = build_graph(papers, exs, related_k=k)
    for p in papers:
        out = [(d["rank"], d["weight"]) for _, _, key, d in G.out_edges(p.id, keys=True, data=True) if key == "RELATED"]
        assert len(out) <= k
        assert [w for _, w in sorted(out)] == sorted((w for _, w in out), reverse=True)
    assert G.graph["related_k"] == k


def test_no_pairs_enumerated_for_single_papers():
    assert related_pairs({"only": ["x"]}) == {"only": []}
    assert cooccurrences({}) == []
    assert list(itertools.chain(*related_pairs({"a": [], "b": []}).values())) == []
