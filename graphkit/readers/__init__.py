"""Readers: every input format of docs/graph-model.md, chosen by sniffing the content.

Add a format by writing one module with ``NAME``, ``sniff(text)`` and
``read(path, text)`` and adding it to :data:`READERS` (order = sniffing priority).

>>> report = read_paths(["data/"])          # doctest: +SKIP
>>> len(report.papers), report.duplicates    # doctest: +SKIP
(190, 20)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Iterator

from graphkit.errors import InputError
from graphkit.ids import normalise_title
from graphkit.model import Paper, ReadReport, Skip
from graphkit.readers import bibtex, csv_records, hf_page, json_records
from graphkit.readers.base import decode, first_bad_line

READERS = [bibtex, json_records, csv_records, hf_page]
"""Sniffing order: the first reader whose ``sniff`` accepts the text reads the file."""

_ID_RANK = {"arxiv": 0, "doi": 1, "title": 2}


def detect_format(text: str):
    """The reader module for ``text``, or None when no reader recognises it."""
    for reader in READERS:
        if reader.sniff(text):
            return reader
    return None


def iter_files(paths: Iterable[str | os.PathLike], report: ReadReport) -> Iterator[Path]:
    """Files under ``paths`` (folders walked recursively, hidden entries skipped), sorted."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*")
                           if f.is_file() and not any(part.startswith(".") for part in f.relative_to(path).parts))
            if not files:
                report.skipped.append(Skip(str(path), "empty folder: no files"))
            yield from files
        elif path.is_file():
            yield path
        elif path.exists():
            report.skipped.append(Skip(str(path), "not a regular file"))
        else:
            report.skipped.append(Skip(str(path), "no such file or folder"))


def read_file(path: Path, report: ReadReport) -> Iterator[Paper | Skip]:
    """Records of one file (papers and skips), after format sniffing."""
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Skip(str(path), f"cannot read: {e.strerror or e}")
        return
    if not data.strip():
        yield Skip(str(path), "empty file")
        return
    if b"\x00" in data[:4096]:
        yield Skip(str(path), "unknown format: binary data, not text")
        return
    text = decode(data)
    reader = detect_format(text)
    if reader is None:
        bad = first_bad_line(text)
        if bad is not None:
            yield Skip(f"{path}:{bad}", "unknown format (and not UTF-8 text)")
        else:
            yield Skip(str(path), "unknown format: not a Daily Papers page, HF API JSON, "
                                  "JSON/JSONL/CSV with title+abstract, or BibTeX")
        return
    report.formats[reader.NAME] = report.formats.get(reader.NAME, 0) + 1
    yield from reader.read(str(path), text)


class PaperIndex:
    """Merges records of the same paper (same arXiv id, DOI or normalised title)."""

    def __init__(self) -> None:
        self.papers: list[Paper] = []
        self._by_key: dict[str, int] = {}

    @staticmethod
    def keys(p: Paper) -> list[str]:
        keys = [f"title:{normalise_title(p.title)}"]
        if p.arxiv_id:
            keys.append(f"arxiv:{p.arxiv_id}")
        if p.doi:
            keys.append(f"doi:{p.doi}")
        return keys

    def add(self, p: Paper) -> bool:
        """Add ``p``; return True when it merged into a paper already there."""
        hits = {self._by_key[k] for k in self.keys(p) if k in self._by_key}
        if not hits:
            idx = len(self.papers)
            self.papers.append(p)
        else:
            idx = min(hits)
            merge_into(self.papers[idx], p)
        for k in self.keys(self.papers[idx]):
            self._by_key[k] = idx
        return bool(hits)


def merge_into(a: Paper, b: Paper) -> None:
    """Fill ``a`` with what ``b`` knows and ``a`` does not; the best id wins."""
    if _ID_RANK[b.id.split(":")[0]] < _ID_RANK[a.id.split(":")[0]]:
        a.id = b.id
    if len(b.abstract) > len(a.abstract):
        a.abstract = b.abstract
    for f in ("arxiv_id", "doi", "date", "year", "upvotes", "url", "project_url", "code_url", "author_count"):
        if getattr(a, f) is None and getattr(b, f) is not None:
            setattr(a, f, getattr(b, f))
    if a.date:
        a.date_raw = None
    elif a.date_raw is None:
        a.date_raw = b.date_raw
    if not a.authors and b.authors:
        a.authors = list(b.authors)
    for r in b.references:
        if r not in a.references:
            a.references.append(r)
    a.sources.extend(b.sources)


def read_paths(paths: Iterable[str | os.PathLike], *,
               on_file: Callable[[Path], None] | None = None,
               require_papers: bool = True) -> ReadReport:
    """Read every file under ``paths`` into one de-duplicated list of papers.

    Bad records are skipped and listed in ``report.skipped`` (file and line each);
    raises :class:`~graphkit.errors.InputError` when nothing usable is left.
    """
    report = ReadReport()
    index = PaperIndex()
    for path in iter_files(paths, report):
        report.files.append(str(path))
        if on_file:
            on_file(path)
        for item in read_file(path, report):
            if isinstance(item, Skip):
                report.skipped.append(item)
                continue
            report.records += 1
            if index.add(item):
                report.duplicates += 1
    report.papers = index.papers
    if require_papers and not report.papers:
        lines = "; ".join(str(s) for s in report.skipped[:5]) or "no input files"
        more = f" (+{len(report.skipped) - 5} more)" if len(report.skipped) > 5 else ""
        raise InputError(f"no usable papers in the input: {lines}{more}")
    return report
