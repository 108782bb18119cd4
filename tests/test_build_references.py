"""``build --references``: reading reference files (bad lines reported, never dropped) and
resolving references to corpus papers or to one external node per cited work."""

from __future__ import annotations

import json

from fetch_standin import run_main
from graphkit.graph.cites import cited_works
from graphkit.model import Paper
from graphkit.readers.references import read_references

A = Paper("arxiv:2405.00001", "Alpha: a method", "x", arxiv_id="2405.00001")
B = Paper("doi:10.1/beta", "Beta Benchmark", "y", doi="10.1/beta")
C = Paper("title:c", "Gamma: the third paper", "z")


def test_references_resolve_by_arxiv_doi_and_title_and_merge_external_works():
    refs = {
        "arxiv:2405.00001": [{"doi": "10.1/BETA"}, {"title": "GAMMA -- the Third Paper!"},
                             {"arxiv": "1706.03762", "title": "Attention is All you Need"},
                             {"arxiv": "2405.00001v2"}],  # itself
        "Beta Benchmark": [{"arxiv": "2405.00001"},
                           {"doi": "10.48550/arXiv.1706.03762", "s2": "abc"},  # the same work by DOI
                           {"s2": "abc", "title": "Attention Is All You Need"},
                           {"title": "Some Unpublished Note"}],
    }
    edges, ext, counts = cited_works([A, B, C], refs)
    assert sorted((u, v) for u, v, _ in edges) == sorted([
        ("arxiv:2405.00001", "doi:10.1/beta"), ("arxiv:2405.00001", "title:c"),
        ("arxiv:2405.00001", "arxiv:1706.03762"), ("doi:10.1/beta", "arxiv:2405.00001"),
        ("doi:10.1/beta", "arxiv:1706.03762"), ("doi:10.1/beta", next(k for k in ext if k.startswith("title:")))])
    assert len(ext) == 2 and ext["arxiv:1706.03762"]["s2_id"] == "abc"
    assert ext["arxiv:1706.03762"]["external"] is True and ext["arxiv:1706.03762"]["url"] == "https://arxiv.org/abs/1706.03762"
    assert counts["self"] == 1 and counts["resolved"] == 3 and counts["external"] == 4
    # the order of the input does not matter
    edges2, ext2, _ = cited_works([C, B, A], dict(reversed(list(refs.items()))))
    assert sorted(edges2) == sorted(edges) and ext2 == ext


def test_bad_reference_lines_are_reported_with_file_and_line(tmp_path):
    f = tmp_path / "refs.jsonl"
    f.write_text('{"id": "arxiv:1", "references": [{"title": "T"}]}\n'
                 "not json\n"
                 '{"references": []}\n'
                 '{"id": "arxiv:2", "references": "nope"}\n'
                 '{"id": "arxiv:1", "references": [{"year": 2020}, "10.1/x"]}\n')
    refs, skips = read_references([f])
    assert refs == {"arxiv:1": [{"title": "T"}, {"raw": "10.1/x"}]}
    assert [s.source for s in skips] == [f"{f}:2", f"{f}:3", f"{f}:4", f"{f}:5"]
    assert "malformed JSON" in skips[0].reason and "without id or title" in skips[3].reason


def test_build_reports_skipped_reference_lines_and_a_missing_file(tmp_path):
    papers = tmp_path / "p.jsonl"
    papers.write_text("".join(json.dumps({"arxiv_id": p.arxiv_id, "doi": p.doi, "title": p.title,
                                          "abstract": "We study robots."}) + "\n" for p in (A, B)))
    refs = tmp_path / "refs.jsonl"
    refs.write_text('{"id": "arxiv:2405.00001", "references": [{"doi": "10.1/beta"}]}\n{bad\n')
    code, out, err = run_main("build", papers, "--references", refs, "--out", tmp_path / "o",
                              "--no-html", "--no-store", "--json")
    assert code == 0, err
    assert f"graphkit: skipped {refs}:2: malformed JSON line" in err
    s = json.loads(out)
    assert s["edges_by_type"]["CITES"] == 1 and s["skipped"] == 1
    code, _, err = run_main("build", papers, "--references", tmp_path / "nope.jsonl", "--out", tmp_path / "o")
    assert code == 2 and err.strip() == f"graphkit: error: {tmp_path / 'nope.jsonl'}: no such references file"
    # a full build without --references forgets the kept references; --update keeps them
    run_main("build", papers, "--references", refs, "--out", tmp_path / "k", "--no-html", "--no-store")
    code, out, _ = run_main("build", papers, "--out", tmp_path / "k", "--update", "--no-html", "--no-store", "--json")
    assert json.loads(out)["edges_by_type"].get("CITES") == 1
    code, out, _ = run_main("build", papers, "--out", tmp_path / "k", "--no-html", "--no-store", "--json")
    assert "CITES" not in json.loads(out)["edges_by_type"]
    assert not (tmp_path / "k" / "references.jsonl").exists()
