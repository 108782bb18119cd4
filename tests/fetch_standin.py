"""Local stand-ins of the public APIs, for the fetch tests and bench/fetch_standin.py.

Each ``*_handler`` is a werkzeug request handler for ``pytest_httpserver.HTTPServer``
(``server.expect_request(path).respond_with_handler(h)``). Responses follow each API's
documented shape: Hugging Face ``/api/daily_papers?date=`` (real recorded days read from
../shared/corpora/hf-daily-api at run time), Semantic Scholar ``POST /graph/v1/paper/batch``
(list, ``null`` for unknown ids, references capped per batch like the real one) and
``GET /graph/v1/paper/{id}/references`` (offset/limit/next).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from werkzeug import Request, Response


def hf_handler(days_dir: Path, served: list | None = None):
    """``GET /api/daily_papers?date=D&limit=L&p=P`` -> page P of the recorded ``D.json``
    (``[]`` when there is none); a day that fits in one page is served byte for byte."""
    def handle(req: Request) -> Response:
        day = req.args.get("date", "")
        if served is not None:
            served.append(day)
        path = Path(days_dir) / f"{day}.json"
        body = path.read_text(encoding="utf-8") if path.exists() else "[]"
        limit, page = int(req.args.get("limit", 50)), int(req.args.get("p", 0))
        items = json.loads(body)
        if len(items) > limit or page:  # paged like the API: limit items from page p (0-based)
            body = json.dumps(items[page * limit:(page + 1) * limit])
        return Response(body, 200, content_type="application/json")
    return handle


def _s2id(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()


EXTERNAL = [  # works outside any recorded day, cited by many papers
    {"paperId": _s2id("attention"), "externalIds": {"ArXiv": "1706.03762", "DOI": "10.48550/arXiv.1706.03762"},
     "title": "Attention is All you Need", "year": 2017},
    {"paperId": _s2id("lstm"), "externalIds": {"DOI": "10.1162/neco.1997.9.8.1735"},
     "title": "Long Short-Term Memory", "year": 1997},
    {"paperId": _s2id("adam"), "externalIds": {"ArXiv": "1412.6980"},
     "title": "Adam: A Method for Stochastic Optimization", "year": 2014},
    {"paperId": _s2id("resnet"), "externalIds": {"DOI": "10.1109/CVPR.2016.90"},
     "title": "Deep Residual Learning for Image Recognition", "year": 2016},
    {"paperId": _s2id("gpt3"), "externalIds": {},
     "title": "Language Models are Few-Shot Learners", "year": 2020},
    {"paperId": None, "externalIds": None, "title": "Layer Normalization", "year": 2016},
]


class S2World:
    """A tiny Semantic Scholar: ``papers`` maps ``ARXIV:<id>`` keys to paper objects with
    ``references``. ``batch_cap``: references one batch answer holds in all (the real API:
    10,000); papers past the cap come back with fewer references than ``referenceCount``."""

    def __init__(self, papers: dict[str, dict], *, batch_cap: int = 10_000):
        self.papers = papers
        self.batch_cap = batch_cap
        self.by_s2 = {p["paperId"]: p for p in papers.values()}
        self.calls = {"batch": 0, "references": 0}

    def batch_handler(self, req: Request) -> Response:
        self.calls["batch"] += 1
        ids = json.loads(req.get_data())["ids"]
        if len(ids) > 500:
            return Response(json.dumps({"error": "Cannot process more than 500 ids"}), 400)
        budget = self.batch_cap
        out = []
        for key in ids:
            p = self.papers.get(key)
            if p is None:
                out.append(None)
                continue
            refs = p["references"][:max(budget, 0)]
            budget -= len(refs)
            out.append({"paperId": p["paperId"], "externalIds": p["externalIds"],
                        "referenceCount": len(p["references"]), "references": refs})
        return Response(json.dumps(out), 200, content_type="application/json")

    def references_handler(self, req: Request) -> Response:
        self.calls["references"] += 1
        pid = req.path.rstrip("/").split("/")[-2]
        p = self.by_s2.get(pid)
        if p is None:
            return Response(json.dumps({"error": "Paper not found"}), 404)
        offset, limit = int(req.args.get("offset", 0)), int(req.args.get("limit", 100))
        page = p["references"][offset:offset + limit]
        body = {"offset": offset, "data": [{"citedPaper": r} for r in page]}
        if offset + limit < len(p["references"]):
            body["next"] = offset + limit
        return Response(json.dumps(body), 200, content_type="application/json")


def world_from_days(day_files: list[Path], *, unknown_every: int = 10, batch_cap: int = 10_000) -> S2World:
    """References for the papers of recorded Daily Papers days, made up deterministically:
    paper i cites the two papers before it (by arXiv id) and three of :data:`EXTERNAL`;
    every ``unknown_every``-th paper is unknown to the stand-in (a ``null`` answer)."""
    items = [it for f in day_files for it in json.loads(Path(f).read_text(encoding="utf-8"))]
    seen, ids = set(), []
    for it in items:
        aid = it["paper"]["id"]
        if aid not in seen:
            seen.add(aid)
            ids.append((aid, it["paper"].get("title")))
    papers = {}
    for i, (aid, title) in enumerate(ids):
        if unknown_every and i % unknown_every == unknown_every - 1:
            continue
        refs = [{"paperId": _s2id(ids[j][0]), "externalIds": {"ArXiv": ids[j][0]}, "title": ids[j][1],
                 "year": 2024} for j in (i - 1, i - 2) if j >= 0]
        refs += [EXTERNAL[k % len(EXTERNAL)] for k in (i, i + 1, 2 * i + 3)]
        uniq = {json.dumps(r, sort_keys=True): r for r in refs}
        papers[f"ARXIV:{aid}"] = {"paperId": _s2id(aid), "externalIds": {"ArXiv": aid}, "title": title,
                                  "references": list(uniq.values())}
    return S2World(papers, batch_cap=batch_cap)


# -- running the CLI in process, and the whole acceptance path ---------------------------------
def run_main(*args) -> tuple[int, str, str]:
    """``graphkit ARGS`` in this process: ``(exit code, stdout, stderr)``."""
    import contextlib
    import io

    from graphkit.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    return code, out.getvalue(), err.getvalue()


ACCEPTANCE_DAYS = ("2024-05-27", "2024-05-28", "2024-05-29")
FAST = ("--rate", "0", "--backoff", "0.001", "--max-wait", "0.01")


def serve(server, days_dir: Path, world: S2World | None = None) -> None:
    """Register the HF and S2 stand-ins on a ``pytest_httpserver.HTTPServer``."""
    import re

    server.expect_request("/api/daily_papers").respond_with_handler(hf_handler(days_dir))
    if world is not None:
        server.expect_request("/graph/v1/paper/batch", method="POST").respond_with_handler(world.batch_handler)
        server.expect_request(re.compile(r"/graph/v1/paper/[^/]+/references")).respond_with_handler(
            world.references_handler)


def acceptance(server, days_dir: Path, root: Path, *, batch_cap: int = 10_000) -> dict:
    """fetch hf-daily (3 days) -> fetch references -> build --references, all through the CLI
    against the stand-ins; returns the paths, the world and the CLI outputs."""
    world = world_from_days([Path(days_dir) / f"{d}.json" for d in ACCEPTANCE_DAYS], batch_cap=batch_cap)
    serve(server, days_dir, world)
    api = server.url_for("/").rstrip("/")
    cache = root / "http.sqlite"
    hf, refs, out = root / "hf", root / "refs.jsonl", root / "out"
    r1 = run_main("fetch", "hf-daily", "--from", ACCEPTANCE_DAYS[0], "--to", ACCEPTANCE_DAYS[-1], "-o", hf,
                  "--api-url", api, "--cache", cache, *FAST)
    r2 = run_main("fetch", "references", hf, "-o", refs, "--api-url", api, "--cache", cache, *FAST)
    r3 = run_main("build", hf, "--references", refs, "--out", out, "--json")
    return {"hf": hf, "refs": refs, "out": out, "world": world, "runs": (r1, r2, r3), "cache": cache}
