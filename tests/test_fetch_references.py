"""``graphkit fetch references`` against Semantic Scholar and OpenAlex stand-ins (fixtures
written from their documentation): batches with null entries, paged references, 429 then
success, a killed-and-resumed run, --offline, the API key."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from fetch_standin import FAST, run_main
from graphkit.fetch.journal import Journal

FIX = Path(__file__).parent / "fixtures" / "fetch"
BERT_S2 = "df2b0e26d0599ce3e70df8a9da02e51594e0e992"


@pytest.fixture
def papers(tmp_path):
    p = tmp_path / "papers.jsonl"
    rows = [
        {"arxiv_id": "1706.03762", "title": "Attention Is All You Need", "abstract": "Transformers."},
        {"doi": "10.1000/unknown", "title": "A paper S2 does not know", "abstract": "Nothing."},
        {"arxiv_id": "1810.04805", "title": "BERT", "abstract": "Pre-training."},
        {"title": "No identifier at all", "abstract": "Cannot be asked."},
    ]
    p.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return p


def s2(server, calls, *, batch=None):
    def batch_handler(req):
        calls.append(("batch", json.loads(req.get_data())["ids"], dict(req.headers)))
        if batch is not None:
            r = batch(req, len([c for c in calls if c[0] == "batch"]))
            if r is not None:
                return r
        return Response((FIX / "s2_batch.json").read_bytes(), 200, content_type="application/json")

    def refs_handler(req):
        calls.append(("references", req.path, dict(req.args)))
        page = "s2_references_page1.json" if req.args["offset"] == "0" else "s2_references_page2.json"
        return Response((FIX / page).read_bytes(), 200, content_type="application/json")
    server.expect_request("/graph/v1/paper/batch", method="POST").respond_with_handler(batch_handler)
    server.expect_request(re.compile(r"/graph/v1/paper/[^/]+/references")).respond_with_handler(refs_handler)


def fetch(server, papers, out, cache, *extra):
    return run_main("fetch", "references", papers, "-o", out, "--api-url", server.url_for("/").rstrip("/"),
                    "--cache", cache, *FAST, *extra)


def rows(path):
    return {r["id"]: r for r in map(json.loads, Path(path).read_text().splitlines())}


def test_batch_nulls_and_paged_references(server, papers, tmp_path, monkeypatch):
    monkeypatch.setenv("S2_API_KEY", "secret-key")
    calls = []
    s2(server, calls)
    code, out, err = fetch(server, papers, tmp_path / "refs.jsonl", tmp_path / "c.sqlite")
    assert code == 0, err
    batch = [c for c in calls if c[0] == "batch"]
    assert len(batch) == 1 and batch[0][1] == ["ARXIV:1706.03762", "DOI:10.1000/unknown", "ARXIV:1810.04805"]
    assert batch[0][2].get("X-Api-Key") == "secret-key"
    pages = [c for c in calls if c[0] == "references"]
    # BERT: referenceCount 5, one reference in the batch answer -> paged (next=3, then no next)
    assert [(c[1], c[2]["offset"]) for c in pages] == [(f"/graph/v1/paper/{BERT_S2}/references", "0"),
                                                      (f"/graph/v1/paper/{BERT_S2}/references", "3")]
    got = rows(tmp_path / "refs.jsonl")
    att = got["arxiv:1706.03762"]["references"]
    assert [r["title"] for r in att] == ["Neural Machine Translation by Jointly Learning to Align and Translate",
                                         "Long Short-Term Memory", "Layer Normalization"]
    assert att[0] == {"arxiv": "1409.0473", "doi": None, "s2": "204e3073870fae3d05bcbc2f6a8e263d9b72e776",
                      "title": "Neural Machine Translation by Jointly Learning to Align and Translate", "year": 2014}
    assert att[1]["doi"] == "10.1162/neco.1997.9.8.1735" and att[2]["s2"] is None
    bert = got["arxiv:1810.04805"]["references"]
    assert len(bert) == 4  # the empty cited paper (all null) is dropped
    unknown = [r for r in got.values() if r.get("missing")]
    assert len(unknown) == 1 and unknown[0]["missing"] == "not found in semantic-scholar"
    assert "fetched 2 (7 references), not found 1" in out and "no arXiv id or DOI 1" in out


def test_429_then_success(server, papers, tmp_path):
    calls = []
    s2(server, calls, batch=lambda req, n: Response("Too Many Requests", 429, headers={"Retry-After": "0"})
       if n <= 2 else None)
    code, out, err = fetch(server, papers, tmp_path / "refs.jsonl", tmp_path / "c.sqlite")
    assert code == 0, err
    assert len([c for c in calls if c[0] == "batch"]) == 3 and "2 retried" in out
    assert len(rows(tmp_path / "refs.jsonl")) == 3


def test_killed_run_resumes_without_losing_or_refetching(server, papers, tmp_path):
    """Batch 1 is written, the run dies in batch 2 (the server keeps failing, or the process
    is killed mid-write: a torn last line); the rerun asks only for what is missing."""
    calls = []
    down = {"on": True}

    def batch(req, n):
        ids = json.loads(req.get_data())["ids"]
        if down["on"] and ids != ["ARXIV:1706.03762"]:
            return Response("Internal Server Error", 500)
        answer = json.loads((FIX / "s2_batch.json").read_text())
        by_id = {"ARXIV:1706.03762": answer[0], "DOI:10.1000/unknown": None, "ARXIV:1810.04805": answer[2]}
        return Response(json.dumps([by_id[i] for i in ids]), 200, content_type="application/json")
    s2(server, calls, batch=batch)
    out_file = tmp_path / "refs.jsonl"
    code, out, err = fetch(server, papers, out_file, tmp_path / "c.sqlite", "--batch-size", "1", "--retries", "1")
    assert code == 1
    assert "fetched 1" in out and "failed 2 (rerun to fetch them)" in out
    assert err.count("graphkit: failed POST") == 2 and "HTTP 500" in err and "Traceback" not in err
    assert set(rows(out_file)) == {"arxiv:1706.03762"}
    with open(out_file, "a") as fh:  # killed mid-write
        fh.write('{"id": "arxiv:1810.04805", "refer')
    down["on"] = False
    calls.clear()
    code, out, err = fetch(server, papers, out_file, tmp_path / "c.sqlite", "--batch-size", "1")
    assert code == 0, err
    asked = [c[1] for c in calls if c[0] == "batch"]
    assert asked == [["DOI:10.1000/unknown"], ["ARXIV:1810.04805"]]
    assert "already in" in out and set(rows(out_file)) == {"arxiv:1706.03762", "doi:10.1000/unknown",
                                                           "arxiv:1810.04805"}
    # a third run has nothing to do
    calls.clear()
    code, out, _ = fetch(server, papers, out_file, tmp_path / "c.sqlite")
    assert code == 0 and calls == [] and "fetched 0" in out


def test_journal_cuts_a_torn_line(tmp_path):
    p = tmp_path / "j.jsonl"
    p.write_text('{"id": "a", "references": []}\n{"id": "b", "refe')
    j = Journal(p)
    assert j.done == {"a"} and j.torn == len('{"id": "b", "refe')
    j.append([{"id": "b", "references": []}])
    assert [json.loads(line)["id"] for line in p.read_text().splitlines()] == ["a", "b"]


def test_offline_rerun_from_the_cache(server, papers, tmp_path):
    calls = []
    s2(server, calls)
    fetch(server, papers, tmp_path / "a.jsonl", tmp_path / "c.sqlite")
    n = len(calls)
    code, out, err = fetch(server, papers, tmp_path / "b.jsonl", tmp_path / "c.sqlite", "--offline")
    assert code == 0, err
    assert len(calls) == n and "0 sent" in out
    assert rows(tmp_path / "a.jsonl") == rows(tmp_path / "b.jsonl")
    code, out, err = fetch(server, papers, tmp_path / "c.jsonl", tmp_path / "empty.sqlite", "--offline")
    assert code == 1 and "not in the cache" in err and len(calls) == n


def test_openalex_source(server, papers, tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPHKIT_MAILTO", "me@example.org")
    calls = []

    def works(req):
        calls.append(dict(req.args))
        f = req.args["filter"]
        name = "openalex_works.json" if f.startswith("doi:") else "openalex_cited.json"
        return Response((FIX / name).read_bytes(), 200, content_type="application/json")
    server.expect_request("/works").respond_with_handler(works)
    code, out, err = fetch(server, papers, tmp_path / "refs.jsonl", tmp_path / "c.sqlite", "--source", "openalex")
    assert code == 0, err
    assert calls[0]["filter"] == "doi:10.48550/arxiv.1706.03762|10.1000/unknown|10.48550/arxiv.1810.04805"
    assert calls[0]["mailto"] == "me@example.org"
    assert calls[1]["filter"] == "openalex:W1902237438|W2130942839"
    got = rows(tmp_path / "refs.jsonl")
    assert got["arxiv:1706.03762"]["references"] == [
        {"openalex": "W2130942839", "doi": "10.1162/neco.1997.9.8.1735", "arxiv": None,
         "title": "Long Short-Term Memory", "year": 1997},
        {"openalex": "W1902237438", "doi": None, "arxiv": "1409.0473",
         "title": "Neural Machine Translation by Jointly Learning to Align and Translate", "year": 2014}]
    assert got["arxiv:1810.04805"]["missing"] == "not found in openalex"


def test_every_fetch_command_help_has_an_example():
    for cmd in ("hf-daily", "arxiv", "references"):
        code, out, _ = run_main("fetch", cmd, "--help")
        assert code == 0 and "Example" in out and f"graphkit fetch {cmd}" in out
    code, out, _ = run_main("fetch", "--help")
    assert code == 0 and "Example" in out


def test_sigkill_mid_run_then_restart_resumes(tmp_path, papers):
    """A real kill: the fetch runs in a subprocess, batch 1 is answered, batch 2 hangs; the
    process is SIGKILLed; the restarted run (in process) keeps batch 1 and asks only for the rest."""
    import os
    import signal
    import subprocess
    import sys
    import threading
    import time

    server = HTTPServer(threaded=True)
    server.start()
    release = threading.Event()
    asked = []

    def batch(req):
        ids = json.loads(req.get_data())["ids"]
        asked.append(ids)
        if ids != ["ARXIV:1706.03762"]:
            release.wait(30)  # hangs until the test lets go
        answer = json.loads((FIX / "s2_batch.json").read_text())
        by_id = {"ARXIV:1706.03762": answer[0], "DOI:10.1000/unknown": None, "ARXIV:1810.04805": answer[2]}
        return Response(json.dumps([by_id[i] for i in ids]), 200, content_type="application/json")
    try:
        server.expect_request("/graph/v1/paper/batch", method="POST").respond_with_handler(batch)
        server.expect_request(re.compile(r"/graph/v1/paper/[^/]+/references")).respond_with_handler(
            lambda req: Response((FIX / ("s2_references_page1.json" if req.args["offset"] == "0"
                                         else "s2_references_page2.json")).read_bytes(), 200,
                                 content_type="application/json"))
        out = tmp_path / "refs.jsonl"
        args = [sys.executable, "-m", "graphkit", "fetch", "references", str(papers), "-o", str(out),
                "--api-url", server.url_for("/").rstrip("/"), "--cache", str(tmp_path / "c.sqlite"),
                "--batch-size", "1", *FAST]
        env = {**os.environ, "GRAPHKIT_PROGRESS": "0"}
        proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while len(asked) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert len(asked) == 2, proc.communicate()
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert set(rows(out)) == {"arxiv:1706.03762"}  # batch 1 was on disk before the kill
        release.set()
        asked.clear()
        code, _, err = run_main(*args[3:])
        assert code == 0, err
        assert asked == [["DOI:10.1000/unknown"], ["ARXIV:1810.04805"]]
        assert set(rows(out)) == {"arxiv:1706.03762", "doi:10.1000/unknown", "arxiv:1810.04805"}
        assert len(out.read_text().splitlines()) == 3  # nothing twice
    finally:
        release.set()
        server.clear()
        server.stop()
