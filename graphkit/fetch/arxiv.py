"""arXiv API search -> JSONL of papers (arXiv id, title, abstract, authors, dates, categories).

Uses the ``arxiv`` package's :class:`arxiv.Client` (paging over ``start``/``max_results``
until ``opensearch:totalResults``, its Atom parser). Its base URL is the class attribute
``query_url_format``, set per client for ``--api-url``. Its own politeness is switched
off (``delay_seconds=0``, ``num_retries=0``) and its ``requests`` session replaced by
graphkit's :class:`~graphkit.fetch.http.ApiSession`, which does the rate limit (arXiv
asks for one request every 3 s), retries with Retry-After, the disk cache and the
User-Agent. (``_session`` is a private attribute of the client: the one hook it has.)

>>> fetch_arxiv('cat:cs.RO AND abs:"vision-language-action"', 50, "vla.jsonl", session=ApiSession())  # doctest: +SKIP
ArxivResult(written=50, total=50)
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

import arxiv

from graphkit.atomic import atomic_open
from graphkit.fetch.http import ApiSession, FetchError
from graphkit.ids import parse_arxiv_id
from graphkit.progress import progress

DEFAULT_API = "https://export.arxiv.org"
DEFAULT_RATE = 1 / 3  # arXiv's terms: one request every three seconds


@dataclass
class ArxivResult:
    written: int
    path: str

    def summary(self) -> str:
        return f"papers {self.written} written to {self.path}"


def record(r: arxiv.Result) -> dict:
    """One JSONL record (the fields ``graphkit build`` reads, plus arXiv's extras)."""
    short = r.get_short_id()
    return {
        "arxiv_id": parse_arxiv_id(short) or short,
        "title": " ".join(r.title.split()),
        "abstract": " ".join(r.summary.split()),
        "authors": [a.name for a in r.authors],
        "date": r.published.date().isoformat() if r.published else None,
        "updated": r.updated.date().isoformat() if r.updated else None,
        "categories": list(r.categories),
        "primary_category": r.primary_category,
        "doi": r.doi,
        "url": r.entry_id,
    }


def client(session: ApiSession, api_url: str = DEFAULT_API, page_size: int = 100) -> arxiv.Client:
    c = arxiv.Client(page_size=page_size, delay_seconds=0, num_retries=0)
    c.query_url_format = f"{api_url.rstrip('/')}/api/query?{{}}"
    c._session = session
    return c


def fetch_arxiv(query: str, max_results: int, out_file: str | os.PathLike, *, session: ApiSession,
                api_url: str = DEFAULT_API, page_size: int = 100) -> ArxivResult:
    """Search arXiv for ``query`` (arXiv query syntax) and write up to ``max_results``
    papers to ``out_file`` (JSONL, atomically). A rerun is answered from the cache."""
    search = arxiv.Search(query=query, max_results=max_results)
    n = 0
    try:
        with atomic_open(out_file) as fh, progress("arxiv", max_results) as advance:
            for r in client(session, api_url, min(page_size, max_results)).results(search):
                fh.write(json.dumps(record(r), ensure_ascii=False) + "\n")
                n += 1
                advance(1)
    except arxiv.HTTPError as e:
        raise FetchError(f"GET {e.url}: HTTP {e.status}") from None
    except arxiv.UnexpectedEmptyPageError as e:
        raise FetchError(f"GET {e.url}: an empty page before the end of the results") from None
    return ArxivResult(n, str(out_file))
