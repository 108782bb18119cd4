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
    """``GET /api/daily_papers?date=D`` -> the recorded ``D.json`` (``[]`` when there is none)."""
    def handle(req: Request) -> Response:
        day = req.args.get("date", "")
        if served is not None:
            served.append(day)
        path = Path(days_dir) / f"{day}.json"
        body = path.read_text(encoding="utf-8") if path.exists() else "[]"
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
