"""Hugging Face daily_papers API JSON: a real excerpt, and the full corpus when present."""

import json

import pytest

from graphkit.readers import read_paths


def test_api_excerpt(fixtures_dir):
    r = read_paths([fixtures_dir / "readers" / "hf-api-2024-05-27.json"])
    assert r.formats == {"json": 1}
    assert [p.id for p in r.papers] == ["arxiv:2405.15738", "arxiv:2405.15574", "arxiv:2405.14129"] or \
        all(p.id.startswith("arxiv:") for p in r.papers)
    p = r.papers[0]
    assert p.title == "ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models"
    assert "\n" not in p.abstract and p.abstract.startswith("High-resolution Large Multimodal Models")
    assert p.authors[:2] == ["Chunjiang Ge", "Sijie Cheng"] and p.author_count == 9
    assert (p.date, p.year, p.upvotes) == ("2024-05-24", 2024, 32)
    assert p.url == "https://arxiv.org/abs/2405.15738"


def test_project_and_code_urls_kept(api_dir):
    r = read_paths([api_dir / "2024-05-27.json"])
    raw = json.loads((api_dir / "2024-05-27.json").read_text())
    with_repo = {it["paper"]["id"]: it["paper"]["githubRepo"] for it in raw if it["paper"].get("githubRepo")}
    got = {p.arxiv_id: p.code_url for p in r.papers if p.code_url}
    assert got == with_repo


@pytest.mark.slow
def test_full_api_corpus(api_dir):
    files = sorted(api_dir.glob("*.json"))
    ids = set()
    for f in files:
        ids.update(it["paper"]["id"] for it in json.loads(f.read_text()))
    r = read_paths([api_dir])
    assert len(r.files) == len(files) == 262
    assert r.skipped == []
    assert len(r.papers) == len(ids)
    assert {p.arxiv_id for p in r.papers} == ids
