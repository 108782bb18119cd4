"""The whole path: read -> extract -> build graph -> write outputs.

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

from graphkit.errors import GraphkitError
from graphkit.extract import Extractor
from graphkit.graph import build_graph, write_graph_json
from graphkit.model import Paper, PaperExtraction, ReadReport
from graphkit.progress import progress
from graphkit.readers import PaperIndex, read_paths

PAPERS_FILE = "papers.jsonl"
EXTRACTIONS_FILE = "extractions.jsonl"


@dataclass
class BuildResult:
    report: ReadReport
    graph: nx.MultiDiGraph
    outputs: dict[str, str] = field(default_factory=dict)
    extracted: int = 0  # papers extracted in this run
    reused: int = 0  # papers whose cached extraction was reused (--update)
    previous: int = 0  # papers already in the graph before an --update

    def counts(self) -> dict:
        G = self.graph
        labels: dict[str, int] = {}
        for _, d in G.nodes(data=True):
            key = d.get("type") if d.get("label") == "Entity" else d.get("label")
            labels[key] = labels.get(key, 0) + 1
        edges: dict[str, int] = {}
        for _, _, t in G.edges(data="type"):
            edges[t] = edges.get(t, 0) + 1
        return {"nodes_by_label": labels, "edges_by_type": edges}

    def summary(self) -> dict:
        r = self.report
        papers = sum(1 for _, d in self.graph.nodes(data=True) if d.get("label") == "Paper")
        entities = self.graph.number_of_nodes() - papers
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
            **self.counts(),
            "outputs": self.outputs,
        }


def _load_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def extract_with_cache(papers: Sequence[Paper], extractor: Extractor,
                       cache: dict[str, PaperExtraction]) -> tuple[list[PaperExtraction], int]:
    """Extract papers whose (id, text hash) is not in ``cache``; return all results in
    paper order and how many were reused."""
    from graphkit.extract.api import text_hash

    out: list[PaperExtraction | None] = []
    todo: list[tuple[int, Paper]] = []
    reused = 0
    for p in papers:
        hit = cache.get(p.id)
        if hit is not None and hit.text_hash == text_hash(p, extractor.version):
            out.append(hit)
            reused += 1
        else:
            todo.append((len(out), p))
            out.append(None)
    with progress("extracting", len(todo)) as advance:
        for (i, _), ex in zip(todo, extractor.extract([p for _, p in todo], on_paper=advance)):
            out[i] = ex
    return out, reused  # type: ignore[return-value]


def build(paths: Sequence[str | os.PathLike], out: str | os.PathLike = "graphkit-out", *,
          gazetteers: Sequence[str] = (), update: bool = False, html: bool = True,
          store: bool = True, related_k: int = 10) -> BuildResult:
    """Read ``paths``, extract, build the graph and write ``out/graph.json`` (+ HTML, store).

    With ``update=True`` the papers already in ``out`` are kept and their cached
    extractions reused, so only new papers are extracted; the graph equals a full rebuild.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise GraphkitError(f"{out}: --out must be a folder, and this is a file")
    out.mkdir(parents=True, exist_ok=True)

    previous: list[Paper] = []
    cache: dict[str, PaperExtraction] = {}
    if update:
        if not (out / PAPERS_FILE).exists():
            raise GraphkitError(f"{out}: nothing to update (no {PAPERS_FILE}); run without --update first")
        previous = [Paper.from_dict(d) for d in _load_jsonl(out / PAPERS_FILE)]
    cache = {d["id"]: PaperExtraction.from_dict(d) for d in _load_jsonl(out / EXTRACTIONS_FILE)}

    with progress("reading", None) as advance:
        report = read_paths(paths, on_file=lambda _: advance(1), require_papers=not previous)
    index = PaperIndex()
    for p in previous:
        index.add(p)
    for p in report.papers:
        if index.add(p):
            report.duplicates += 1
    papers = index.papers

    extractor = Extractor(gazetteers)
    extractions, reused = extract_with_cache(papers, extractor, cache)
    G = build_graph(papers, extractions, related_k=related_k)

    result = BuildResult(report=report, graph=G, extracted=len(papers) - reused, reused=reused,
                         previous=len(previous))
    _write_jsonl(out / PAPERS_FILE, (p.to_dict() for p in papers))
    _write_jsonl(out / EXTRACTIONS_FILE, (e.to_dict() for e in extractions))
    result.outputs["graph.json"] = str(write_graph_json(G, out / "graph.json"))
    if html:
        from graphkit.html import render_html

        result.outputs["graph.html"] = str(render_html(G, out / "graph.html"))
    if store:
        from graphkit.store import load_embedded

        result.outputs["store"] = str(load_embedded(G, out))
    return result
