"""JSONL / JSON / CSV / TSV / BibTeX with title and abstract (or summary)."""

import pytest

from graphkit.readers import read_paths


@pytest.fixture(scope="module")
def rd(fixtures_dir):
    return fixtures_dir / "readers"


def test_jsonl_keeps_metadata_and_references(rd):
    r = read_paths([rd / "papers.jsonl"])
    assert r.formats == {"json": 1} and len(r.papers) == 4 and not r.skipped
    robix = r.papers[0]
    assert robix.id == "arxiv:2509.01106" and robix.title.startswith("Robix:")
    assert robix.authors == ["Ada Lovelace"] and robix.date == "2024-01-15" and robix.year == 2024
    assert robix.references == ["2209.07753", "SoftZoo: A Soft Robot Co-design Benchmark For Locomotion In Diverse Environments"]


def test_json_object_with_summary_and_doi(rd):
    r = read_paths([rd / "papers.json"])
    assert [p.id for p in r.papers] == ["doi:10.1234/gk.0", "doi:10.1234/gk.1"]
    assert all(p.year == 2023 and p.abstract for p in r.papers)


def test_csv_case_insensitive_headers(rd):
    r = read_paths([rd / "papers.csv"])
    assert r.formats == {"csv": 1} and len(r.papers) == 4
    p = r.papers[0]
    assert p.id == "arxiv:2509.01106" and p.authors == ["Ada Lovelace", "Alan Turing"]
    assert (p.date, p.upvotes) == ("2023-03-03", 7)


def test_tsv_with_summary_column(rd):
    r = read_paths([rd / "papers.tsv"])
    assert len(r.papers) == 2 and all(p.id.startswith("title:") for p in r.papers)
    assert r.papers[0].url.startswith("https://example.org/")


def test_bibtex(rd):
    r = read_paths([rd / "papers.bib"])
    assert r.formats == {"bibtex": 1} and len(r.papers) == 4 and not r.skipped
    p = r.papers[0]
    assert p.id == "arxiv:2509.01106" and p.title.startswith("Robix: A Unified Model")
    assert "{" not in p.title and p.year == 2024
    assert p.authors == ["Lovelace, Ada", "Turing, Alan"]


def test_same_paper_from_several_inputs_is_one(rd, sample_dir):
    r = read_paths([rd / "papers.jsonl", rd / "papers.csv", rd / "papers.bib", sample_dir])
    # the 4 fixture papers are sample papers: arXiv id and title both merge
    assert len(r.papers) == 190
    robix = next(p for p in r.papers if p.title.startswith("Robix:"))
    assert robix.id == "arxiv:2509.01106"  # the best id wins whatever the order
    assert len(robix.sources) == 4
    # order does not change the ids
    r2 = read_paths([sample_dir, rd / "papers.bib"])
    assert {p.id for p in r2.papers} >= {"arxiv:2509.01106"}


def test_folder_is_read_recursively(rd):
    r = read_paths([rd])
    assert len(r.files) == 6 and r.formats == {"json": 3, "csv": 2, "bibtex": 1}
    assert not r.skipped
