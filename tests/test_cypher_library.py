"""The query library cypher/*.cypher: every file runs on the store built from data/ and its
answer equals the same question answered in Python on the networkx graph; every file has its
header (question, parameters, example). Neo4j's own parser checks every file in
tests/test_neo4j_push.py (one linter run for everything graphkit sends to Neo4j)."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from graphkit.store.embedded import EmbeddedStore
from graphkit.store.query import load_query

CYPHER = Path(__file__).resolve().parents[1] / "cypher"
FILES = sorted(CYPHER.glob("*.cypher"))


@pytest.fixture(scope="module")
def store(sample_out):
    with EmbeddedStore.open(sample_out) as s:
        yield s


@pytest.fixture(scope="module")
def G(sample_graph):
    return sample_graph


def run(store, query_file: str, **params) -> list[dict]:
    q = load_query(str(CYPHER / f"{query_file}.cypher"))
    values = {**q.defaults, **params}
    return store.query(q.text, {k: values[k] for k in q.parameters}, read_only=True).records()


def q_default(name: str, param: str):
    return load_query(str(CYPHER / f"{name}.cypher")).defaults[param]


# -- helpers over the networkx graph ---------------------------------------------------------
def nodes(G, label=None, type_=None):
    return {n: d for n, d in G.nodes(data=True)
            if (label is None or d["label"] == label) and (type_ is None or d.get("type") == type_)}


def named(d, name: str) -> bool:
    name = name.lower()
    return d["name"].lower() == name or any(a.lower() == name for a in d.get("aliases") or [])


def paper_matches(d, key: str) -> bool:
    return d["id"] == key or d.get("arxiv_id") == key or key.lower() in d["title"].lower()


def out(G, n, rel):
    return [(v, d) for _, v, k, d in G.out_edges(n, keys=True, data=True) if k == rel]


def has(G, u, v, rel) -> bool:
    return G.has_edge(u, v, key=rel)


def mentions(G, p):
    return {v for v, _ in out(G, p, "MENTIONS")}


# -- the files --------------------------------------------------------------------------------
def test_at_least_twelve_files_each_with_a_header_and_defaults():
    assert len(FILES) >= 12
    for f in FILES:
        text = f.read_text()
        for field in ("// Question:", "// Parameters:", "// Example: graphkit query cypher/"):
            assert field in text, f"{f.name} lacks {field}"
        q = load_query(str(f))
        assert set(q.parameters) <= set(q.defaults), f"{f.name}: parameters without a default"


def test_papers_using_benchmark(store, G):
    rows = run(store, "papers_using_benchmark")
    bench = [n for n, d in nodes(G, "Entity", "Benchmark").items() if named(d, "LIBERO")]
    want = sorted(((-d["count"], p) for b in bench for p, _, d in G.in_edges(b, data=True)
                   if d["type"] == "MENTIONS"))
    assert [(-r["mentions"], r["paper"]) for r in rows] == want
    assert rows and all(r["benchmark"] == "LIBERO" for r in rows)
    assert run(store, "papers_using_benchmark", name="libero") == rows  # any case


def benchmark_papers(G, name):
    bench = [n for n, d in nodes(G, "Entity", "Benchmark").items() if named(d, name)]
    return bench, {p for b in bench for p, _, k in G.in_edges(b, keys=True) if k == "MENTIONS"}


def test_benchmarks_used_with_libero(store, G):
    rows = run(store, "benchmarks_used_with", limit=1000)
    bench, P = benchmark_papers(G, "LIBERO")
    c = Counter()
    for o in nodes(G, "Entity", "Benchmark"):
        if o in bench:
            continue
        n = len({p for p in P if has(G, p, o, "MENTIONS")})
        if n:
            c[G.nodes[o]["name"]] += n
    assert sorted((r["benchmark"], r["papers"]) for r in rows) == sorted(c.items())
    assert rows, "LIBERO shares papers with other benchmarks in the sample"
    assert [r["papers"] for r in rows] == sorted((r["papers"] for r in rows), reverse=True)


def test_methods_on_benchmark(store, G):
    rows = run(store, "methods_on_benchmark")
    _, P = benchmark_papers(G, "LIBERO")
    want = {}
    for m, d in nodes(G, "Entity", "Method").items():
        ps = [p for p in P if has(G, p, m, "MENTIONS")]
        if ps:
            want[(d["name"], m)] = (len(ps), sum(has(G, p, m, "INTRODUCES") for p in ps))
    got = sorted((r["method"], r["papers"], r["introduced_here"]) for r in rows)
    assert got == sorted((k[0], *v) for k, v in want.items())
    assert rows


def test_robot_benchmark_matrix(store, G):
    rows = run(store, "robot_benchmark_matrix")
    robots, benches = nodes(G, "Entity", "Robot"), nodes(G, "Entity", "Benchmark")
    c = Counter()
    for p in nodes(G, "Paper"):
        ms = mentions(G, p)
        for r in ms & robots.keys():
            for b in ms & benches.keys():
                c[(robots[r]["name"], benches[b]["name"])] += 1
    assert sorted(((r["robot"], r["benchmark"]), r["papers"]) for r in rows) == sorted(c.items())
    assert rows


def test_related_papers_and_why(store, G):
    key = q_default("related_papers", "paper")
    rows = run(store, "related_papers", limit=1000)
    want = {}
    for p, d in nodes(G, "Paper").items():
        if not paper_matches(d, key):
            continue
        for u, v, k, e in list(G.out_edges(p, keys=True, data=True)) + list(G.in_edges(p, keys=True, data=True)):
            q = v if u == p else u
            if k == "RELATED" and q != p:
                w = max(want.get((p, q), (0, None))[0], e["weight"])
                want[(p, q)] = (w, e["shared"])
    assert len(rows) == len(want) > 0
    for r in rows:
        (w, _), = [v for (p, q), v in want.items() if q == r["related"] and G.nodes[p]["title"] == r["paper"]]
        assert r["weight"] == pytest.approx(w, abs=1e-3)
        # "why": the shared entities are mentioned by both papers
        p = next(n for n, d in nodes(G, "Paper").items() if d["title"] == r["paper"])
        assert r["shared"] and set(r["shared"]) <= mentions(G, p) & mentions(G, r["related"])
    assert [r["weight"] for r in rows] == sorted((r["weight"] for r in rows), reverse=True)


def test_builds_on_both_directions(store, G):
    key = q_default("builds_on", "paper")
    rows = run(store, "builds_on")
    want = set()
    for p, d in nodes(G, "Paper").items():
        if not paper_matches(d, key):
            continue
        for rel in ("BUILDS_ON", "CITES"):
            want |= {("builds on", rel, q) for q, _ in out(G, p, rel)}
            want |= {("built upon by", rel, u) for u, _, k in G.in_edges(p, keys=True) if k == rel}
    assert {(r["direction"], r["how"], r["other"]) for r in rows} == want
    assert rows
    for r in rows:
        if r["how"] == "BUILDS_ON":
            assert r["via"]


def test_introduced_entities_and_their_adoption(store, G):
    rows = run(store, "introduced_adoption", limit=10000)
    want = {}
    for e, d in nodes(G, "Entity").items():
        intro = {p for p, _, k in G.in_edges(e, keys=True) if k == "INTRODUCES"}
        if intro:
            adopters = {p for p, _, k in G.in_edges(e, keys=True) if k == "MENTIONS"} - intro
            want[e] = (d["name"], d["type"], len(adopters))
    assert sorted((r["entity"], r["type"], r["adopted_by"]) for r in rows) == sorted(want.values())
    assert [r["adopted_by"] for r in rows] == sorted((r["adopted_by"] for r in rows), reverse=True)
    assert rows and rows[0]["adopted_by"] >= 1


def test_largest_communities_and_top_entities(store, G):
    limit, top = q_default("largest_communities", "limit"), q_default("largest_communities", "top")
    rows = run(store, "largest_communities")
    size = Counter(d["community"] for _, d in G.nodes(data=True) if d.get("community") is not None)
    papers = Counter(d["community"] for d in nodes(G, "Paper").values() if d.get("community") is not None)
    want_order = sorted(size, key=lambda c: (-size[c], c))[:limit]
    assert [r["community"] for r in rows] == want_order
    for r in rows:
        c = r["community"]
        assert (r["size"], r["papers"]) == (size[c], papers[c])
        ents = sorted((d for d in nodes(G, "Entity").values() if d.get("community") == c),
                      key=lambda d: (-d["df"], d["name"]))
        assert r["top_entities"] == [d["name"] for d in ents[:top]]


def test_rising_entities(store, G):
    since = q_default("rising_entities", "since")
    rows = run(store, "rising_entities", limit=10000)
    recent, before = Counter(), Counter()
    for p, d in nodes(G, "Paper").items():
        if d.get("year") is None:
            continue
        for e in mentions(G, p):
            (recent if d["year"] >= since else before)[e] += 1
    want = sorted((G.nodes[e]["name"], before[e], recent[e]) for e in recent if recent[e] > before[e])
    assert sorted((r["entity"], r["before"], r["recent"]) for r in rows) == want
    assert rows
    assert [r["growth"] for r in rows] == sorted((r["growth"] for r in rows), reverse=True)


def test_bridging_papers(store, G):
    a, b = q_default("bridging_papers", "a"), q_default("bridging_papers", "b")
    rows = run(store, "bridging_papers", limit=10000)
    want = {}
    for p in nodes(G, "Paper"):
        ms = mentions(G, p)
        xa = {G.nodes[e]["name"] for e in ms if G.nodes[e].get("community") == a}
        xb = {G.nodes[e]["name"] for e in ms if G.nodes[e].get("community") == b}
        if xa and xb:
            want[p] = (sorted(xa), sorted(xb))
    assert {r["paper"]: (sorted(r["from_a"]), sorted(r["from_b"])) for r in rows} == want
    assert rows


def test_schema_overview(store, G):
    rows = run(store, "schema_overview")
    kind = lambda n: G.nodes[n].get("type") or "Paper"
    c = Counter((kind(u), k, kind(v)) for u, v, k in G.edges(keys=True))
    assert {(r["from"], r["relationship"], r["to"]): r["count"] for r in rows} == dict(c)


def test_top_entities_by_type(store, G):
    top = q_default("top_entities_by_type", "top")
    rows = run(store, "top_entities_by_type")
    by_type = defaultdict(list)
    for d in nodes(G, "Entity").values():
        by_type[d["type"]].append(d)
    assert {r["type"]: r["entities"] for r in rows} == {t: len(v) for t, v in by_type.items()}
    for r in rows:
        best = sorted(by_type[r["type"]], key=lambda d: (-d["df"], d["name"]))[:top]
        assert r["top"] == [d["name"] for d in best]


def test_entity_search(store, G):
    q = q_default("entity_search", "q").lower()
    rows = run(store, "entity_search")
    want = {n for n, d in nodes(G, "Entity").items()
            if q in d["name"].lower() or any(q in a.lower() for a in d.get("aliases") or [])}
    assert {r["id"] for r in rows} == want and want


def test_co_occurring_entities(store, G):
    name = q_default("co_occurring_entities", "name")
    rows = run(store, "co_occurring_entities", limit=10000)
    want = set()
    for e, d in nodes(G, "Entity").items():
        if named(d, name):
            for u, v, k, x in list(G.out_edges(e, keys=True, data=True)) + list(G.in_edges(e, keys=True, data=True)):
                if k == "CO_OCCURS":
                    want.add((G.nodes[v if u == e else u]["name"], x["papers"]))
    assert {(r["other"], r["papers"]) for r in rows} == want and want


def test_paper_entities(store, G):
    key = q_default("paper_entities", "paper")
    rows = run(store, "paper_entities")
    want = set()
    for p, d in nodes(G, "Paper").items():
        if paper_matches(d, key):
            for e, m in out(G, p, "MENTIONS"):
                want.add((d["title"], G.nodes[e]["name"], m["count"], has(G, p, e, "INTRODUCES"),
                          tuple(m["evidence"])))
    got = {(r["paper"], r["entity"], r["mentions"], r["introduced"], tuple(r["evidence"])) for r in rows}
    assert got == want and want
    # the evidence offsets point at the entity's text in title + abstract
    p = next(n for n, d in nodes(G, "Paper").items() if paper_matches(d, key))
    text = G.nodes[p]["title"] + "\n\n" + G.nodes[p]["abstract"]
    for r in rows:
        if r["paper"] == G.nodes[p]["title"]:
            start, end = map(int, r["evidence"][0].split("-"))
            assert 0 <= start < end <= len(text)
