"""``graphkit build``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List

import typer

from graphkit.cli import app
from graphkit.cli.common import Gazetteer, report_skips


@app.command()
def build(
    paths: List[Path] = typer.Argument(..., readable=False, help="Input files or folders (formats are sniffed)."),
    out: Path = typer.Option(Path("graphkit-out"), "--out", "-o", help="Output folder."),
    update: bool = typer.Option(False, "--update", help="Add to the graph already in --out; only new papers are extracted."),
    gazetteer: List[Path] = Gazetteer,
    related_k: int = typer.Option(10, "--related-k", min=1, help="RELATED neighbours kept per paper."),
    html: bool = typer.Option(True, "--html/--no-html", help="Write graph.html."),
    store: bool = typer.Option(True, "--store/--no-store", help="Load the embedded Cypher store."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    references: List[Path] = typer.Option([], "--references", help="References JSONL of `graphkit fetch references` (repeatable): CITES and external cited works."),
) -> None:
    """Read abstracts, extract entities, build the graph; write graph.json, graph.html and the embedded store.

    Example:

        graphkit build data/ --out graphkit-out

        graphkit build new-papers.jsonl --out graphkit-out --update

        graphkit build hf/ --references refs.jsonl --out graphkit-out
    """
    from graphkit.pipeline import build as run_build

    result = run_build(paths, out, gazetteers=[str(g) for g in gazetteer], update=update,
                       html=html, store=store, related_k=related_k, references=references)
    report_skips(result.report, listed_in=out / "skipped.tsv")
    s = result.summary()
    if as_json:
        print(json.dumps(s, indent=2))
        return
    print(format_summary(s))


def format_summary(s: dict) -> str:
    skipped = ", ".join(f"{n} {r}" for r, n in s["skipped_by_reason"].items()) or "none"
    nodes = ", ".join(f"{k} {v}" for k, v in sorted(s["nodes_by_label"].items(), key=lambda x: -x[1]))
    edges = ", ".join(f"{k} {v}" for k, v in sorted(s["edges_by_type"].items(), key=lambda x: -x[1]))
    lines = [
        f"read      {s['files']} files ({', '.join(f'{k} {v}' for k, v in s['formats'].items())}), "
        f"{s['records']} records",
        f"papers    {s['papers']} ({s['duplicates_merged']} duplicates merged"
        + (f", {s['papers_before_update']} already in the graph" if s["papers_before_update"] else "")
        + f"; extracted {s['extracted']}, reused {s['reused_from_cache']} from cache)",
        f"skipped   {s['skipped']} ({skipped})",
        f"entities  {s['entities']}",
        f"nodes     {nodes}",
        f"edges     {s['edges']} ({edges})",
    ]
    for name, path in s["outputs"].items():
        lines.append(f"wrote     {path}")
    return "\n".join(lines)
