"""``graphkit stats``."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from graphkit.cli import app
from graphkit.cli.common import GraphDir


@app.command()
def stats(
    graph: Path = GraphDir,
    fmt: str = typer.Option("table", "--format", "-f", help="table | json"),
    top: int = typer.Option(10, "--top", min=1, help="Rows per section."),
) -> None:
    """Counts by label and type, top entities per type, largest communities, most built-on papers.

    Example:

        graphkit stats --graph graphkit-out

        graphkit stats --format json | jq '.most_built_on[0]'
    """
    from graphkit.errors import GraphkitError
    from graphkit.graph import graph_stats, read_graph_json

    if fmt not in ("table", "json"):
        raise GraphkitError(f"--format must be table or json, not {fmt!r}")
    from graphkit.store.embedded import stale_store

    notice = stale_store(graph)
    if notice:
        import sys

        print(f"graphkit: warning: {notice}", file=sys.stderr)
    s = graph_stats(read_graph_json(graph), top=top)
    if fmt == "json":
        print(json.dumps(s, indent=2, ensure_ascii=False))
        return
    print_tables(s)


def print_tables(s: dict) -> None:
    """Rich tables on stdout (plain text when stdout is not a terminal)."""
    from rich.console import Console
    from rich.table import Table

    out = Console(highlight=False, width=max(100, Console().width))
    c = s["counts"]
    t = Table(title=f"{c['nodes']} nodes, {c['edges']} edges", title_justify="left")
    t.add_column("kind")
    t.add_column("name")
    t.add_column("count", justify="right")
    for k, v in c["nodes_by_label"].items():
        t.add_row("node", k, str(v))
    for k, v in c["entities_by_type"].items():
        t.add_row("entity type", k, str(v))
    for k, v in c["edges_by_type"].items():
        t.add_row("edge", k, str(v))
    out.print(t)

    t = Table(title="Top entities per type (papers mentioning them)", title_justify="left")
    t.add_column("type")
    t.add_column("entities")
    for typ, ents in s["top_entities"].items():
        t.add_row(typ, ", ".join(f"{e['name']} ({e['df']})" for e in ents))
    out.print(t)

    t = Table(title="Largest communities", title_justify="left")
    for col in ("#", "papers", "entities", "top entities"):
        t.add_column(col, justify="right" if col in ("#", "papers", "entities") else "left")
    for cm in s["communities"]:
        t.add_row(str(cm["community"]), str(cm["papers"]), str(cm["entities"]), ", ".join(cm["top_entities"]))
    out.print(t)

    t = Table(title="Most built-on papers (incoming BUILDS_ON)", title_justify="left")
    for col in ("in", "paper", "via"):
        t.add_column(col, justify="right" if col == "in" else "left")
    for p in s["most_built_on"]:
        t.add_row(str(p["builds_on_in"]), p["title"] or p["id"], ", ".join(p["via"]))
    out.print(t)

    if s.get("most_cited"):
        t = Table(title="Most cited works (incoming CITES)", title_justify="left")
        for col in ("in", "work", "year", "where"):
            t.add_column(col, justify="right" if col in ("in", "year") else "left")
        for p in s["most_cited"]:
            t.add_row(str(p["cited_by"]), p["title"] or p["id"], str(p["year"] or ""),
                      "external" if p["external"] else "corpus")
        out.print(t)
    ts = s["type_splits"]
    out.print(f"type splits: {ts['count']} names typed several ways" + (": " + ", ".join(
        f"{x['name']} ({'/'.join(f'{t} {n}' for t, n in x['types'].items())})" for x in ts["names"]) if ts["names"] else ""))
    if any(s["issues"].values()):
        out.print("issues: " + ", ".join(f"{k} {v}" for k, v in s["issues"].items() if v))
