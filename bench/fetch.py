"""Benchmark: requests a minute against local API stand-ins, rate limiter on and off, and
what a 1,000-paper references fetch costs in requests.

    .venv/bin/python bench/fetch.py

1. Rate: ``fetch_references`` with ``--batch-size 1`` (one POST per paper, plus paged GETs)
   over the papers of three recorded Daily Papers days (../shared/corpora/hf-daily-api),
   against the Semantic Scholar stand-in of tests/fetch_standin.py; once with the default
   limiter (1 request/s, Semantic Scholar's public pool) and once with none. Each run has a
   fresh cache, so every request reaches the server.
2. Cost: a synthetic 1,000-paper world (reference counts drawn from a log-normal, median
   ~35, a few surveys with thousands), answered like the real batch endpoint: at most
   10,000 references per batch answer in all (S2's documentation); papers past that cap
   are paged with ``GET /paper/{id}/references?limit=1000``. Printed for batch sizes 500,
   250, 100.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT), str(ROOT / "tests")] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

from pytest_httpserver import HTTPServer  # noqa: E402

from fetch_standin import ACCEPTANCE_DAYS, S2World, _s2id, serve, world_from_days  # noqa: E402
from graphkit.fetch.http import ApiSession, Politeness  # noqa: E402
from graphkit.fetch.references import fetch_references  # noqa: E402

DAYS = ROOT.parent / "shared" / "corpora" / "hf-daily-api"


def rate_run(rate: float | None, papers_dir: Path) -> tuple[int, float]:
    world = world_from_days([DAYS / f"{d}.json" for d in ACCEPTANCE_DAYS])
    server = HTTPServer(threaded=True)
    server.start()
    try:
        serve(server, DAYS, world)
        with tempfile.TemporaryDirectory() as tmp:
            files = sorted(papers_dir.glob("*.json"))
            s = ApiSession(Politeness(rate=rate, backoff=0.01), cache_path=Path(tmp) / "c.sqlite")
            t = time.perf_counter()
            fetch_references(files, Path(tmp) / "r.jsonl", session=s, batch_size=1,
                             api_url=server.url_for("/").rstrip("/"))
            return s.counts["network"], time.perf_counter() - t
    finally:
        server.clear()
        server.stop()


def synthetic_world(n: int, seed: int = 0) -> tuple[S2World, list[str]]:
    rng = random.Random(seed)
    papers, rows = {}, []
    for i in range(n):
        aid = f"2401.{i:05d}"
        k = min(int(rng.lognormvariate(3.55, 0.8)), 6000)
        if i % 250 == 7:
            k = 1500 + 10 * i % 3000  # a few surveys
        refs = [{"paperId": _s2id(f"w{(i * 7 + j) % 50000}"), "externalIds": {},
                 "title": f"work {(i * 7 + j) % 50000}", "year": 2020} for j in range(k)]
        papers[f"ARXIV:{aid}"] = {"paperId": _s2id(aid), "externalIds": {"ArXiv": aid}, "title": aid,
                                  "references": refs}
        rows.append(f'{{"arxiv_id": "{aid}", "title": "Paper {i}", "abstract": "Abstract {i}."}}')
    return S2World(papers, batch_cap=10_000), rows


def cost_run(batch_size: int) -> dict:
    world, rows = synthetic_world(1000)
    server = HTTPServer(threaded=True)
    server.start()
    try:
        serve(server, DAYS, world)
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / "papers.jsonl"
            p.write_text("\n".join(rows) + "\n")
            s = ApiSession(Politeness(rate=None), cache_path=Path(tmp) / "c.sqlite")
            r = fetch_references([p], Path(tmp) / "r.jsonl", session=s, batch_size=batch_size,
                                 api_url=server.url_for("/").rstrip("/"))
            refs = [len(v["references"]) for v in world.papers.values()]
            return {"batch": world.calls["batch"], "pages": world.calls["references"],
                    "total": s.counts["network"], "references": r.references, "want": sum(refs),
                    "over_1000": sum(1 for x in refs if x > 1000), "median": sorted(refs)[len(refs) // 2]}
    finally:
        server.clear()
        server.stop()


def main() -> None:
    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        for d in ACCEPTANCE_DAYS:
            (Path(tmp) / f"{d}.json").write_bytes((DAYS / f"{d}.json").read_bytes())
        for label, rate in (("limiter on (1/s)", 1.0), ("limiter off", None)):
            n, secs = rate_run(rate, Path(tmp))
            print(f"rate      {label:18s} {n:4d} requests in {secs:6.2f} s = {60 * n / secs:8.0f} requests/minute")
    for b in (500, 250, 100):
        c = cost_run(b)
        print(f"cost      1000 papers, batch {b:3d}: {c['total']:4d} requests = {c['batch']} batch POSTs + "
              f"{c['pages']} reference pages; {c['references']} of {c['want']} references "
              f"(median {c['median']} a paper, {c['over_1000']} papers with > 1000)")


if __name__ == "__main__":
    main()
