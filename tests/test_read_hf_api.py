"""Hugging Face daily_papers API JSON: a fixture of the API's shape, and the full corpus when present."""

import json

import pytest

from graphkit.readers import read_paths


def test_api_sample(fixtures_dir):
    """The API's shape (authors with hidden entries, wrapped summaries, githubRepo,
    projectPage), filled with papers of the bundled sample."""
    r = read_paths([fixtures_dir / "readers" / "hf-api-sample.json"])
    assert r.formats == {"json": 1} and not r.skipped
    assert [p.id for p in r.papers] == ["arxiv:2509.01106", "arxiv:2304.00111", "arxiv:2401.16013"]
    p = r.papers[0]
    assert p.title == "Robix: A Unified Model for Robot Interaction, Reasoning and Planning"
    assert "\n" not in p.abstract and p.abstract.startswith("We introduce Robix, a unified model")
    assert p.authors == ["Ada Lovelace", "Alan Turing"] and p.author_count == 2  # hidden author left out
    assert (p.date, p.year, p.upvotes) == ("2025-09-01", 2025, 41)
    assert p.url == "https://arxiv.org/abs/2509.01106"
    assert p.code_url == "https://github.com/example/robix" and p.project_url is None
    assert r.papers[1].project_url == "https://example.org/softzoo" and r.papers[1].code_url is None
    assert r.papers[2].upvotes == 0


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
