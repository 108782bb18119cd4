"""The whole path: read -> extract -> resolve -> build graph -> write outputs.

>>> result = build(["data/"], out="graphkit-out")   # doctest: +SKIP
>>> result.graph.number_of_nodes()                   # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import networkx as nx

from graphkit.errors import GraphkitError, InputError
from graphkit.extract import Extractor
from graphkit.graph import build_graph, write_graph_json
from graphkit.model import ExtractedEntity, Paper, PaperExtraction, ReadReport
from graphkit.atomic import atomic_open, os_error
from graphkit.outputs import BuildFolder, load_build
from graphkit.progress import Clock, progress
from graphkit.readers import PaperIndex, check_papers, read_records
from graphkit.resolve import resolve_corpus

PAPERS_FILE = "papers.jsonl"
EXTRACTIONS_FILE = "extractions.jsonl"
KEY_FILE = "extractions.key"  # the extractor version the cached extractions were made with
REFERENCES_FILE = "references.jsonl"  # the --references of every build, merged (kept for --update)


@dataclass
class BuildResult:
    report: ReadReport
    graph: nx.MultiDiGraph
    outputs: dict[str, str] = field(default_factory=dict)
    extracted: int = 0  # papers extracted in this run
    reused: int = 0  # papers whose cached extraction was reused (--update)
    previous: int = 0  # papers already in the graph before an --update
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds
    cpu_timings: dict[str, float] = field(default_factory=dict)  # stage -> CPU seconds (+ workers)

    def counts(self) -> dict:
        G = self.graph
        labels: dict[str, int] = {}
        for _, d in G.nodes(data=True):
            key = d.get("type") if d.get("label") == "Entity" else d.get("label")
            if d.get("external"):
                key = "Paper (external)"
            labels[key] = labels.get(key, 0) + 1
        edges: dict[str, int] = {}
        for _, _, t in G.edges(data="type"):
            edges[t] = edges.get(t, 0) + 1
        return {"nodes_by_label": labels, "edges_by_type": edges}

    def summary(self) -> dict:
        r = self.report
        counts = self.counts()
        papers = counts["nodes_by_label"].get("Paper", 0)
        entities = self.graph.number_of_nodes() - papers - counts["nodes_by_label"].get("Paper (external)", 0)
        return {
            "files": len(r.files),
            "formats": r.formats,
            "records": r.records,
            "duplicates_merged": r.duplicates,
            "skipped": len(r.skipped),
            "skipped_by_reason": r.skipped_by_reason(),
            "papers": papers,
            "papers_before_update": self.previous,
            "extracted": self.extracted,
            "reused_from_cache": self.reused,
            "entities": entities,
            "edges": self.graph.number_of_edges(),
            **counts,
            "issues": dict(self.graph.graph.get("issues", {})),
            "timings": self.timings,
            "outputs": self.outputs,
        }


def _paper_row(p: Paper) -> dict:
    """``Paper.to_dict()`` without ``dataclasses.asdict``'s deep copy (10x faster)."""
    return {f: getattr(p, f) for f in Paper.__dataclass_fields__}


_ENTITY_FIELDS = tuple(f for f in ExtractedEntity.__dataclass_fields__ if f != "mentions")
_EIDS: dict[tuple[str, str], str] = {}


def _extraction_row(ex: PaperExtraction) -> dict:
    """``PaperExtraction.to_dict()``, fast (same keys; read back by ``from_dict``)."""
    rows = []
    for e in ex.entities:
        d = {f: getattr(e, f) for f in _ENTITY_FIELDS}
        d["mentions"] = [{"text": m.text, "start": m.start, "end": m.end, "sentence": m.sentence, "rule": m.rule,
                          "type_cues": m.type_cues} for m in e.mentions]  # = vars(m) (Mention has __slots__)
        key = (e.type, e.name)
        d["id"] = _EIDS.get(key) or _EIDS.setdefault(key, e.id)
        rows.append(d)
    return {"id": ex.paper_id, "title": ex.title, "text_hash": ex.text_hash, "entities": rows}


def _drain(items: list):
    """Yield the items of ``items`` in order, emptying the list as it goes (frees memory)."""
    items.reverse()
    while items:
        yield items.pop()


def _load_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


_line = json.JSONEncoder(ensure_ascii=False).encode  # = json.dumps(row, ensure_ascii=False)


def _write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    with atomic_open(path) as fh:
        for r in rows:
            fh.write(_line(r) + "\n")


PARALLEL_MIN = 2000  # papers to extract before worker processes may pay off
WORKERS_ENV = "GRAPHKIT_WORKERS"  # number of extraction processes (1 = in process)
_WORK: tuple | None = None  # (extractor, papers, render) inherited by forked workers


class LineSink:
    """The ``papers.jsonl`` and ``extractions.jsonl`` of a staging folder, written a line
    at a time while extraction runs (the staging folder is private and switched in whole,
    see :mod:`graphkit.outputs`, so these need no temporary names of their own). A write
    error is one line naming the file."""

    def __init__(self, papers_path: Path, extractions_path: Path) -> None:
        self.paths = (Path(papers_path), Path(extractions_path))
        self.files: list = []
        try:
            for path in self.paths:
                self.files.append(open(path, "w", encoding="utf-8"))
        except OSError as e:
            self.close()
            raise os_error(path, e) from None

    def write(self, paper_lines: Sequence[str], extraction_lines: Sequence[str]) -> None:
        for path, fh, lines in zip(self.paths, self.files, (paper_lines, extraction_lines)):
            try:
                fh.write("\n".join(lines) + "\n" if lines else "")
            except OSError as e:
                raise os_error(path, e) from None

    def close(self) -> None:
        for path, fh in zip(self.paths, self.files):
            try:
                fh.close()
            except OSError as e:
                raise os_error(path, e) from None
        self.files = []


def worker_count(workers: int | None = None) -> int:
    """``workers``, else ``$GRAPHKIT_WORKERS``, else the CPU count."""
    return workers if workers is not None else int(os.environ.get(WORKERS_ENV) or os.cpu_count() or 1)


def cached(cache: dict[str, PaperExtraction], p: Paper, version: str) -> PaperExtraction | None:
    """The cached extraction of ``p`` when it was made from the same id and text by the same
    extractor ``version`` (the rule of the extraction cache), else None."""
    from graphkit.extract.api import text_hash

    hit = cache.get(p.id)
    return hit if hit is not None and hit.text_hash == text_hash(p, version) else None


def _render(papers: Sequence[Paper], exs: Sequence[PaperExtraction]) -> tuple[list[str], list[str]]:
    return [_line(_paper_row(p)) for p in papers], [_line(_extraction_row(e)) for e in exs]


def _extract_range(bounds: tuple[int, int]) -> tuple[list[PaperExtraction], list[str] | None, list[str] | None]:
    extractor, papers, render = _WORK  # type: ignore[misc]
    part = papers[bounds[0]:bounds[1]]
    exs = list(extractor.extract(part))
    return (exs, *_render(part, exs)) if render else (exs, None, None)


def extract_parallel(papers: Sequence[Paper], extractor: Extractor, *, workers: int | None = None,
                     on_paper=None, chunk: int = 250) -> list[PaperExtraction]:
    """Extract ``papers`` (results in order). With ``workers > 1`` and at least
    :data:`PARALLEL_MIN` papers, forked processes share the loaded extractor copy-on-write
    and return results in chunks of ``chunk`` papers.

    The default is ``$GRAPHKIT_WORKERS``, else the CPU count. Measured on the shared
    2-core box (other jobs running): 100k papers extracted in 174 s with 2 workers against
    230 s in process; on 3,000 papers 4.0-4.9 s against 4.5-5.5 s, and 9.4-9.8 s against
    5.8-6.2 s when the second core was busy. Set ``GRAPHKIT_WORKERS=1`` on a loaded machine."""
    out: list[PaperExtraction] = []
    for part, _, _ in extract_parts(papers, extractor, workers=workers, on_paper=on_paper,
                                    chunk=chunk, render=False):
        out.extend(part)
    return out


def extract_parts(papers: Sequence[Paper], extractor: Extractor, *, workers: int | None = None,
                  on_paper=None, chunk: int = 250, render: bool = True):
    """:func:`extract_parallel` as it goes: ``(extractions, paper_lines, extraction_lines)``
    per chunk, in paper order. With ``render`` each part carries its papers' cache lines
    (``papers.jsonl``, ``extractions.jsonl``), JSON-encoded where they were extracted: in
    the workers that runs on every core, where encoding after extraction ran on one."""
    import multiprocessing as mp

    global _WORK
    workers = worker_count(workers)
    if len(papers) < PARALLEL_MIN:
        workers = 1
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        for i in range(0, len(papers), chunk):
            part = papers[i:i + chunk]
            exs = list(extractor.extract(part, on_paper=on_paper))
            yield (exs, *_render(part, exs)) if render else (exs, None, None)
        return
    _WORK = (extractor, list(papers), render)
    try:
        bounds = [(i, min(i + chunk, len(papers))) for i in range(0, len(papers), chunk)]
        with mp.get_context("fork").Pool(workers) as pool:
            for got in pool.imap(_extract_range, bounds):
                if on_paper:
                    on_paper(len(got[0]))
                yield got
    finally:
        _WORK = None


def extract_with_cache(papers: Sequence[Paper], extractor: Extractor,
                       cache: dict[str, PaperExtraction], *, workers: int | None = None,
                       sink: LineSink | None = None) -> tuple[list[PaperExtraction], int]:
    """Extract papers whose (id, text hash) is not in ``cache``; return all results in
    paper order and how many were reused. ``sink`` receives every paper's cache lines, in
    paper order, while the extraction runs."""
    from graphkit.extract.api import text_hash

    out: list[PaperExtraction | None] = []
    todo: list[tuple[int, Paper]] = []
    reused = 0
    for p in papers:
        hit = cached(cache, p, extractor.version)
        if hit is not None:
            out.append(hit)
            reused += 1
        else:
            todo.append((len(out), p))
            out.append(None)
    made: dict[int, tuple[str, str]] = {}  # paper index -> lines rendered by a worker
    flushed = 0

    def flush() -> None:  # write the lines of the papers whose extraction is known, in order
        nonlocal flushed
        start = flushed
        while flushed < len(out) and out[flushed] is not None:
            flushed += 1
        rows = [made.pop(i) if i in made else (_line(_paper_row(papers[i])), _line(_extraction_row(out[i])))
                for i in range(start, flushed)]
        sink.write([r[0] for r in rows], [r[1] for r in rows])  # type: ignore[union-attr]

    at = 0
    with progress("extracting", len(todo)) as advance:
        for exs, plines, elines in extract_parts([p for _, p in todo], extractor, workers=workers,
                                                 on_paper=advance, render=sink is not None):
            for k, ex in enumerate(exs):
                i = todo[at + k][0]
                out[i] = ex
                if sink is not None:
                    made[i] = (plines[k], elines[k])
            at += len(exs)
            if sink is not None:
                flush()
    if sink is not None:
        flush()
    return out, reused  # type: ignore[return-value]


def build(paths: Sequence[str | os.PathLike], out: str | os.PathLike = "graphkit-out", *,
          gazetteers: Sequence[str] = (), update: bool = False, html: bool = True,
          store: bool = True, related_k: int = 10, workers: int | None = None,
          references: Sequence[str | os.PathLike] = ()) -> BuildResult:
    """Read ``paths``, extract, build the graph and write ``out/graph.json`` (+ HTML, store).

    With ``update=True`` the papers already in ``out`` are kept and their cached
    extractions reused, so only new papers are extracted; the graph equals a full rebuild.
    The cache (``extractions.jsonl``, keyed by paper id and text hash) is dropped when the
    extractor version changed (``extractions.key``; the version covers the rules, packaged
    data and the contents of user gazetteers). ``workers``: see
    :func:`extract_parallel`. ``references``: JSONL files of ``graphkit fetch references``
    (CITES and external cited works); kept merged in ``out/references.jsonl``, so an
    ``--update`` keeps the references of earlier builds.
    """
    import gc

    was = gc.isenabled()
    gc.disable()  # millions of small objects, no cyclic garbage: the collector only rescans
    try:
        return _build(paths, out, gazetteers=gazetteers, update=update, html=html, store=store,
                      related_k=related_k, workers=workers, references=references)
    finally:
        if was:
            gc.enable()


def _load_references(prev_build, stage: Path, files, update: bool,
                     report: ReadReport) -> dict[str, list[dict]]:
    """The references of ``files`` (+ those the previous build kept, when updating), written
    merged to ``stage/references.jsonl``; bad lines go to ``report.skipped``."""
    from graphkit.readers.references import merge, read_references

    refs: dict[str, list[dict]] = {}
    if update and prev_build is not None and prev_build.has(REFERENCES_FILE):
        refs, _ = read_references([prev_build.path(REFERENCES_FILE)])
    if files:
        new, skips = read_references(files)
        report.skipped.extend(skips)
        merge(refs, new)
    if refs:  # a full build without references has none
        _write_jsonl(stage / REFERENCES_FILE, ({"id": k, "references": v} for k, v in sorted(refs.items())))
    return refs


def _build(paths, out, *, gazetteers, update, html, store, related_k, workers, references=()) -> BuildResult:
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise GraphkitError(f"{out}: --out must be a folder, and this is a file")
    if update:
        prev_build = load_build(out)
        if prev_build is None or not prev_build.has(PAPERS_FILE):
            raise GraphkitError(f"{out}: nothing to update (no {PAPERS_FILE}); run without --update first")
    with BuildFolder(out) as folder:  # the lock: one build of `out` at a time
        try:
            return _build_in(folder, paths, gazetteers=gazetteers, update=update, html=html,
                             store=store, related_k=related_k, workers=workers,
                             references=references)
        except GraphkitError as e:
            if isinstance(e, InputError):
                raise
            kept = (f"{out} still holds the previous build" if load_build(out) is not None
                    else f"{out} holds no build")
            raise GraphkitError(f"{e} (the build was not saved; {kept})", exit_code=e.exit_code) from None


def _load_cache(prev_build, update: bool, key: str) -> dict[str, PaperExtraction]:
    """The previous build's extractions by paper id, when updating with the same extractor."""
    if update and prev_build.has(KEY_FILE) and prev_build.path(KEY_FILE).read_text().strip() == key:
        return {d["id"]: PaperExtraction.from_dict(d) for d in _load_jsonl(prev_build.path(EXTRACTIONS_FILE))}
    return {}


def _build_in(folder: BuildFolder, paths, *, gazetteers, update, html, store, related_k,
              workers, references=()) -> BuildResult:
    """The build, written into ``folder.staging`` and committed whole at the end."""
    out, stage = folder.folder, folder.staging
    prev_build = folder.previous()  # read under the lock: the last *finished* build
    previous: list[Paper] = []
    if update:
        if prev_build is None or not prev_build.has(PAPERS_FILE):
            raise GraphkitError(f"{out}: nothing to update (no {PAPERS_FILE}); run without --update first")
        previous = [Paper.from_dict(d) for d in _load_jsonl(prev_build.path(PAPERS_FILE))]

    clock = Clock()
    from graphkit.build_stream import ReadAhead

    # extraction starts while reading goes on (graphkit.build_stream)
    ahead = ReadAhead(lambda: Extractor(gazetteers), lambda ex: _load_cache(prev_build, update, ex.version),
                      workers=workers)
    try:
        report, read = ReadReport(), PaperIndex()
        with progress("reading", None) as advance:
            def on_file(path) -> None:
                advance(1)
                ahead.file(path)

            for i, merged in read_records(paths, read, report, on_file=on_file):
                ahead.saw(read.papers, i, merged)
        report.papers = read.papers
        if not previous:
            check_papers(report)
        index = PaperIndex()
        for p in previous:
            index.add(p)
        merged_after: set[int] = set()  # papers that took a merge after reading
        for p in report.papers:
            i, merged = index.put(p)
            if merged:
                report.duplicates += 1
                merged_after.add(i)
        papers = index.papers
        refs = _load_references(prev_build, stage, list(references), update, report)
        clock.lap("read")

        extractor = ahead.extractor or Extractor(gazetteers)
        key = extractor.version
        cache = ahead.cache if ahead.extractor is not None else _load_cache(prev_build, update, key)
        # the cache is written as the papers are extracted (lines encoded in the workers)
        sink = LineSink(stage / PAPERS_FILE, stage / EXTRACTIONS_FILE)
        try:
            extractions, reused = ahead.extract(papers, read.papers, extractor, cache, merged_after, sink)
        finally:
            sink.close()
    finally:
        ahead.close()
    clock.lap("extract")
    with atomic_open(stage / KEY_FILE) as fh:
        fh.write(key + "\n")
    write_skipped(report, stage / SKIPPED_FILE)
    clock.lap("write_cache")
    # resolve: one name and one type per entity across the corpus, after the per-paper cache
    resolution = resolve_corpus(_drain(extractions))
    clock.lap("resolve")
    G = build_graph(papers, _drain(resolution.extractions), related_k=related_k, timings=clock.times,
                    cpu_timings=clock.cpu,
                    references=refs, entity_attrs=resolution.node_attributes())
    clock.lap("graph")

    result = BuildResult(report=report, graph=G, extracted=len(papers) - reused, reused=reused,
                         previous=len(previous))
    write_graph_json(G, stage / "graph.json")
    result.outputs["graph.json"] = str(out / "graph.json")
    clock.lap("write_graph")
    if html:
        from graphkit.html import render_html

        render_html(G, stage / "graph.html")
        result.outputs["graph.html"] = str(out / "graph.html")
    if store:
        from graphkit.store import load_embedded

        final = load_embedded(G, stage)
        result.outputs["store"] = str(out / final.name)
    clock.lap("write_views")
    result.timings, result.cpu_timings = clock.times, clock.cpu
    folder.commit({"papers": len(papers), "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
                   "skipped": len(report.skipped), "update": bool(update)})
    clock.lap("commit")
    return result


SKIPPED_FILE = "skipped.tsv"


def write_skipped(report: ReadReport, path: Path) -> Path | None:
    """``source<TAB>reason`` per skipped record (nothing when none was skipped)."""
    if not report.skipped:
        return None
    with atomic_open(path) as fh:
        fh.write("source\treason\n")
        for s in report.skipped:
            fh.write(f"{s.source}\t{s.reason}\n")
    return path
