"""``graphkit html``."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from graphkit.cli import app
from graphkit.cli.common import GraphDir

# = graphkit.html.select.DEFAULT_MAX_NODES, not imported here: every CLI start imports this
# module, and graphkit.html pulls in networkx/numpy (~0.3 s), too slow for `graphkit query`.
DEFAULT_MAX_NODES = 2500


@app.command()
def html(
    output: Path = typer.Option(..., "--output", "-o", help="HTML file to write."),
    graph: Path = GraphDir,
    focus: Optional[str] = typer.Option(None, "--focus", "-f", help="Show only the neighbourhood of this paper or entity (title, name, alias or id)."),
    depth: int = typer.Option(1, "--depth", "-d", min=0, help="Hops around --focus."),
    types: List[str] = typer.Option([], "--types", "-t", help="Node types to show: Paper, Method, Benchmark, Dataset, Robot, Simulator, Topic (comma-separated or repeated)."),
    max_nodes: int = typer.Option(DEFAULT_MAX_NODES, "--max-nodes", "-n", min=0, help="Keep at most N of the most important nodes (0: no cap)."),
    title: str = typer.Option("graphkit", "--title", help="Page title."),
    seed: int = typer.Option(0, "--seed", help="Layout seed."),
) -> None:
    """Write an interactive, offline HTML view of the graph (search, type filters, details on click).

    Example:

        graphkit html -o graph.html

        graphkit html --graph graphkit-out --focus LIBERO --depth 2 -o libero.html

        graphkit html --types Paper,Benchmark --max-nodes 500 --title "Benchmarks" -o benchmarks.html
    """
    from graphkit.graph import read_graph_json
    from graphkit.html import write_view

    view = write_view(read_graph_json(graph), output, title=title, focus=focus, depth=depth,
                      types=types, max_nodes=max_nodes, seed=seed)
    print(view.summary())
