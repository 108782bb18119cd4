"""Extraction that starts while ``graphkit build`` is still reading its input.

Reading the 100k bench corpus takes ~8 s on one core, and the extraction workers used to
wait for it. :class:`ReadAhead` forks them before reading the file that brings the input to
``PARALLEL_MIN`` papers' worth of bytes (or once :data:`~graphkit.pipeline.PARALLEL_MIN` new
papers are read), so the forks hold few papers and no file text, and hands them chunks of
new papers while reading goes on: at most :attr:`ReadAhead.window` chunks wait for a
worker, the rest are sent after reading, in their final state.

A paper is final only when reading ends: a later record may merge into it
(:meth:`~graphkit.readers.PaperIndex.put`, a longer abstract, a better id, more fields).
So each chunk goes out as a pickled snapshot, and the (id, title, abstract) each paper was
sent with is kept: after reading, a paper whose id and text are still those keeps its
extraction (the rule of the extraction cache: same id and text hash, same extraction),
any other is extracted again, and a paper that took a merge after it was sent has its
``papers.jsonl`` line rendered again from the merged paper. The cache lines are then written
in paper order, as :func:`~graphkit.pipeline.extract_with_cache` writes them; that function
runs unchanged when no workers were forked (fewer than ``PARALLEL_MIN`` papers to extract,
``GRAPHKIT_WORKERS=1``, no ``fork``), so the output is byte-identical either way.

>>> ahead = ReadAhead(lambda: Extractor(), lambda ex: {}, workers=2)   # doctest: +SKIP
>>> for i, merged in read_records(paths, index, report):              # doctest: +SKIP
...     ahead.saw(index.papers, i, merged)
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
from typing import Callable, Sequence

from graphkit import pipeline
from graphkit.extract import Extractor
from graphkit.model import Paper, PaperExtraction
from graphkit.pipeline import LineSink, _extraction_row, _line, _paper_row, _render, cached
from graphkit.progress import progress

_EXTRACTOR: Extractor | None = None  # inherited by the forked workers
CHUNK = 250  # papers per task handed to a worker (as graphkit.pipeline.extract_parts)
BYTES_PER_PAPER = 2000  # input bytes taken for one paper when deciding to fork before a file
# (JSONL of title + abstract ~1.5 kB a paper, HF API dumps ~8 kB)


def _extract_blob(blob: bytes) -> tuple[list[PaperExtraction], list[str], list[str]]:
    """In a worker: extract a pickled chunk of papers; their extractions and cache lines."""
    papers = pickle.loads(blob)
    exs = list(_EXTRACTOR.extract(papers))  # type: ignore[union-attr]
    return (exs, *_render(papers, exs))


class ReadAhead:
    """Extraction workers fed while reading (see the module docstring).

    ``make_extractor()`` and ``load_cache(extractor)`` are what the build would make after
    reading; when either raises, nothing is extracted ahead and the build, making them again
    after reading, raises the same error where it always did."""

    def __init__(self, make_extractor: Callable[[], Extractor],
                 load_cache: Callable[[Extractor], dict[str, PaperExtraction]], *,
                 workers: int | None = None, chunk: int | None = None) -> None:
        self.workers_arg = workers
        self.workers = pipeline.worker_count(workers)
        self.chunk = chunk or CHUNK
        self.on = self.workers > 1 and "fork" in mp.get_all_start_methods()
        self._make_extractor, self._load_cache = make_extractor, load_cache
        self.extractor: Extractor | None = None
        self.cache: dict[str, PaperExtraction] | None = None
        self.pool = None
        self.pending: list[int] = []  # places of the new papers to extract, in reading order
        self.next = 0  # pending[:next] were sent
        # at most this many chunks wait for a worker: the others wait as papers (no pickled
        # copies in the parent), and are sent after reading, in their final state
        self.window = 3 * self.workers
        self.bytes = 0  # size of the files read so far
        self.flying: list = []  # the AsyncResults of chunks not known to be finished
        self.sent: dict[int, tuple[int, int, str, str, str]] = {}  # place -> chunk, slot, id, title, abstract
        self.merged: set[int] = set()  # places sent, then merged into
        self.results: list = []  # per chunk: its AsyncResult (None once taken)
        self.counts = {"sent": 0, "extracted_again": 0, "rendered_again": 0, "after_reading": 0}  # for tests and benches

    def _setup(self) -> None:
        try:
            self.extractor = self._make_extractor()
            self.cache = self._load_cache(self.extractor)
        except Exception:  # raised again by the build, after reading
            self.on, self.extractor, self.cache = False, None, None

    def saw(self, papers: Sequence[Paper], i: int, merged: bool) -> None:
        """A record was read into ``papers[i]`` (``merged``: into a paper read before)."""
        if merged:
            if i in self.sent:
                self.merged.add(i)
            return
        if not self.on:
            return
        if self.extractor is None:
            self._setup()
            if not self.on:
                return
        if self.cache and cached(self.cache, papers[i], self.extractor.version) is not None:  # type: ignore[union-attr]
            return  # reused from the cache, most likely
        self.pending.append(i)
        if self.pool is None:
            if len(self.pending) < max(pipeline.PARALLEL_MIN, 1):
                return
            self._fork()
        while len(self.pending) - self.next >= self.chunk and self._busy() < self.window:
            part = self.pending[self.next:self.next + self.chunk]
            self.next += self.chunk
            ps = [papers[j] for j in part]
            c = len(self.results)
            for s, (j, p) in enumerate(zip(part, ps)):
                self.sent[j] = (c, s, p.id, p.title, p.abstract)
            self.counts["sent"] += len(ps)
            self.results.append(self._submit(ps))

    def file(self, path) -> None:
        """A file is about to be read: when the input read so far and this file hold enough
        bytes for :data:`~graphkit.pipeline.PARALLEL_MIN` papers (:data:`BYTES_PER_PAPER`),
        the workers are forked now, before the file's text is in memory (a fork during a
        150 MB file would hold its bytes and text as long as it lives)."""
        if not self.on or self.pool is not None:
            return
        try:
            self.bytes += os.stat(path).st_size
        except OSError:
            return
        if self.bytes >= pipeline.PARALLEL_MIN * BYTES_PER_PAPER:
            if self.extractor is None:
                self._setup()
            if self.on:
                self._fork()

    def _fork(self) -> None:
        global _EXTRACTOR
        _EXTRACTOR = self.extractor
        self.pool = mp.get_context("fork").Pool(self.workers)

    def _busy(self) -> int:
        """Chunks handed to the workers and not finished yet."""
        self.flying = [r for r in self.flying if not r.ready()]
        return len(self.flying)

    def _submit(self, papers: Sequence[Paper]):
        # pickled here, now: the snapshot the papers are extracted from
        r = self.pool.apply_async(_extract_blob, (pickle.dumps(list(papers), -1),))  # type: ignore[union-attr]
        self.flying.append(r)
        return r

    def extract(self, papers: Sequence[Paper], read: Sequence[Paper], extractor: Extractor,
                cache: dict[str, PaperExtraction], merged: set[int],
                sink: LineSink) -> tuple[list[PaperExtraction], int]:
        """:func:`~graphkit.pipeline.extract_with_cache` of the final ``papers``, using what
        the workers extracted while reading. ``read``: the papers as read (where the places
        given to :meth:`saw` point); ``merged``: places in ``papers`` that took a merge after
        reading (an ``--update``'s earlier papers and the new ones)."""
        if self.pool is None:
            return pipeline.extract_with_cache(papers, extractor, cache, workers=self.workers_arg, sink=sink)
        version = extractor.version
        at = {id(p): j for j, p in enumerate(read)}
        plan: list = []  # per paper: its cached extraction, or (chunk, slot, render the paper line again)
        todo: list[int] = []
        reused = 0
        for i, q in enumerate(papers):
            hit = cached(cache, q, version)
            if hit is not None:
                plan.append(hit)
                reused += 1
                continue
            s = self.sent.get(at.get(id(q), -1))
            if s is not None and s[2] == q.id and s[3] == q.title and s[4] == q.abstract:
                again = at[id(q)] in self.merged or i in merged
                plan.append((s[0], s[1], again))
                self.counts["rendered_again"] += again
            else:
                self.counts["extracted_again"] += s is not None  # its text or id changed after it was sent
                todo.append(i)
                plan.append(None)
        self.counts["after_reading"] = len(todo)
        todo_chunks = [todo[k:k + self.chunk] for k in range(0, len(todo), self.chunk)]
        first = len(self.results)  # todo chunk t is results[first + t], sent when needed
        for t, part in enumerate(todo_chunks):
            for s, i in enumerate(part):
                plan[i] = (first + t, s, False)
        self.results.extend([None] * len(todo_chunks))
        uses = [0] * len(self.results)
        for e in plan:
            if type(e) is tuple:
                uses[e[0]] += 1
        for c, n in enumerate(uses):
            if not n:
                self.results[c] = None
        sent = first

        def send(need: int) -> None:  # todo chunks up to ``need``, and more while workers are free
            nonlocal sent
            while sent < len(self.results) and (sent <= need or self._busy() < self.window):
                part = todo_chunks[sent - first]
                self.results[sent] = self._submit([papers[i] for i in part])
                sent += 1

        send(-1)
        out: list[PaperExtraction] = []
        got: dict[int, tuple] = {}
        plines: list[str] = []
        elines: list[str] = []
        done = 0
        with progress("extracting", len(papers) - reused) as advance:
            for q, e in zip(papers, plan):
                if type(e) is not tuple:  # from the cache
                    out.append(e)
                    plines.append(_line(_paper_row(q)))
                    elines.append(_line(_extraction_row(e)))
                    continue
                c, s, again = e
                r = got.get(c)
                if r is None:  # write what is known before waiting for a worker
                    sink.write(plines, elines)
                    plines, elines = [], []
                    advance(done)
                    done = 0
                    send(c)
                    r = got[c] = self.results[c].get()
                    self.results[c] = None
                out.append(r[0][s])
                plines.append(_line(_paper_row(q)) if again else r[1][s])
                elines.append(r[2][s])
                done += 1
                uses[c] -= 1
                if not uses[c]:
                    del got[c]
            sink.write(plines, elines)
            advance(done)
        self.close(finished=True)
        return out, reused

    def close(self, finished: bool = False) -> None:
        """Stop the workers (idempotent; ``finished``: let them exit, else terminate them)."""
        global _EXTRACTOR
        pool, self.pool = self.pool, None
        if pool is not None:
            if finished:
                pool.close()
            else:
                pool.terminate()
            pool.join()
        _EXTRACTOR = None
        self.results = []
