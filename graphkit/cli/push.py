"""``graphkit push``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from graphkit.cli import app
from graphkit.cli.common import GraphDir


@app.command()
def push(
    graph: Path = GraphDir,
    uri: Optional[str] = typer.Option(None, "--uri", help="bolt://HOST:7687 or neo4j://... (default NEO4J_URI)."),
    user: Optional[str] = typer.Option(None, "--user", help="Default NEO4J_USERNAME or neo4j."),
    password: Optional[str] = typer.Option(None, "--password", help="Default NEO4J_PASSWORD."),
    database: Optional[str] = typer.Option(None, "--database", help="Default NEO4J_DATABASE or the server's default."),
    batch_size: int = typer.Option(5000, "--batch-size", min=1, help="Rows per UNWIND batch (one transaction each)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Write the graph to Neo4j: constraints and indexes, then MERGE batches (idempotent upsert, no APOC).

    Example:

        graphkit push --graph graphkit-out --uri bolt://localhost:7687 --user neo4j --password secret

        NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=secret graphkit push --batch-size 2000
    """
    from graphkit.store.neo4j import ask_password, push as run_push

    password = ask_password(uri, user, password)

    summary = run_push(graph, uri, user=user, password=password,
                       database=database, batch_size=batch_size)
    print(json.dumps(summary.to_dict(), indent=2) if as_json else f"pushed    {summary}")
