"""Semantic Scholar Graph API: the references of papers known by arXiv id or DOI.

One ``POST {api}/graph/v1/paper/batch?fields=...`` with ``{"ids": ["ARXIV:2405.15738",
"DOI:10.1000/x", ...]}`` per ``batch_size`` papers (at most 500; the answer is a list in
the same order with ``null`` for ids Semantic Scholar does not know). The batch endpoint
returns at most 10,000 references per call in all (its documentation), so a paper whose
``referenceCount`` is larger than the references it came with is paged through
``GET {api}/graph/v1/paper/{paperId}/references?offset=&limit=`` (``next`` until absent).
``x-api-key`` is sent when ``$S2_API_KEY`` is set. Plain ``requests`` (via
:class:`~graphkit.fetch.http.ApiSession`): the API is two JSON endpoints, and a client
library would hide the batching this module is about.

>>> S2(session).batch(["ARXIV:2405.15738"])   # doctest: +SKIP
[{'paperId': '...', 'referenceCount': 52, 'references': [...]}]
"""

from __future__ import annotations

import os
from typing import Iterator

from graphkit.fetch.http import ApiSession, FetchError

DEFAULT_API = "https://api.semanticscholar.org"
DEFAULT_RATE = 1.0  # the public pool without a key: about one request a second
MAX_BATCH = 500
PAGE_LIMIT = 1000
REF_FIELDS = ("paperId", "externalIds", "title", "year")
BATCH_FIELDS = "paperId,externalIds,referenceCount," + ",".join(f"references.{f}" for f in REF_FIELDS)
KEY_ENV = "S2_API_KEY"


def s2_id(arxiv_id: str | None, doi: str | None) -> str | None:
    """``ARXIV:<id>`` or ``DOI:<doi>`` (arXiv first), None without either."""
    if arxiv_id:
        return f"ARXIV:{arxiv_id}"
    if doi:
        return f"DOI:{doi}"
    return None


def reference(cited: dict) -> dict | None:
    """An S2 paper object -> ``{"arxiv", "doi", "s2", "title", "year"}`` (None if empty)."""
    if not isinstance(cited, dict):
        return None
    ext = cited.get("externalIds") or {}
    out = {"arxiv": ext.get("ArXiv"), "doi": (ext.get("DOI") or "").lower() or None,
           "s2": cited.get("paperId"), "title": cited.get("title"), "year": cited.get("year")}
    return out if (out["arxiv"] or out["doi"] or out["s2"] or out["title"]) else None


def _valid_batch(resp) -> None:
    body = resp.json()
    if not isinstance(body, list):
        raise ValueError("expected a JSON list")


def _valid_page(resp) -> None:
    body = resp.json()
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        raise ValueError("expected {\"data\": [...]}")


class S2:
    def __init__(self, session: ApiSession, api_url: str = DEFAULT_API, *, page_limit: int = PAGE_LIMIT):
        self.session = session
        self.api = api_url.rstrip("/")
        self.page_limit = page_limit
        key = os.environ.get(KEY_ENV)
        if key:
            session.headers["x-api-key"] = key

    def _json(self, method: str, url: str, validate, **kw):
        resp = self.session.request(method, url, validate=validate, **kw)
        if resp.status_code != 200:
            raise FetchError(f"{method} {url}: HTTP {resp.status_code}")
        return resp.json()

    def batch(self, ids: list[str]) -> list[dict | None]:
        """The batch answer for ``ids`` (same order, None for unknown ids)."""
        if len(ids) > MAX_BATCH:
            raise ValueError(f"at most {MAX_BATCH} ids a call")
        body = self._json("POST", f"{self.api}/graph/v1/paper/batch", _valid_batch,
                          params={"fields": BATCH_FIELDS}, json={"ids": ids})
        if len(body) != len(ids):
            raise FetchError(f"POST {self.api}/graph/v1/paper/batch: {len(body)} answers for {len(ids)} ids")
        return body

    def all_references(self, paper_id: str) -> Iterator[dict]:
        """Every ``citedPaper`` of one paper, page by page."""
        offset = 0
        fields = ",".join(REF_FIELDS)
        while True:
            body = self._json("GET", f"{self.api}/graph/v1/paper/{paper_id}/references", _valid_page,
                              params={"fields": fields, "offset": offset, "limit": self.page_limit})
            for row in body["data"]:
                if isinstance(row, dict):
                    yield row.get("citedPaper") or {}
            if body.get("next") is None or not body["data"]:
                return
            offset = int(body["next"])

    def references(self, keys: list[str]) -> list[list[dict] | None]:
        """For each ``ARXIV:``/``DOI:`` key, its references (None when S2 does not know it)."""
        out: list[list[dict] | None] = []
        for entry in self.batch(keys):
            if not isinstance(entry, dict):
                out.append(None)
                continue
            cited = entry.get("references") or []
            if (entry.get("referenceCount") or 0) > len(cited) and entry.get("paperId"):
                cited = list(self.all_references(entry["paperId"]))
            out.append([r for r in map(reference, cited) if r])
        return out
