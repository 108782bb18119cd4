"""The resolve stage inside `graphkit build` (graph.json, the embedded store, --update),
`graphkit extract` over several papers and `graphkit stats`' type-split count, on small
real-looking abstracts run through the real extractor."""

from __future__ import annotations

import json

import pytest

from graphkit.pipeline import build

# "VidProbe" is in no gazetteer: typed Benchmark by context in two papers, Method by
# default in the third (its bare use). "KRB" is defined with its long form in one paper,
# used bare in another and only as the long form in a third.
BARE = [
    {"id": "2501.00003", "title": "Scaling Video Instruction Data",
     "abstract": "We release ClipInstruct, a dataset of 2M video instructions. ClipInstruct was "
                 "inspired by VidProbe."},
    {"id": "2502.00002", "title": "Hierarchical Skills for Mobile Manipulation",
     "abstract": "We propose SkillTree, a hierarchical policy for mobile manipulation. SkillTree also "
                 "transfers to KRB and to real kitchens."},
]
CONTEXT = [
    {"id": "2501.00001", "title": "Sparse Routing for Long Video Understanding",
     "abstract": "We propose RouteVid, a sparse token router for video language models. RouteVid improves "
                 "accuracy on the VidProbe benchmark and on MLVU while using 40% fewer tokens."},
    {"id": "2501.00002", "title": "Temporal Grounding with Event Tokens",
     "abstract": "We introduce EventTok, an event tokenizer for video LLMs. Experiments on benchmarks such "
                 "as VidProbe and Video-MME show consistent gains."},
    {"id": "2502.00001", "title": "Long-Horizon Manipulation Benchmarks for Household Robots",
     "abstract": "We present the Kitchen Rearrangement Benchmark (KRB), a benchmark of 120 long-horizon "
                 "household tasks for mobile manipulators. We evaluate five policies on KRB."},
    {"id": "2502.00003", "title": "Language-Conditioned Rearrangement",
     "abstract": "We train a language-conditioned policy and test it on the Kitchen Rearrangement "
                 "Benchmark, where it solves most tasks."},
]


def write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("resolve-in")
    return write(d / "bare.jsonl", BARE), write(d / "context.jsonl", CONTEXT)


@pytest.fixture(scope="module")
def full(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("resolve-full")
    return out, build(list(inputs), out, html=False, store=True)


def nodes_named(doc, key):
    return {n["id"]: n for n in doc["nodes"] if n.get("label") == "Entity" and n["id"].split(":", 1)[1] == key}


def test_benchmark_by_context_in_two_papers_is_one_benchmark_node(full):
    out, res = full
    doc = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    vid = nodes_named(doc, "vidprobe")
    assert list(vid) == ["benchmark:vidprobe"]
    node = vid["benchmark:vidprobe"]
    assert node["df"] == 3 and node["type"] == "Benchmark"
    assert node["type_votes"][0].startswith("Benchmark:") and all(isinstance(v, str) for v in node["type_votes"])
    assert 0.5 < node["type_confidence"] <= 1.0
    mentions = {e["source"] for e in doc["edges"] if e["target"] == "benchmark:vidprobe" and e["key"] == "MENTIONS"}
    assert mentions == {"arxiv:2501.00001", "arxiv:2501.00002", "arxiv:2501.00003"}
    assert res.timings["resolve"] >= 0


def test_acronym_defined_once_is_one_node_with_its_long_form(full):
    out, _ = full
    doc = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert list(nodes_named(doc, "krb")) == ["benchmark:krb"]
    assert not nodes_named(doc, "kitchenrearrangementbenchmark")
    krb = nodes_named(doc, "krb")["benchmark:krb"]
    assert krb["df"] == 3 and "Kitchen Rearrangement Benchmark" in krb["aliases"]
    intro = [e["source"] for e in doc["edges"] if e["target"] == "benchmark:krb" and e["key"] == "INTRODUCES"]
    assert intro == ["arxiv:2502.00001"]


def test_every_entity_node_carries_its_vote_and_the_store_keeps_it(full):
    from graphkit.store.embedded import EmbeddedStore

    out, res = full
    ents = [d for _, d in res.graph.nodes(data=True) if d["label"] == "Entity"]
    assert ents and all(isinstance(d["type_votes"], list) and isinstance(d["type_confidence"], float)
                        for d in ents)
    with EmbeddedStore.open(out) as store:
        rows = store.query("MATCH (e:Entity:Benchmark {id: 'benchmark:vidprobe'}) "
                           "RETURN e.type_votes, e.type_confidence").rows
    node = res.graph.nodes["benchmark:vidprobe"]
    assert rows == [[node["type_votes"], node["type_confidence"]]]


def test_update_resolves_cached_and_new_papers_together(inputs, full, tmp_path):
    """First build: only the bare use, so VidProbe is a Method. --update with the papers
    that type it: one Benchmark node, and the same graph as the full build."""
    bare, context = inputs
    first = build([bare], tmp_path, html=False, store=False)
    assert "method:vidprobe" in first.graph and "benchmark:vidprobe" not in first.graph
    upd = build([context], tmp_path, update=True, html=False, store=False)
    assert (upd.reused, upd.extracted) == (2, 4)
    assert "method:vidprobe" not in upd.graph
    # the cache keeps the per-paper extraction (Method by default), resolution runs after
    cached = [json.loads(line) for line in (tmp_path / "extractions.jsonl").read_text().splitlines()]
    assert any(e["name"] == "VidProbe" and e["type"] == "Method" for r in cached for e in r["entities"])

    def doc(out):
        d = json.loads((out / "graph.json").read_text(encoding="utf-8"))
        d["nodes"].sort(key=lambda n: n["id"])
        d["edges"].sort(key=lambda e: (e["source"], e["target"], e["key"]))
        return d

    assert doc(tmp_path) == doc(full[0])


def test_extract_over_several_papers_prints_resolved_entities(cli, inputs):
    r = cli("extract", *inputs, "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    vid = [(rec["id"], e["type"]) for rec in recs for e in rec["entities"] if e["name"] == "VidProbe"]
    assert sorted(vid) == [("arxiv:2501.00001", "Benchmark"), ("arxiv:2501.00002", "Benchmark"),
                           ("arxiv:2501.00003", "Benchmark")]
    long_only = next(rec for rec in recs if rec["id"] == "arxiv:2502.00003")
    assert [(e["name"], e["aliases"]) for e in long_only["entities"] if e["type"] == "Benchmark"] == \
        [("KRB", ["Kitchen Rearrangement Benchmark"])]


def test_stats_counts_type_splits(cli, inputs, full):
    out, _ = full
    r = cli("stats", "--graph", out, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["type_splits"] == {"count": 0, "names": []}
    # a graph built without the resolve stage (per-paper types) shows the split
    from graphkit.extract import extract_papers
    from graphkit.graph import build_graph, graph_stats
    from graphkit.readers import read_paths

    papers = read_paths(list(inputs)).papers
    G = build_graph(papers, extract_papers(papers))
    split = graph_stats(G)["type_splits"]
    assert split["count"] >= 1
    assert {"name": "vidprobe", "types": {"Benchmark": 2, "Method": 1}} in split["names"]
