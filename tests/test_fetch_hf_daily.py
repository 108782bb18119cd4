"""``graphkit fetch hf-daily`` against a stand-in serving real recorded days from
../shared/corpora/hf-daily-api (read at test time, never copied into the repo)."""

from __future__ import annotations

import json

import pytest
from werkzeug import Response

from fetch_standin import FAST, hf_handler, run_main
from graphkit.readers import read_paths


def fetch(server, out, cache, *extra):
    return run_main("fetch", "hf-daily", "-o", out, "--api-url", server.url_for("/").rstrip("/"),
                    "--cache", cache, *FAST, *extra)


def test_days_are_written_as_served_and_build_reads_them(server, api_dir, tmp_path):
    served = []
    server.expect_request("/api/daily_papers").respond_with_handler(hf_handler(api_dir, served))
    # 2024-06-01/02 are a weekend: no recorded file, the stand-in answers [] like the API
    code, out, err = fetch(server, tmp_path / "hf", tmp_path / "c.sqlite", "--from", "2024-05-31", "--to", "2024-06-03")
    assert code == 0, err
    assert served == ["2024-05-31", "2024-06-01", "2024-06-02", "2024-06-03"]
    for day in ("2024-05-31", "2024-06-03"):
        assert (tmp_path / "hf" / f"{day}.json").read_bytes() == (api_dir / f"{day}.json").read_bytes()
    assert not (tmp_path / "hf" / "2024-06-01.json").exists()
    assert "empty 2" in out and "fetched 2" in out
    report = read_paths([tmp_path / "hf"])  # the empty-days record is hidden: nothing skipped
    assert report.formats == {"json": 2} and not report.skipped
    n = sum(len(json.loads((api_dir / f"{d}.json").read_text())) for d in ("2024-05-31", "2024-06-03"))
    assert report.records == n


def test_rerun_skips_days_on_disk_and_recorded_empty_days(server, api_dir, tmp_path):
    served = []
    server.expect_request("/api/daily_papers").respond_with_handler(hf_handler(api_dir, served))
    args = ("--from", "2024-05-31", "--to", "2024-06-04")
    fetch(server, tmp_path / "hf", tmp_path / "c1.sqlite", *args)
    served.clear()
    (tmp_path / "hf" / "2024-06-04.json").unlink()  # lost one day: only it is fetched again
    code, out, err = fetch(server, tmp_path / "hf", tmp_path / "c2.sqlite", *args)  # fresh cache
    assert code == 0, err
    assert served == ["2024-06-04"]
    assert "already on disk 2" in out and "empty 2" in out


def test_a_failing_day_is_reported_and_fetched_by_the_next_run(server, api_dir, tmp_path):
    good = hf_handler(api_dir)
    broken = {"2024-05-28"}

    def handle(req):
        if req.args["date"] in broken:
            return Response("upstream error", 502)
        return good(req)
    server.expect_request("/api/daily_papers").respond_with_handler(handle)
    code, out, err = fetch(server, tmp_path / "hf", tmp_path / "c.sqlite", "--from", "2024-05-27", "--to", "2024-05-29")
    assert code == 1
    assert "missing 1 (2024-05-28)" in out
    assert err.count("graphkit: failed GET") == 1 and "HTTP 502" in err and "Traceback" not in err
    assert sorted(p.name for p in (tmp_path / "hf").glob("*.json")) == ["2024-05-27.json", "2024-05-29.json"]
    broken.clear()
    code, out, err = fetch(server, tmp_path / "hf", tmp_path / "c.sqlite", "--from", "2024-05-27", "--to", "2024-05-29")
    assert code == 0, err
    assert "fetched 1" in out and "already on disk 2" in out


def test_offline_uses_the_cache_only(server, api_dir, tmp_path):
    served = []
    server.expect_request("/api/daily_papers").respond_with_handler(hf_handler(api_dir, served))
    fetch(server, tmp_path / "a", tmp_path / "c.sqlite", "--from", "2024-05-27")
    served.clear()
    code, out, _ = fetch(server, tmp_path / "b", tmp_path / "c.sqlite", "--from", "2024-05-27", "--offline")
    assert code == 0 and served == []
    assert (tmp_path / "b" / "2024-05-27.json").read_bytes() == (api_dir / "2024-05-27.json").read_bytes()
    assert "0 sent, 1 from the cache" in out
    code, out, err = fetch(server, tmp_path / "b", tmp_path / "c.sqlite", "--from", "2024-05-28", "--offline")
    assert code == 1 and served == [] and "not in the cache" in err


def test_bad_dates_are_one_line_errors(server, tmp_path):
    code, _, err = fetch(server, tmp_path / "hf", tmp_path / "c.sqlite", "--from", "2024-13-01")
    assert code == 2 and err.startswith("graphkit: error: --from/--to") and err.count("\n") == 1
    code, _, err = fetch(server, tmp_path / "hf", tmp_path / "c.sqlite", "--from", "2024-05-02", "--to", "2024-05-01")
    assert code == 1 and "is before --from" in err


def test_a_day_of_several_pages_is_one_list(server, api_dir, tmp_path):
    from graphkit.fetch.hf_daily import fetch_hf_daily
    from graphkit.fetch.http import ApiSession, Politeness
    from datetime import date

    pages = []

    def handle(req):
        pages.append((req.args["limit"], req.args["p"]))
        return hf_handler(api_dir)(req)
    server.expect_request("/api/daily_papers").respond_with_handler(handle)
    want = json.loads((api_dir / "2024-05-28.json").read_text())
    assert len(want) > 8
    s = ApiSession(Politeness(rate=None), cache_path=tmp_path / "c.sqlite")
    r = fetch_hf_daily(date(2024, 5, 28), date(2024, 5, 28), tmp_path / "hf", session=s,
                       api_url=server.url_for("/").rstrip("/"), page_size=4)
    assert r.papers == len(want)
    assert json.loads((tmp_path / "hf" / "2024-05-28.json").read_text()) == want
    assert pages == [("4", str(p)) for p in range(len(want) // 4 + 1)]


def test_a_server_ignoring_pages_cannot_loop(server, api_dir, tmp_path):
    from graphkit.fetch.hf_daily import fetch_hf_daily
    from graphkit.fetch.http import ApiSession, Politeness
    from datetime import date

    body = (api_dir / "2024-05-28.json").read_bytes()  # always the whole day
    server.expect_request("/api/daily_papers").respond_with_data(body, content_type="application/json")
    s = ApiSession(Politeness(rate=None), cache_path=tmp_path / "c.sqlite")
    r = fetch_hf_daily(date(2024, 5, 28), date(2024, 5, 28), tmp_path / "hf", session=s,
                       api_url=server.url_for("/").rstrip("/"), page_size=10)
    assert r.papers == len(json.loads(body)) and s.counts["network"] == 2
