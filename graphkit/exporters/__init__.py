"""File exporters. Each module has ``NAME``, ``DESCRIPTION`` and
``export(G, path, **options) -> Path``; add a format by adding a module and its name here.

>>> export(G, "graph.graphml", "graphml")   # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import networkx as nx

from graphkit.atomic import make_parent
from graphkit.errors import GraphkitError

FORMATS: dict[str, str] = {
    # --to name: module in this package
    "graphml": "graphml",
    "gexf": "gexf",
    "json": "nodelink",
    "vosviewer": "vosviewer",
    "neo4j-csv": "neo4j_csv",
    "cypher": "cypher_script",
}


def get_exporter(name: str):
    if name not in FORMATS:
        raise GraphkitError(f"unknown export format {name!r} (choose from {', '.join(FORMATS)})")
    try:
        return importlib.import_module(f"graphkit.exporters.{FORMATS[name]}")
    except ModuleNotFoundError as e:
        raise GraphkitError(f"export format {name!r} is not available: {e}") from None


def export(G: nx.MultiDiGraph, path: str | os.PathLike, to: str, **options) -> Path:
    """Write ``G`` to ``path`` in format ``to`` (one of :data:`FORMATS`)."""
    exporter = get_exporter(to)
    return exporter.export(G, make_parent(path), **options)
