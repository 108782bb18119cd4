"""graphkit.graph.nodes (written into networkx's dicts, with a one-mention fast path)
gives the graph the plain ``add_node``/``add_edge`` code gives: same nodes, attributes,
edges and orders, on the real extractions of data/ and on the odd cases (two spellings of
one entity in a paper, an extraction of an unknown paper or twice, an entity id that is a
paper's)."""

from __future__ import annotations

import networkx as nx
import pytest

from graphkit.graph.nodes import add_nodes, paper_node
from graphkit.model import ExtractedEntity, Mention, Paper, PaperExtraction
from graphkit.readers import read_paths
from graphkit.resolve import resolve_corpus


def plain_nodes(papers, extractions, entity_attrs):
    """The reference: the nodes step as it was written with networkx's public API."""
    G = nx.MultiDiGraph()
    issues = {}
    for p in papers:
        G.add_node(p.id, **paper_node(p))
    paper_entities, introduced_by, names, aliases, etype = {}, {}, {}, {}, {}
    unknown = 0
    paper_ids = {p.id for p in papers}
    for ex in extractions:
        pid = ex.paper_id
        if pid not in G or pid in paper_entities:
            unknown += 1
            continue
        ids = paper_entities[pid] = []
        for e in ex.entities:
            eid = e.id
            if eid in paper_ids:
                continue
            aliases.setdefault(eid, set()).update(e.aliases)
            if G.has_edge(pid, eid, "MENTIONS"):
                d = G.edges[pid, eid, "MENTIONS"]
                d["count"] += max(int(e.count), 1)
                d["evidence"] += [f"{m.start}-{m.end}" for m in e.mentions]
                d["sentences"] += [int(m.sentence) for m in e.mentions]
                d["rules"] = sorted(set(d["rules"]) | {m.rule for m in e.mentions if m.rule})
                d["type_cues"] = sorted(set(d["type_cues"]) | {c for m in e.mentions for c in m.type_cues})
                aliases[eid].add(e.name)
                if e.introduced and not G.has_edge(pid, eid, "INTRODUCES"):
                    G.add_edge(pid, eid, key="INTRODUCES", type="INTRODUCES")
                    introduced_by.setdefault(eid, []).append(pid)
                continue
            ids.append(eid)
            names.setdefault(eid, {})
            names[eid][e.name] = names[eid].get(e.name, 0) + 1
            etype.setdefault(eid, e.type)
            ms = e.mentions
            G.add_edge(pid, eid, key="MENTIONS", type="MENTIONS", count=max(int(e.count), 1),
                       evidence=[f"{m.start}-{m.end}" for m in ms], sentences=[int(m.sentence) for m in ms],
                       rules=sorted({m.rule for m in ms if m.rule}),
                       type_cues=sorted({c for m in ms for c in m.type_cues}))
            if e.introduced:
                G.add_edge(pid, eid, key="INTRODUCES", type="INTRODUCES")
                introduced_by.setdefault(eid, []).append(pid)
        G.nodes[pid]["entities"] = len(ids)
    issues["extractions_without_paper"] = unknown
    issues["papers_without_entities"] = sum(1 for p in papers if not paper_entities.get(p.id))
    years = {}
    for pid, ids in paper_entities.items():
        y = G.nodes[pid].get("year")
        if y is not None:
            for eid in ids:
                years.setdefault(eid, []).append(int(y))
    for eid in sorted(names):
        name = sorted(names[eid].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        ys = years.get(eid)
        G.nodes[eid].update(
            label="Entity", id=eid, name=name, type=etype[eid],
            aliases=sorted((aliases[eid] | set(names[eid])) - {name}),
            df=sum(names[eid].values()), introduced_by=sorted(introduced_by.get(eid, [])),
            first_year=min(ys) if ys else None, last_year=max(ys) if ys else None,
            **entity_attrs.get(eid, {}))
    return G, issues, (paper_entities, introduced_by, names)


def assert_same(papers, extractions, entity_attrs=None):
    entity_attrs = entity_attrs or {}
    ref, ref_issues, ref_out = plain_nodes(papers, extractions, entity_attrs)
    G, issues = nx.MultiDiGraph(), {}
    out = add_nodes(G, papers, extractions, entity_attrs, issues)
    assert issues == ref_issues
    assert out == ref_out
    assert list(G.nodes(data=True)) == list(ref.nodes(data=True))
    assert [list(d) for _, d in G.nodes(data=True)] == [list(d) for _, d in ref.nodes(data=True)]
    assert list(G.edges(keys=True, data=True)) == list(ref.edges(keys=True, data=True))
    assert [list(d) for *_, d in G.edges(keys=True, data=True)] == \
        [list(d) for *_, d in ref.edges(keys=True, data=True)]
    assert list(G.in_edges(keys=True)) == list(ref.in_edges(keys=True))
    return G


@pytest.fixture(scope="module")
def sample(ex, sample_dir):
    papers = read_paths([sample_dir]).papers
    return papers, list(ex.extract(papers))


def test_real_extractions(sample):
    papers, extractions = sample
    res = resolve_corpus(extractions)
    G = assert_same(papers, res.extractions, res.node_attributes())
    assert sum(1 for *_, k in G.edges(keys=True) if k == "MENTIONS") > 500
    assert_same(papers, extractions)  # unresolved: the per-paper names and types


def test_odd_cases(sample):
    papers = sample[0][:3]
    a, b, c = (p.id for p in papers)
    m = [Mention("X", 1, 2, 0, "r1", ["z", "y"]), Mention("X", 5, 6, 2, "", [])]
    exs = [
        PaperExtraction(a, "t", [ExtractedEntity("Foo-Net", "Method", ["FN"], True, 2, m[:1]),
                                 ExtractedEntity("FooNet", "Method", ["F"], True, 0, m),   # same id
                                 ExtractedEntity("Bar", "Dataset", [], False, 3, m)]),
        PaperExtraction("nowhere", "t", [ExtractedEntity("Bar", "Dataset")]),           # unknown paper
        PaperExtraction(b, "t", [ExtractedEntity("FooNet", "Method", [], False, 1, m[1:])]),
        PaperExtraction(b, "t", [ExtractedEntity("Baz", "Method")]),                     # twice
        PaperExtraction(c, "t", [ExtractedEntity("Qux", "Method", count=1, mentions=[]),
                                 ExtractedEntity("X", "Method", count=1, mentions=m[:1])]),
    ]
    colliding = Paper(id="method:x", title="A paper whose id is an entity's", abstract="", year=2021)
    G = assert_same(papers + [colliding], exs)
    assert G.graph == {} and G.edges[a, "method:foonet", "MENTIONS"]["evidence"] == ["1-2", "1-2", "5-6"]
