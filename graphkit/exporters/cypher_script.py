"""``--to cypher``: a script for ``cypher-shell -f`` (schema, then batched MERGE data).

The data statements are exactly those ``graphkit push`` sends
(:mod:`graphkit.cypher.statements`), with each ``$rows`` batch inlined as a literal list of
maps, escaped so that quotes, backslashes, backticks and newlines round-trip. One
statement per line, each ending with ``;``.

>>> export(G, Path("graph.cypher"))                   # doctest: +SKIP
# then: cypher-shell -a bolt://localhost:7687 -u neo4j -p secret -f graph.cypher
"""

from __future__ import annotations

from pathlib import Path

from graphkit.atomic import atomic_open, make_parent
from graphkit.cypher.literals import literal
from graphkit.cypher.statements import NEO4J_SCHEMA, data_batches

NAME = "cypher"
DESCRIPTION = "Cypher script for cypher-shell -f (constraints, indexes, UNWIND/MERGE batches)"


def script_lines(G, batch_size: int = 500):
    """The script, line by line (comments, then one statement per line)."""
    yield "// graphkit graph as Cypher: run with  cypher-shell -f graph.cypher  (idempotent: MERGE on id)"
    yield "// schema: uniqueness constraints, name indexes"
    for st in NEO4J_SCHEMA:
        yield st + ";"
    yield "// data: nodes, then relationships, in batches"
    for b in data_batches(G, batch_size):
        yield b.statement.replace("UNWIND $rows", "UNWIND " + literal(b.rows), 1) + ";"


def export(G, path: Path, batch_size: int = 500, **_options) -> Path:
    """Write the script to ``path`` (a file)."""
    path = Path(path)
    if path.is_dir():
        path = path / "graph.cypher"
    make_parent(path)
    with atomic_open(path) as fh:
        for line in script_lines(G, batch_size):
            fh.write(line + "\n")
    return path
