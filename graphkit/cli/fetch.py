"""``graphkit fetch hf-daily|arxiv|references``: get papers and references from public APIs."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from graphkit.cli import app

fetch_app = typer.Typer(
    name="fetch",
    help=("Get papers and their references from public APIs (Hugging Face Daily Papers, arXiv, "
          "Semantic Scholar, OpenAlex), politely: rate-limited, retried, cached on disk.\n\n"
          "Example:\n\n    graphkit fetch hf-daily --from 2024-05-27 --to 2024-05-31 -o hf/\n\n"
          "    graphkit fetch references hf/ -o refs.jsonl\n\n"
          "    graphkit build hf/ --references refs.jsonl"),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(fetch_app, name="fetch")

ApiUrl = typer.Option(None, "--api-url", help="Base URL of the API (default: the public one; for mirrors and tests).")
Rate = typer.Option(None, "--rate", help="Requests per second reaching the network (0 = no limit; default per API).")
Retries = typer.Option(5, "--retries", min=0, help="Retries on 429/5xx/timeouts/malformed answers (exponential backoff, Retry-After honoured).")
Backoff = typer.Option(1.0, "--backoff", min=0.0, help="First backoff in seconds (doubles each retry, with jitter).")
MaxWait = typer.Option(60.0, "--max-wait", min=0.0, help="Longest wait between retries in seconds (also caps Retry-After).")
Timeout = typer.Option(30.0, "--timeout", min=0.1, help="Seconds per request.")
Cache = typer.Option(None, "--cache", help="HTTP cache file (default $GRAPHKIT_CACHE or ~/.cache/graphkit/http.sqlite).")
Offline = typer.Option(False, "--offline", help="Answer from the cache only; never send a request.")


def _session(rate, default_rate, retries, backoff, max_wait, timeout, cache, offline):
    from graphkit.fetch.http import ApiSession, Politeness, default_cache_path

    pol = Politeness(rate=(default_rate if rate is None else rate) or None, retries=retries,
                     backoff=backoff, max_wait=max_wait, timeout=timeout)
    return ApiSession(pol, cache_path=cache or default_cache_path(), offline=offline)


def _error(line: str) -> None:
    print(f"graphkit: {line}", file=sys.stderr)


def _requests(session) -> str:
    c = session.counts
    return f"requests {c['network']} sent, {c['cached']} from the cache, {c['retries']} retried"


@fetch_app.command("hf-daily")
def hf_daily(
    start: str = typer.Option(..., "--from", help="First day, YYYY-MM-DD."),
    end: Optional[str] = typer.Option(None, "--to", help="Last day, YYYY-MM-DD (default: --from)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder: one YYYY-MM-DD.json per day."),
    api_url: Optional[str] = ApiUrl, rate: Optional[float] = Rate, retries: int = Retries,
    backoff: float = Backoff, max_wait: float = MaxWait, timeout: float = Timeout,
    cache: Optional[Path] = Cache, offline: bool = Offline,
) -> None:
    """Hugging Face Daily Papers, one JSON file per day (the format `graphkit build` reads).
    Days already on disk and days without papers are not fetched again.

    Example:

        graphkit fetch hf-daily --from 2024-05-27 --to 2024-05-31 -o hf/
    """
    from graphkit.errors import GraphkitError
    from graphkit.fetch.hf_daily import DEFAULT_API, fetch_hf_daily

    try:
        d0 = date.fromisoformat(start)
        d1 = date.fromisoformat(end) if end else d0
    except ValueError as e:
        raise GraphkitError(f"--from/--to: {e}", exit_code=2) from None
    session = _session(rate, 2.0, retries, backoff, max_wait, timeout, cache, offline)
    r = fetch_hf_daily(d0, d1, out, session=session, api_url=api_url or DEFAULT_API,
                       on_error=lambda line: _error(f"failed {line}"))
    print(r.summary())
    print(_requests(session))
    if r.missing:
        raise typer.Exit(1)


@fetch_app.command("arxiv")
def arxiv_cmd(
    query: str = typer.Argument(..., help="arXiv query, e.g. 'cat:cs.RO AND abs:\"vision-language-action\"'."),
    max_results: int = typer.Option(100, "--max", min=1, help="Papers to fetch at most."),
    out: Path = typer.Option(..., "--out", "-o", help="JSONL file to write."),
    page_size: int = typer.Option(100, "--page-size", min=1, max=2000, help="Results per request."),
    api_url: Optional[str] = ApiUrl, rate: Optional[float] = Rate, retries: int = Retries,
    backoff: float = Backoff, max_wait: float = MaxWait, timeout: float = Timeout,
    cache: Optional[Path] = Cache, offline: bool = Offline,
) -> None:
    """Search the arXiv API; write JSONL (arXiv id, title, abstract, authors, dates, categories).
    Default rate: one request every 3 s (arXiv's terms).

    Example:

        graphkit fetch arxiv 'cat:cs.RO AND abs:"vision-language-action"' --max 200 -o vla.jsonl
    """
    from graphkit.fetch.arxiv import DEFAULT_API, DEFAULT_RATE, fetch_arxiv

    session = _session(rate, DEFAULT_RATE, retries, backoff, max_wait, timeout, cache, offline)
    r = fetch_arxiv(query, max_results, out, session=session, api_url=api_url or DEFAULT_API,
                    page_size=page_size)
    print(r.summary())
    print(_requests(session))


@fetch_app.command("references")
def references(
    paths: List[Path] = typer.Argument(..., help="Papers (any input `graphkit build` reads)."),
    out: Path = typer.Option(..., "--out", "-o", help="JSONL file, appended to (a rerun resumes)."),
    source: str = typer.Option("semantic-scholar", "--source", help="semantic-scholar or openalex."),
    batch_size: int = typer.Option(100, "--batch-size", min=1, max=500, help="Papers per batch request (at most 500; S2 caps one answer at 10,000 references in all, so big batches of well-referenced papers are paged instead: see README)."),
    api_url: Optional[str] = ApiUrl, rate: Optional[float] = Rate, retries: int = Retries,
    backoff: float = Backoff, max_wait: float = MaxWait, timeout: float = Timeout,
    cache: Optional[Path] = Cache, offline: bool = Offline,
) -> None:
    """The references of every paper with an arXiv id or DOI (Semantic Scholar by default,
    API key from $S2_API_KEY; OpenAlex with mailto from $GRAPHKIT_MAILTO).

    Example:

        graphkit fetch references hf/ -o refs.jsonl

        graphkit fetch references papers.jsonl -o refs.jsonl --source openalex
    """
    from graphkit.cli.common import report_skips
    from graphkit.fetch.references import fetch_references
    from graphkit.fetch import openalex, semantic_scholar

    default_rate = openalex.DEFAULT_RATE if source == "openalex" else semantic_scholar.DEFAULT_RATE
    session = _session(rate, default_rate, retries, backoff, max_wait, timeout, cache, offline)
    r = fetch_references(paths, out, session=session, source=source, api_url=api_url,
                         batch_size=batch_size, on_error=lambda line: _error(f"failed {line}"))
    report_skips(r.report)
    print(r.summary())
    print(_requests(session))
    if r.failed:
        raise typer.Exit(1)
