"""The shared fetch session against a local server: retries on 429/5xx/timeouts/malformed
JSON, Retry-After, the disk cache, --offline, the rate limiter and the User-Agent. Sleeps
are recorded instead of slept (Politeness.sleep), so the tests are fast and check the waits."""

from __future__ import annotations

import json
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from graphkit.fetch.http import (ApiSession, FetchError, NotCached, Politeness, RateLimiter,
                                 json_body, parse_retry_after)


@pytest.fixture
def server():
    s = HTTPServer(threaded=True)  # a slow answer does not hold up the retry
    s.start()
    yield s
    s.clear()
    s.stop()


def sequence(*responses):
    """A handler answering with each response in turn (the last one repeats)."""
    calls = []

    def handle(req):
        calls.append(req)
        r = responses[min(len(calls) - 1, len(responses) - 1)]
        return r if isinstance(r, Response) else r()
    handle.calls = calls
    return handle


def ok(body=None):
    return Response(json.dumps(body if body is not None else {"ok": True}), 200, content_type="application/json")


def session(tmp_path, sleeps, **kw):
    pol = Politeness(rate=None, retries=kw.pop("retries", 4), backoff=0.01, max_wait=30,
                     timeout=kw.pop("timeout", 5), sleep=sleeps.append)
    return ApiSession(pol, cache_path=tmp_path / "cache.sqlite", **kw)


def test_429_then_success_honours_retry_after(server, tmp_path):
    h = sequence(Response("slow down", 429, headers={"Retry-After": "7"}), ok())
    server.expect_request("/x").respond_with_handler(h)
    sleeps = []
    s = session(tmp_path, sleeps)
    assert s.request("GET", server.url_for("/x"), validate=json_body).json() == {"ok": True}
    assert len(h.calls) == 2 and sleeps == [7.0]
    assert s.counts == {"network": 2, "cached": 0, "retries": 1}


def test_retry_after_is_capped_and_dates_are_understood():
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after("garbage") is None and parse_retry_after(None) is None


def test_a_429_storm_backs_off_exponentially_then_gives_up_in_one_line(server, tmp_path):
    h = sequence(Response("no", 429))
    server.expect_request("/x").respond_with_handler(h)
    sleeps = []
    s = session(tmp_path, sleeps, retries=4)
    with pytest.raises(FetchError) as e:
        s.request("GET", server.url_for("/x"))
    msg = str(e.value)
    assert "\n" not in msg and "HTTP 429" in msg and "5 attempts" in msg
    assert len(h.calls) == 5 and len(sleeps) == 4
    # exponential with jitter: each wait at least the doubled base
    assert all(w >= 0.01 * 2 ** i for i, w in enumerate(sleeps))


def test_500s_then_success(server, tmp_path):
    h = sequence(Response("boom", 500), Response("boom", 503), ok({"n": 1}))
    server.expect_request("/x").respond_with_handler(h)
    s = session(tmp_path, [])
    assert s.request("GET", server.url_for("/x")).json() == {"n": 1}
    assert len(h.calls) == 3


def test_a_timeout_is_retried(server, tmp_path):
    def slow():
        time.sleep(2.0)
        return ok({"slow": True})
    h = sequence(slow, ok({"fast": True}))
    server.expect_request("/x").respond_with_handler(h)
    s = session(tmp_path, [], timeout=0.5)
    assert s.request("GET", server.url_for("/x")).json() == {"fast": True}
    assert s.counts["retries"] >= 1


def test_malformed_json_is_retried_and_never_cached(server, tmp_path):
    h = sequence(Response('[{"paper": ', 200, content_type="application/json"), ok([1]))
    server.expect_request("/x").respond_with_handler(h)
    s = session(tmp_path, [])
    assert s.request("GET", server.url_for("/x"), validate=json_body).json() == [1]
    # the cached answer is the good one
    s2 = session(tmp_path, [], offline=True)
    assert s2.request("GET", server.url_for("/x"), validate=json_body).json() == [1]


def test_cache_makes_a_rerun_free_and_offline_never_asks(server, tmp_path):
    h = sequence(ok({"v": 1}))
    server.expect_request("/x").respond_with_handler(h)
    s = session(tmp_path, [])
    s.request("GET", server.url_for("/x"), params={"a": 1})
    s.request("POST", server.url_for("/x"), json={"ids": [1]})
    again = session(tmp_path, [])
    again.request("GET", server.url_for("/x"), params={"a": 1})
    again.request("POST", server.url_for("/x"), json={"ids": [1]})
    assert len(h.calls) == 2 and again.counts["network"] == 0 and again.counts["cached"] == 2
    off = session(tmp_path, [], offline=True)
    with pytest.raises(NotCached, match="not in the cache"):
        off.request("POST", server.url_for("/x"), json={"ids": [2]})  # another body: a miss
    assert len(h.calls) == 2 and off.counts["network"] == 0


def test_user_agent_names_graphkit(server, tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPHKIT_MAILTO", "me@example.org")
    h = sequence(ok())
    server.expect_request("/x").respond_with_handler(h)
    s = session(tmp_path, [])
    s.request("GET", server.url_for("/x"), headers={"user-agent": "arxiv.py/4"})
    ua = h.calls[0].headers["User-Agent"]
    assert ua.startswith("graphkit/") and "mailto:me@example.org" in ua


def test_rate_limiter_spaces_requests():
    now = [100.0]
    sleeps = []

    def sleep(s):
        sleeps.append(s)
        now[0] += s
    lim = RateLimiter(10.0, sleep=sleep, clock=lambda: now[0])
    for _ in range(5):
        lim.wait()
    # the first call is free; each next one waits for its slot, 0.1 s apart
    assert sleeps == pytest.approx([0.1, 0.1, 0.1, 0.1])
    now[0] += 1.0  # idle for a while: no debt carried over, the next call is free
    lim.wait()
    assert len(sleeps) == 4
    free = []
    RateLimiter(None, sleep=free.append).wait()
    assert free == []
