"""``graphkit query``."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from graphkit.cli import app
from graphkit.cli.common import GraphDir


@app.command()
def query(
    cypher: str = typer.Argument(..., metavar="CYPHER_OR_FILE", help="Cypher text, or a .cypher file (e.g. cypher/papers_using_benchmark.cypher)."),
    graph: Path = GraphDir,
    param: List[str] = typer.Option([], "--param", "-p", help="NAME=VALUE (repeatable); VALUE is read as JSON when it parses, else as text."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json | csv"),
    uri: Optional[str] = typer.Option(None, "--uri", help="Run on Neo4j instead (bolt://HOST:7687)."),
    user: Optional[str] = typer.Option(None, "--user", help="Neo4j user (default NEO4J_USERNAME or neo4j)."),
    password: Optional[str] = typer.Option(None, "--password", help="Neo4j password (default NEO4J_PASSWORD)."),
    database: Optional[str] = typer.Option(None, "--database", help="Neo4j database (default NEO4J_DATABASE or the server's default)."),
    write: bool = typer.Option(False, "--write", help="Allow the query to change the graph (read-only by default, on both engines)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=0, help="Print at most this many rows (rows are streamed either way)."),
) -> None:
    """Run Cypher on the embedded store of a build (no server needed), or on Neo4j with --uri.

    Example:

        graphkit query 'MATCH (p:Paper)-[:MENTIONS]->(b:Benchmark {name: $name}) RETURN p.title' --param name=LIBERO

        graphkit query cypher/benchmarks_used_with.cypher --format json

        graphkit query cypher/schema_overview.cypher --uri bolt://localhost:7687 --password secret

        graphkit query 'MATCH (e:Entity) RETURN e.name' --limit 20 --format csv
    """
    import sys

    from graphkit.store.query import open_query, parse_params
    from graphkit.store.result import write_result

    if fmt not in ("table", "json", "csv"):
        from graphkit.errors import GraphkitError

        raise GraphkitError(f"unknown format {fmt!r} (choose from table, json, csv)")
    if uri:
        from graphkit.store.neo4j import ask_password

        password = ask_password(uri, user, password)
    warn = lambda msg: print(f"graphkit: warning: {msg}", file=sys.stderr)
    with open_query(cypher, graph_dir=graph, params=parse_params(param), uri=uri, user=user,
                    password=password, database=database, write=write, limit=limit,
                    warn=warn) as result:
        write_result(result, fmt, sys.stdout)
