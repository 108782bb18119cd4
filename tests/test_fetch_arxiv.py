"""``graphkit fetch arxiv`` through the ``arxiv`` package, against a stand-in serving two
Atom pages written from the arXiv API manual (opensearch:totalResults, start/max_results)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from werkzeug import Response

from fetch_standin import FAST, run_main

FIX = Path(__file__).parent / "fixtures" / "fetch"


def feed_handler(calls, fail_first=0):
    def handle(req):
        calls.append(dict(req.args))
        if len(calls) <= fail_first:
            return Response("busy", 503, headers={"Retry-After": "0"})
        page = "arxiv_page1.xml" if req.args.get("start", "0") == "0" else "arxiv_page2.xml"
        return Response((FIX / page).read_bytes(), 200, content_type="application/atom+xml")
    return handle


def fetch(server, out, cache, *extra):
    return run_main("fetch", "arxiv", 'cat:cs.RO AND abs:"vision-language-action"', "--max", "10",
                    "--page-size", "2", "-o", out, "--api-url", server.url_for("/").rstrip("/"),
                    "--cache", cache, *FAST, *extra)


def test_pages_until_total_results_and_writes_jsonl(server, tmp_path):
    calls = []
    server.expect_request("/api/query").respond_with_handler(feed_handler(calls, fail_first=1))
    code, out, err = fetch(server, tmp_path / "vla.jsonl", tmp_path / "c.sqlite")
    assert code == 0, err
    ok = [c for c in calls[1:]]
    assert [(c["start"], c["max_results"]) for c in ok] == [("0", "2"), ("2", "2")]
    assert ok[0]["search_query"] == 'cat:cs.RO AND abs:"vision-language-action"'
    rows = [json.loads(line) for line in (tmp_path / "vla.jsonl").read_text().splitlines()]
    assert [r["arxiv_id"] for r in rows] == ["2406.09246", "2307.15818", "2410.24164"]
    r = rows[0]
    assert r["title"] == "OpenVLA: An Open-Source Vision-Language-Action Model"
    assert r["authors"] == ["Moo Jin Kim", "Karl Pertsch"] and r["date"] == "2024-06-13"
    assert r["categories"] == ["cs.RO", "cs.LG"] and r["abstract"].startswith("Large policies")
    assert "papers 3 written" in out and "1 retried" in out
    # graphkit build reads the file as is
    code, out, err = run_main("build", tmp_path / "vla.jsonl", "--out", tmp_path / "o", "--no-html", "--no-store", "--json")
    assert code == 0, err
    assert json.loads(out)["papers"] == 3


def test_rerun_offline_costs_no_request(server, tmp_path):
    calls = []
    server.expect_request("/api/query").respond_with_handler(feed_handler(calls))
    fetch(server, tmp_path / "a.jsonl", tmp_path / "c.sqlite")
    n = len(calls)
    code, out, err = fetch(server, tmp_path / "b.jsonl", tmp_path / "c.sqlite", "--offline")
    assert code == 0, err
    assert len(calls) == n
    assert (tmp_path / "a.jsonl").read_text() == (tmp_path / "b.jsonl").read_text()


def test_a_server_error_is_one_line_and_leaves_no_file(server, tmp_path):
    server.expect_request("/api/query").respond_with_data("down", status=500)
    code, out, err = fetch(server, tmp_path / "x.jsonl", tmp_path / "c.sqlite", "--retries", "1")
    assert code == 1 and err.startswith("graphkit: error: GET ") and "HTTP 500" in err
    assert err.count("\n") == 1 and not (tmp_path / "x.jsonl").exists()
