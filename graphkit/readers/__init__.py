"""Readers: every input format of docs/graph-model.md, chosen by sniffing the content.

Add a format by writing one module with ``NAME``, ``sniff(text)`` and
``read(path, text)`` and adding it to :data:`READERS` (order = sniffing priority).

>>> report = read_paths(["data/"])          # doctest: +SKIP
>>> len(report.papers), report.duplicates    # doctest: +SKIP
(190, 20)
"""

from __future__ import annotations

import gc
import os
import stat
from contextlib import contextmanager
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


def _kind(path: Path) -> str:
    """What a path that is neither a file nor a folder is, for the report."""
    try:
        if path.is_symlink() and not path.exists():
            return "dangling symlink: its target does not exist"
        mode = path.stat().st_mode
    except OSError as e:
        return f"cannot read: {e.strerror or e}"
    if stat.S_ISFIFO(mode):
        return "not a regular file (a FIFO): not read"
    if stat.S_ISSOCK(mode):
        return "not a regular file (a socket): not read"
    return "not a regular file (a device): not read"


def _walk(folder: Path, report: ReadReport, seen: set) -> Iterator[Path]:
    """Files under ``folder`` (sorted, hidden entries skipped, symlinks to folders followed
    once); everything else under it is reported, never dropped."""
    try:
        real = folder.resolve()
        if real in seen:
            report.skipped.append(Skip(str(folder), "folder already read (a symlink to it, or a symlink loop)"))
            return
        seen.add(real)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        report.skipped.append(Skip(str(folder), f"cannot read folder: {e.strerror or e}"))
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        path = Path(e.path)
        try:
            if e.is_file():
                yield path
            elif e.is_dir():
                yield from _walk(path, report, seen)
            else:
                report.skipped.append(Skip(str(path), _kind(path)))
        except OSError as err:
            report.skipped.append(Skip(str(path), f"cannot read: {err.strerror or err}"))


def iter_files(paths: Iterable[str | os.PathLike], report: ReadReport) -> Iterator[Path]:
    """Files under ``paths`` (folders walked recursively, hidden entries skipped, symlinks
    followed), sorted; FIFOs, dangling symlinks and unreadable folders are reported."""
    for p in paths:
        path = Path(p)
        try:
            if path.is_dir():
                before = len(report.skipped)
                files = list(_walk(path, report, set()))
                if not files and len(report.skipped) == before:
                    report.skipped.append(Skip(str(path), "empty folder: no files"))
                yield from files
            elif path.is_file():
                yield path
            elif path.exists() or path.is_symlink():
                report.skipped.append(Skip(str(path), _kind(path)))
            else:
                report.skipped.append(Skip(str(path), "no such file or folder"))
        except OSError as e:  # e.g. a path inside a folder we may not enter
            report.skipped.append(Skip(str(path), f"cannot read: {e.strerror or e}"))


def read_file(path: Path, report: ReadReport) -> Iterator[Paper | Skip]:
    """Records of one file (papers and skips), after format sniffing; a file that gives
    neither (a CSV header with no rows, ``[]``) is reported as holding no records."""
    try:
        # O_NONBLOCK: a FIFO put where a file was does not hang the run
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                yield Skip(str(path), "not a regular file: not read")
                return
            data = fh.read()
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
    n = 0
    try:
        for item in reader.read(str(path), text):
            n += 1
            yield item
    except RecursionError:  # a reader's library met nesting deeper than Python's stack
        yield Skip(str(path), f"{reader.NAME}: nested too deeply to read (records after {n} skipped)")
        return
    if n == 0:
        yield Skip(str(path), f"no records: this {reader.NAME} file holds no papers")


class PaperIndex:
    """Merges records of the same paper: same arXiv id, same DOI, or same normalised
    title when neither record has a different arXiv id or DOI (two papers that share a
    title stay two). A title that normalises to nothing ("!!!") is never a merge key."""

    def __init__(self) -> None:
        self.papers: list[Paper] = []
        self._by_key: dict[str, int] = {}

    @staticmethod
    def keys(p: Paper) -> list[str]:
        t = normalise_title(p.title)
        keys = [f"title:{t}"] if t else [p.id]  # no title key: only the same record merges
        if p.arxiv_id:
            keys.append(f"arxiv:{p.arxiv_id}")
        if p.doi:
            keys.append(f"doi:{p.doi}")
        return keys

    @staticmethod
    def conflict(a: Paper, b: Paper) -> bool:
        """Both have an arXiv id (or both a DOI) and they differ: two papers."""
        return bool(a.arxiv_id and b.arxiv_id and a.arxiv_id != b.arxiv_id
                    or a.doi and b.doi and a.doi != b.doi)

    def add(self, p: Paper) -> bool:
        """Add ``p``; return True when it merged into a paper already there."""
        return self.put(p)[1]

    def put(self, p: Paper) -> tuple[int, bool]:
        """Add ``p``; return its place in :attr:`papers` (the paper it merged into, or its
        own) and whether it merged."""
        hits = set()
        keys = self.keys(p)
        for k in keys:
            i = self._by_key.get(k)
            if i is not None and not (k.startswith("title:") and self.conflict(self.papers[i], p)):
                hits.add(i)
        if not hits:
            idx = len(self.papers)
            self.papers.append(p)
        else:
            idx = min(hits)
            merge_into(self.papers[idx], p)
            keys = self.keys(self.papers[idx])  # the merged paper's (its id may have changed)
        for k in keys:
            if k.startswith("title:"):
                self._by_key.setdefault(k, idx)  # the first paper of a title keeps it
            else:
                self._by_key[k] = idx
        return idx, bool(hits)


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


@contextmanager
def _no_cycle_collection():
    """The cyclic garbage collector paused: reading makes records, not reference cycles
    (reference counting frees what it drops), and the collector's passes over the growing
    list of papers cost ~7% of reading's CPU (measured at 50,000 papers)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def read_records(paths: Iterable[str | os.PathLike], index: PaperIndex, report: ReadReport, *,
                 on_file: Callable[[Path], None] | None = None) -> Iterator[tuple[int, bool]]:
    """Read every file under ``paths`` into ``index`` as a stream: yields ``(i, merged)``
    per paper record, ``i`` its place in ``index.papers`` and ``merged`` whether it merged
    into a paper read before (:meth:`PaperIndex.put`); files, records, duplicates and
    skipped records are counted in ``report`` as they are read. A paper is final only when
    the stream ends (a later record may still merge into it).

    >>> report, index = ReadReport(), PaperIndex()
    >>> new = [i for i, merged in read_records(["data/"], index, report) if not merged]  # doctest: +SKIP
    """
    with _no_cycle_collection():
        for path in iter_files(paths, report):
            report.files.append(str(path))
            if on_file:
                on_file(path)
            for item in read_file(path, report):
                if isinstance(item, Skip):
                    report.skipped.append(item)
                    continue
                report.records += 1
                at = index.put(item)
                if at[1]:
                    report.duplicates += 1
                yield at


def check_papers(report: ReadReport) -> None:
    """Raise the one-line :class:`~graphkit.errors.InputError` of an input without papers."""
    if not report.papers:
        lines = "; ".join(str(s) for s in report.skipped[:5]) or "no input files"
        more = f" (+{len(report.skipped) - 5} more)" if len(report.skipped) > 5 else ""
        raise InputError(f"no usable papers in the input: {lines}{more}")


def read_paths(paths: Iterable[str | os.PathLike], *,
               on_file: Callable[[Path], None] | None = None,
               require_papers: bool = True) -> ReadReport:
    """Read every file under ``paths`` into one de-duplicated list of papers
    (:func:`read_records`, to the end).

    Bad records are skipped and listed in ``report.skipped`` (file and line each);
    raises :class:`~graphkit.errors.InputError` when nothing usable is left.
    """
    report = ReadReport()
    index = PaperIndex()
    for _ in read_records(paths, index, report, on_file=on_file):
        pass
    report.papers = index.papers
    if require_papers:
        check_papers(report)
    return report
