"""``build --update``: adds papers without re-extracting the old ones; equals a full rebuild."""

from __future__ import annotations

import json

import pytest

from graphkit.errors import GraphkitError
from graphkit.pipeline import build


def graph_doc(out) -> dict:
    doc = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    doc["nodes"].sort(key=lambda d: d["id"])
    doc["edges"].sort(key=lambda d: (d["source"], d["target"], d["key"]))
    return doc


def test_update_equals_full_rebuild(fixtures_dir, tmp_path):
    g = fixtures_dir / "graph"
    first = build([g / "part1.jsonl"], tmp_path / "inc", html=False, store=False)
    assert (first.extracted, first.reused) == (3, 0)
    upd = build([g / "part2.jsonl"], tmp_path / "inc", update=True, html=False, store=False)
    # part2 repeats OpenVLA (a duplicate across inputs): only the 3 new papers are extracted
    assert (upd.previous, upd.extracted, upd.reused) == (3, 3, 3)
    assert upd.report.duplicates == 1
    full = build([g / "part1.jsonl", g / "part2.jsonl"], tmp_path / "full", html=False, store=False)
    assert full.extracted == 6
    assert graph_doc(tmp_path / "inc") == graph_doc(tmp_path / "full")
    G = upd.graph
    assert G.has_edge("arxiv:2505.06111", "arxiv:2406.09246", "BUILDS_ON")  # UniVLA -> OpenVLA
    assert G.has_edge("arxiv:2505.06111", "arxiv:2406.09246", "CITES")
    assert G.has_edge("arxiv:2410.00001", "arxiv:1910.10897", "BUILDS_ON")  # MetaWorld -> Meta-World


def test_update_twice_with_same_input_extracts_nothing(fixtures_dir, tmp_path):
    g = fixtures_dir / "graph"
    build([g / "part1.jsonl"], tmp_path, html=False, store=False)
    again = build([g / "part1.jsonl"], tmp_path, update=True, html=False, store=False)
    assert (again.extracted, again.reused, again.report.duplicates) == (0, 3, 3)


def test_cache_dropped_when_gazetteer_changes(fixtures_dir, tmp_path):
    g = fixtures_dir / "graph"
    build([g / "part1.jsonl"], tmp_path, html=False, store=False)
    gaz = tmp_path / "extra.tsv"
    gaz.write_text("Code as Policies\tMethod\n", encoding="utf-8")
    res = build([g / "part2.jsonl"], tmp_path, update=True, html=False, store=False, gazetteers=[str(gaz)])
    assert res.reused == 0 and res.extracted == 6


def test_update_without_previous_build_is_a_user_error(fixtures_dir, tmp_path):
    with pytest.raises(GraphkitError, match="nothing to update"):
        build([fixtures_dir / "graph" / "part1.jsonl"], tmp_path / "empty", update=True, html=False, store=False)


def test_update_cli(cli, fixtures_dir, tmp_path):
    g = fixtures_dir / "graph"
    out = tmp_path / "o"
    build([g / "part1.jsonl"], out, html=False, store=False)
    r = cli("build", g / "part2.jsonl", "--out", out, "--update", "--no-html", "--no-store", "--json")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert (s["papers"], s["papers_before_update"], s["extracted"], s["reused_from_cache"]) == (6, 3, 3, 3)


def test_bad_inputs_are_counted(fixtures_dir, tmp_path):
    """Duplicates across inputs, a paper with no entities, unresolved and self references."""
    g = fixtures_dir / "graph"
    res = build([g / "refs.jsonl", g / "dup.jsonl"], tmp_path, html=False, store=False)
    G = res.graph
    assert res.report.duplicates == 2
    assert sum(1 for _, d in G.nodes(data=True) if d["label"] == "Paper") == 4
    issues = G.graph["issues"]
    assert issues["papers_without_entities"] == 1
    assert G.nodes["arxiv:2404.00004"]["entities"] == 0
    assert issues["self_references"] == 1
    assert issues["unresolved_references"] == 2
    cites = sorted((u, v) for u, v, k in G.edges(keys=True) if k == "CITES")
    assert cites == [("arxiv:2402.00002", "arxiv:2401.00001"), ("arxiv:2403.00003", "arxiv:2402.00002")]
    assert G.has_edge("arxiv:2402.00002", "arxiv:2401.00001", "BUILDS_ON")  # FastPolicy uses MetaBench
    assert G.has_edge("arxiv:2403.00003", "arxiv:2402.00002", "BUILDS_ON")  # SlowPolicy vs FastPolicy


def test_parallel_extraction_equals_in_process(monkeypatch, fixtures_dir):
    """Forked workers (opt-in, GRAPHKIT_WORKERS) return the same extractions, in order."""
    import graphkit.pipeline as pl
    from graphkit.extract import Extractor
    from graphkit.readers import read_paths

    g = fixtures_dir / "graph"
    papers = read_paths([g / "part1.jsonl", g / "part2.jsonl", g / "refs.jsonl"]).papers * 4
    ex = Extractor()
    serial = [e.to_dict() for e in pl.extract_parallel(papers, ex, workers=1)]
    monkeypatch.setattr(pl, "PARALLEL_MIN", 0)
    seen = []
    forked = pl.extract_parallel(papers, ex, workers=2, chunk=5, on_paper=seen.append)
    assert [e.to_dict() for e in forked] == serial
    assert sum(seen) == len(papers) and len(seen) > 1
