"""``graphkit fetch references``: the references of every paper of the inputs, to JSONL.

Each output line is ``{"id": <graphkit paper id>, "source": ..., "references": [{"arxiv",
"doi", "s2" | "openalex", "title", "year"}, ...]}``; a paper the source does not know is
written with ``"references": []`` and ``"missing": "not found in <source>"`` (so a
rerun does not ask again). The file is a :class:`~graphkit.fetch.journal.Journal`:
written batch by batch with fsync, and a restarted run skips the papers already in it.
A batch that fails for good (after retries) is not written: it is listed in the
summary and fetched by the next run.

>>> fetch_references(["hf/"], "refs.jsonl", session=ApiSession(), source="semantic-scholar")  # doctest: +SKIP
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Sequence

from graphkit.fetch.http import ApiSession, FetchError
from graphkit.fetch.journal import Journal
from graphkit.fetch.semantic_scholar import MAX_BATCH, S2, s2_id

DEFAULT_BATCH = 100  # see bench/fetch.py: 500 papers x ~40 references overflow S2's 10,000 per answer
from graphkit.model import ReadReport
from graphkit.progress import progress
from graphkit.readers import read_paths

SOURCES = ("semantic-scholar", "openalex")


@dataclass
class ReferencesResult:
    report: ReadReport
    path: str
    papers: int = 0  # papers of the input
    without_id: int = 0  # no arXiv id or DOI: nothing to ask
    already: int = 0  # in the output from an earlier run
    fetched: int = 0  # written now, with references
    not_found: int = 0  # written now, unknown to the source
    references: int = 0  # references written now
    failed: dict[str, str] = field(default_factory=dict)  # paper id -> error (not written)
    errors: list[str] = field(default_factory=list)  # one line per failed batch

    def summary(self) -> str:
        line = (f"papers {self.papers}: fetched {self.fetched} ({self.references} references), "
                f"not found {self.not_found}, already in {self.path} {self.already}, "
                f"no arXiv id or DOI {self.without_id}, failed {len(self.failed)}")
        if self.failed:
            line += " (rerun to fetch them)"
        return line


def client(source: str, session: ApiSession, api_url: str | None):
    if source == "semantic-scholar":
        from graphkit.fetch import semantic_scholar as m

        return S2(session, api_url or m.DEFAULT_API)
    if source == "openalex":
        from graphkit.fetch import openalex as m

        return m.OpenAlex(session, api_url or m.DEFAULT_API)
    raise FetchError(f"unknown source {source!r} (one of: {', '.join(SOURCES)})")


def fetch_references(paths: Sequence[str | os.PathLike], out_file: str | os.PathLike, *,
                     session: ApiSession, source: str = "semantic-scholar", api_url: str | None = None,
                     batch_size: int = DEFAULT_BATCH, on_error=None) -> ReferencesResult:
    if not 1 <= batch_size <= MAX_BATCH:
        raise FetchError(f"--batch-size must be 1..{MAX_BATCH}, not {batch_size}")
    api = client(source, session, api_url)
    report = read_paths(paths)
    journal = Journal(out_file)
    result = ReferencesResult(report=report, path=str(out_file), papers=len(report.papers))
    todo: list[tuple[str, str]] = []
    for p in report.papers:
        key = s2_id(p.arxiv_id, p.doi)
        if key is None:
            result.without_id += 1
        elif p.id in journal.done:
            result.already += 1
        else:
            todo.append((p.id, key))
    with progress(f"references ({source})", len(todo)) as advance:
        for i in range(0, len(todo), batch_size):
            chunk = todo[i:i + batch_size]
            try:
                answers = api.references([k for _, k in chunk])
            except FetchError as e:
                result.errors.append(str(e))
                result.failed.update((pid, str(e)) for pid, _ in chunk)
                if on_error:
                    on_error(str(e))
                advance(len(chunk))
                continue
            rows = []
            for (pid, _), refs in zip(chunk, answers):
                if refs is None:
                    rows.append({"id": pid, "source": source, "references": [],
                                 "missing": f"not found in {source}"})
                    result.not_found += 1
                else:
                    rows.append({"id": pid, "source": source, "references": refs})
                    result.fetched += 1
                    result.references += len(refs)
            journal.append(rows)
            advance(len(chunk))
    return result
