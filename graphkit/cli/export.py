"""``graphkit export``."""

from __future__ import annotations

from pathlib import Path

import typer

from graphkit.cli import app
from graphkit.cli.common import GraphDir


@app.command()
def export(
    to: str = typer.Option(..., "--to", "-t", help="graphml | gexf | json | vosviewer | neo4j-csv | cypher"),
    output: Path = typer.Option(..., "--output", "-o", help="Output file (a folder for neo4j-csv)."),
    graph: Path = GraphDir,
) -> None:
    """Export the built graph to a file format (Gephi, VOSviewer, Neo4j bulk import, cypher-shell).

    Example:

        graphkit export --to graphml -o graph.graphml

        graphkit export --graph graphkit-out --to neo4j-csv -o neo4j-import/
    """
    from graphkit.exporters import export as run_export
    from graphkit.graph import read_graph_json

    path = run_export(read_graph_json(graph), output, to)
    print(path)
