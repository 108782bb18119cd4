"""OpenAlex: the references of papers known by arXiv id or DOI (the second source).

``GET {api}/works?filter=doi:A|B|...&select=id,doi,referenced_works&per-page=50`` finds
the works (an arXiv paper is the DOI ``10.48550/arXiv.<id>``), then the cited works
(``referenced_works``, OpenAlex ids) are described by
``GET {api}/works?filter=openalex:W1|W2|...&select=id,doi,title,publication_year``,
50 ids a call. ``mailto`` from ``$GRAPHKIT_MAILTO`` puts requests in OpenAlex's polite
pool. Plain ``requests`` via :class:`~graphkit.fetch.http.ApiSession`, not ``pyalex``:
pyalex keeps its base URL and e-mail in a module-global config and builds a new
``requests`` session for every call, so neither graphkit's disk cache nor its rate
limiter could be put in front of it.

>>> OpenAlex(session).references(["ARXIV:2405.15738"])   # doctest: +SKIP
[[{'openalex': 'W...', 'doi': '...', 'arxiv': None, 'title': '...', 'year': 2023}, ...]]
"""

from __future__ import annotations

import os

from graphkit.fetch.http import ApiSession, FetchError
from graphkit.ids import parse_arxiv_id

DEFAULT_API = "https://api.openalex.org"
DEFAULT_RATE = 5.0  # OpenAlex allows 10 a second; half of it
PER_CALL = 50
ARXIV_DOI = "10.48550/arxiv."


def _short(openalex_id: str) -> str:
    return openalex_id.rsplit("/", 1)[-1]


def _doi(url: str | None) -> str | None:
    if not url:
        return None
    d = url.lower()
    return d.split("doi.org/", 1)[1] if "doi.org/" in d else d


def _valid(resp) -> None:
    body = resp.json()
    if not isinstance(body, dict) or not isinstance(body.get("results"), list):
        raise ValueError("expected {\"results\": [...]}")


class OpenAlex:
    def __init__(self, session: ApiSession, api_url: str = DEFAULT_API):
        self.session = session
        self.api = api_url.rstrip("/")
        self.mailto = os.environ.get("GRAPHKIT_MAILTO")

    def _works(self, filter_: str, select: str) -> list[dict]:
        params = {"filter": filter_, "select": select, "per-page": PER_CALL}
        if self.mailto:
            params["mailto"] = self.mailto
        resp = self.session.request("GET", f"{self.api}/works", params=params, validate=_valid)
        if resp.status_code != 200:
            raise FetchError(f"GET {self.api}/works: HTTP {resp.status_code}")
        return resp.json()["results"]

    def references(self, keys: list[str]) -> list[list[dict] | None]:
        """Like :meth:`graphkit.fetch.semantic_scholar.S2.references` (``ARXIV:``/``DOI:`` keys)."""
        dois = [(ARXIV_DOI + k[6:].lower()) if k.startswith("ARXIV:") else k[4:].lower() for k in keys]
        found: dict[str, list[str]] = {}
        for i in range(0, len(dois), PER_CALL):
            for w in self._works("doi:" + "|".join(dois[i:i + PER_CALL]), "id,doi,referenced_works"):
                found[_doi(w.get("doi")) or ""] = [_short(r) for r in w.get("referenced_works") or []]
        cited = sorted({w for refs in found.values() for w in refs})
        about: dict[str, dict] = {}
        for i in range(0, len(cited), PER_CALL):
            for w in self._works("openalex:" + "|".join(cited[i:i + PER_CALL]), "id,doi,title,publication_year"):
                doi = _doi(w.get("doi"))
                arxiv = parse_arxiv_id(doi[len(ARXIV_DOI):]) if doi and doi.startswith(ARXIV_DOI) else None
                about[_short(w["id"])] = {"openalex": _short(w["id"]), "doi": None if arxiv else doi,
                                          "arxiv": arxiv, "title": w.get("title"),
                                          "year": w.get("publication_year")}
        out: list[list[dict] | None] = []
        for d in dois:
            refs = found.get(d)
            out.append(None if refs is None else
                       [about.get(w) or {"openalex": w, "doi": None, "arxiv": None, "title": None, "year": None}
                        for w in refs])
        return out
