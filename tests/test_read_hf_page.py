"""Daily Papers page dumps: the bundled sample (data/)."""

from graphkit.readers import detect_format, read_paths
from graphkit.readers import hf_page


def test_sample_has_210_entries_for_190_papers(sample_dir):
    r = read_paths([sample_dir])
    assert r.formats == {"hf-page": 4}
    assert r.records == 210
    assert r.duplicates == 20
    assert len(r.papers) == 190
    assert r.skipped == []
    assert len({p.id for p in r.papers}) == 190


def test_metadata_authors_date_upvotes(sample_dir):
    papers = {p.title: p for p in read_paths([sample_dir]).papers}
    rocket = papers["ROCKET-1: Master Open-World Interaction with Visual-Temporal Context Prompting"]
    assert (rocket.author_count, rocket.date, rocket.year, rocket.upvotes) == (7, "2024-10-23", 2024, 6)
    # a date without a year keeps its raw text
    ggpo = papers["Group-in-Group Policy Optimization for LLM Agent Training"]
    assert (ggpo.date, ggpo.date_raw, ggpo.year, ggpo.author_count) == (None, "May 16", None, 4)
    # no metadata at all in the first page: nothing invented
    trace = next(p for t, p in papers.items() if t.startswith("Trace is the New AutoDiff"))
    assert trace.author_count is None and trace.date is None and trace.upvotes is None
    assert trace.id.startswith("title:")


def test_merged_paper_keeps_both_sources(sample_dir):
    trace = next(p for p in read_paths([sample_dir]).papers if p.title.startswith("Trace is the New"))
    assert len(trace.sources) == 2
    assert {s.split(":")[0].rsplit("/", 1)[-1][:3] for s in trace.sources} == {"000", "001"}
    assert all(":" in s and s.split(":")[-1].isdigit() for s in trace.sources)


def test_abstract_is_whole_paragraph(sample_dir):
    for p in read_paths([sample_dir]).papers:
        assert len(p.abstract.split()) >= 40, p.title
        assert p.title not in p.abstract[:20]


def test_sniffing_picks_page_reader(sample_dir):
    for f in sample_dir.glob("*.txt"):
        assert detect_format(f.read_text()) is hf_page


def test_all_seed_pages_from_shared(shared_dir):
    r = read_paths([shared_dir / "corpora" / "seeds"])
    assert len(r.papers) == 190 and r.records == 210
