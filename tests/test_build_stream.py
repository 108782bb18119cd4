"""`graphkit build` extracts while it reads (graphkit/build_stream.py): the output is the
build's of extracting after reading (``workers=1``), byte for byte, whatever merges later.

Real data: HF API dumps of ../shared, the same papers again as JSONL (half abstracts, other
ids) and CSV (extra fields, a longer abstract), and records that join two papers."""

from __future__ import annotations

import csv
import json
import multiprocessing as mp
import os
from pathlib import Path

import pytest

import graphkit.build_stream as bs
import graphkit.pipeline as pl
from graphkit.errors import GraphkitError, InputError
from graphkit.extract import Extractor
from graphkit.model import Paper
from graphkit.pipeline import build
from graphkit.readers import read_paths

FILES = ("graph.json", "papers.jsonl", "extractions.jsonl", "skipped.tsv", "extractions.key")


@pytest.fixture(autouse=True)
def _streamed(monkeypatch):
    """Workers from the first paper on, small chunks: many chunks, merges across them."""
    monkeypatch.setenv("GRAPHKIT_PROGRESS", "0")
    monkeypatch.setattr(pl, "PARALLEL_MIN", 0)
    monkeypatch.setattr(bs, "CHUNK", 8)


@pytest.fixture
def seen(monkeypatch) -> list:
    """The ReadAhead of every build, as it was when extraction ended."""
    out = []
    extract = bs.ReadAhead.extract

    def spy(self, *a, **k):
        out.append(self)
        had_pool = self.pool is not None
        r = extract(self, *a, **k)
        self.had_pool = had_pool
        return r

    monkeypatch.setattr(bs.ReadAhead, "extract", spy)
    return out


def corpus(api_dir: Path, folder: Path, files: int = 12) -> tuple[Path, list[Paper]]:
    """a.jsonl (short abstracts, DOIs), b/ (the API dumps), c.csv (code links, one longer
    abstract), z.jsonl (a DOI-only paper, then a record giving its DOI to an API paper: the two
    merge only when the build merges what was read)."""
    b = folder / "b"
    b.mkdir(parents=True)
    dumps = sorted(api_dir.glob("*.json"))[:files]
    for f in dumps:
        (b / f.name).symlink_to(f)
    ps = read_paths(dumps).papers
    with open(folder / "a.jsonl", "w", encoding="utf-8") as fh:
        for k, p in enumerate(ps):
            r = {"title": p.title, "abstract": p.abstract[:max(40, len(p.abstract) // 2)] if k % 2 else p.abstract}
            r.update({"doi": f"10.5555/gk.{k}"} if k % 5 == 0 else {"arxiv_id": p.arxiv_id})
            fh.write(json.dumps(r) + "\n")
    with open(folder / "c.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["title", "abstract", "arxiv_id", "code_url", "upvotes"])
        for k, p in enumerate(ps):
            if k % 4 == 1:
                w.writerow([p.title, p.abstract + (" We also release RoboBench-X." if k % 8 == 1 else ""),
                            p.arxiv_id, f"https://github.com/x/{k}", 7])
    with open(folder / "z.jsonl", "w", encoding="utf-8") as fh:
        for k in range(3, len(ps) - 3, 11):
            if k % 5 and ps[k].arxiv_id:
                fh.write(json.dumps({"title": f"Standalone note {k}", "abstract": ps[k + 2].abstract,
                                     "doi": f"10.7777/z.{k}"}) + "\n")
                fh.write(json.dumps({"title": f"Joining record {k}", "abstract": "Short.",
                                     "arxiv_id": ps[k].arxiv_id, "doi": f"10.7777/z.{k}"}) + "\n")
    return folder, ps


def state(out: Path) -> dict[str, bytes]:
    return {f: (out / f).read_bytes() for f in FILES if (out / f).exists()}


def summary(res) -> dict:
    s = res.summary()
    s.pop("timings"), s.pop("outputs")
    return s


def both(paths, tmp_path: Path, name: str, **kw):
    """The build of ``paths`` streamed (2 workers) and extracted after reading (in process)."""
    a = build(paths, tmp_path / f"{name}-1", workers=1, html=False, store=False, **kw)
    b = build(paths, tmp_path / f"{name}-2", workers=2, html=False, store=False, **kw)
    return a, b


def test_duplicates_merged_across_chunks_give_the_non_streamed_build(api_dir, tmp_path, seen):
    src, _ = corpus(api_dir, tmp_path / "in")
    a, b = both([src], tmp_path, "o")
    assert state(tmp_path / "o-2") == state(tmp_path / "o-1")
    assert summary(b) == summary(a)
    assert a.report.duplicates > len(a.report.papers)  # the fixture merges a lot
    ahead = seen[-1]
    assert ahead.had_pool and ahead.counts["sent"] > 0
    # papers sent before a later record merged into them: extracted again (longer abstract,
    # better id) or just their papers.jsonl line rendered again (more fields)
    assert ahead.counts["extracted_again"] > 0 and ahead.counts["rendered_again"] > 0
    # records that join two papers read before: those merge after reading, as they always did
    joined = [p for p in b.report.papers if p.title.startswith("Standalone note")]
    assert joined and all(p.id.startswith("doi:") for p in joined)
    kept = {json.loads(line)["id"] for line in (tmp_path / "o-2" / "papers.jsonl").open()}
    assert not kept & {p.id for p in joined}


def test_a_paper_merged_after_it_was_sent_is_extracted_from_its_merged_text(api_dir, tmp_path, seen):
    """First read with one sentence of its abstract (extracted in the first chunk), then in
    full: the build holds the extraction of the full text, as if read whole."""
    ps = read_paths(sorted(api_dir.glob("*.json"))[:3]).papers
    full = next(p for p in ps if len(Extractor().extract_one(p).entities) > len(
        Extractor().extract_one(Paper(p.id, p.title, p.abstract.split(". ")[0] + ".")).entities))
    (tmp_path / "a.jsonl").write_text(json.dumps({"title": full.title, "arxiv_id": full.arxiv_id,
                                                  "abstract": full.abstract.split(". ")[0] + "."}) + "\n"
                                      + "".join(json.dumps({"title": p.title, "abstract": p.abstract}) + "\n"
                                                for p in ps if p is not full))
    (tmp_path / "b.jsonl").write_text(json.dumps({"title": full.title, "abstract": full.abstract,
                                                  "arxiv_id": full.arxiv_id, "upvotes": 99}) + "\n")
    res = build([tmp_path / "a.jsonl", tmp_path / "b.jsonl"], tmp_path / "o", workers=2, html=False, store=False)
    assert seen[-1].counts["extracted_again"] >= 1
    rows = {json.loads(line)["id"]: json.loads(line) for line in (tmp_path / "o" / "extractions.jsonl").open()}
    want = Extractor().extract_one(full)
    assert [e["name"] for e in rows[full.id]["entities"]] == [e.name for e in want.entities]
    papers = {json.loads(line)["id"]: json.loads(line) for line in (tmp_path / "o" / "papers.jsonl").open()}
    assert papers[full.id]["abstract"] == full.abstract and papers[full.id]["upvotes"] == 99
    assert res.report.duplicates == 1


def test_update_streamed_equals_update_in_process(api_dir, tmp_path, seen):
    src, _ = corpus(api_dir, tmp_path / "in", files=8)
    first = [src / "a.jsonl", *sorted((src / "b").iterdir())[:4]]
    then = [src / "c.csv", *sorted((src / "b").iterdir())[4:], src / "z.jsonl"]
    for w in (1, 2):
        out = tmp_path / f"u-{w}"
        build(first, out, workers=w, html=False, store=False)
        upd = build(then, out, workers=w, update=True, html=False, store=False)
        again = build(first, out, workers=w, update=True, html=False, store=False)
        assert again.reused > 0 and upd.reused > 0 and upd.previous > 0
        if w == 1:
            want = state(out), summary(upd), summary(again)
    assert (state(out), summary(upd), summary(again)) == want
    assert seen[-2].had_pool  # the update extracted its new papers while reading


def test_update_after_the_gazetteer_changed_extracts_everything_again_the_same(api_dir, tmp_path):
    src, _ = corpus(api_dir, tmp_path / "in", files=4)
    gaz = tmp_path / "extra.tsv"
    gaz.write_text("Joining record\tMethod\n", encoding="utf-8")
    for w in (1, 2):
        out = tmp_path / f"g-{w}"
        build([src / "a.jsonl"], out, workers=w, html=False, store=False)
        res = build([src / "b", src / "z.jsonl"], out, workers=w, update=True, html=False, store=False,
                    gazetteers=[str(gaz)])
        assert res.reused == 0
    assert state(tmp_path / "g-2") == state(tmp_path / "g-1")


def test_few_papers_or_one_worker_extract_after_reading_in_process(sample_dir, tmp_path, monkeypatch, seen):
    monkeypatch.setattr(pl, "PARALLEL_MIN", 2000)  # data/ holds 190 papers
    build([sample_dir], tmp_path / "a", workers=2, html=False, store=False)
    monkeypatch.setattr(pl, "PARALLEL_MIN", 0)
    monkeypatch.setenv("GRAPHKIT_WORKERS", "1")
    build([sample_dir], tmp_path / "b", html=False, store=False)
    assert [s.had_pool for s in seen] == [False, False]
    assert state(tmp_path / "a") == state(tmp_path / "b")
    monkeypatch.delenv("GRAPHKIT_WORKERS")
    build([sample_dir], tmp_path / "c", workers=2, html=False, store=False)
    assert seen[-1].had_pool and state(tmp_path / "c") == state(tmp_path / "a")


def no_workers_left() -> bool:
    return not mp.active_children()


def test_an_error_after_reading_leaves_the_previous_build_and_no_workers(api_dir, tmp_path):
    src, _ = corpus(api_dir, tmp_path / "in", files=4)
    out = tmp_path / "o"
    build([src / "a.jsonl"], out, workers=2, html=False, store=False)
    old = state(out)
    errors = []
    for w in (1, 2):  # a missing references file, a bad gazetteer: the same one-line errors
        with pytest.raises(InputError) as e:
            build([src], out, workers=w, html=False, store=False, references=[tmp_path / "nope.jsonl"])
        bad = tmp_path / "bad.tsv"
        bad.write_text("Robix\tGadget\n", encoding="utf-8")
        with pytest.raises(GraphkitError) as g:
            build([src], out, workers=w, html=False, store=False, gazetteers=[str(bad)])
        errors.append((str(e.value), str(g.value)))
        assert state(out) == old and no_workers_left()
    assert errors[0] == errors[1] and "\n" not in "".join(errors[0])
    assert "still holds the previous build" in errors[0][1]


def test_an_interrupted_read_leaves_the_previous_build_and_no_workers(api_dir, tmp_path, monkeypatch):
    """Stopped in the middle of reading (here at the 3rd file), with workers busy."""
    src, _ = corpus(api_dir, tmp_path / "in", files=6)
    out = tmp_path / "o"
    build([src / "a.jsonl"], out, workers=2, html=False, store=False)
    old = state(out)
    import graphkit.readers as readers

    read_file, n = readers.read_file, []

    def stopping(path, report):
        n.append(path)
        if len(n) == 3:
            assert mp.active_children()  # the workers run while reading goes on
            raise KeyboardInterrupt
        return read_file(path, report)

    monkeypatch.setattr(readers, "read_file", stopping)
    with pytest.raises(KeyboardInterrupt):
        build([src], out, workers=2, html=False, store=False)
    assert state(out) == old and no_workers_left()


def test_no_usable_papers_is_the_same_one_line_error(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"title": "No abstract here"}\n{"abstract": "no title"}\n')
    msgs = []
    for w in (1, 2):
        with pytest.raises(InputError) as e:
            build([tmp_path / "bad.jsonl"], tmp_path / f"o{w}", workers=w, html=False, store=False)
        msgs.append(str(e.value).replace(f"o{w}", "o"))
    assert msgs[0] == msgs[1] and msgs[0].startswith("no usable papers in the input")
    assert no_workers_left()
