"""The Cypher the loaders send: schema per engine, and data statements + parameter batches
that are *identical* for Neo4j and the embedded FalkorDB store.

Data statements are ``UNWIND $rows AS r MERGE ... SET ... += ...`` keyed on the stable
``id``, one statement per node label set and per (relationship type, start label, end
label), so loading twice changes nothing and loading a bigger graph only upserts.

>>> batches = list(data_batches(G, batch_size=1000))       # doctest: +SKIP
>>> batches[0].statement                                    # doctest: +SKIP
'UNWIND $rows AS r MERGE (n:Paper {id: r.id}) SET n += r'
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Iterator

from graphkit.cypher.literals import name, props

KEY = "id"
"""The property every node is merged on (stable across runs, see docs/graph-model.md)."""

NEO4J_SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
    "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases]",
)
"""Neo4j: uniqueness constraints first (they back MERGE), then the name indexes."""

FALKOR_SCHEMA: tuple[str, ...] = (
    "CREATE INDEX FOR (n:Paper) ON (n.id)",
    "CREATE INDEX FOR (n:Entity) ON (n.id)",
    "CREATE INDEX FOR (n:Entity) ON (n.name)",
    "CREATE FULLTEXT INDEX FOR (n:Entity) ON (n.name, n.aliases)",
)
"""FalkorDB: range indexes on the merge keys (its uniqueness constraints are a separate
command, and MERGE already keeps ids unique), and a full-text index on entity names."""


def node_labels(attrs: dict) -> tuple[str, ...]:
    """``("Paper",)`` or ``("Entity", "<Type>")`` from the ``label``/``type`` attributes."""
    label = attrs.get("label") or ("Entity" if attrs.get("type") else "Node")
    if label == "Entity" and attrs.get("type"):
        return ("Entity", str(attrs["type"]))
    return (str(label),)


def node_statement(labels: tuple[str, ...]) -> str:
    return f"UNWIND $rows AS r MERGE (n:{':'.join(map(name, labels))} {{id: r.id}}) SET n += r"


def edge_statement(rel_type: str, start: str, end: str) -> str:
    return (f"UNWIND $rows AS r MATCH (a:{name(start)} {{id: r.s}}) MATCH (b:{name(end)} {{id: r.t}}) "
            f"MERGE (a)-[e:{name(rel_type)}]->(b) SET e += r.p")


@dataclass
class Batch:
    """One call: ``statement`` with parameters ``{"rows": rows}``; ``kind`` node|edge."""

    statement: str
    rows: list[dict]
    kind: str
    what: str  # "Paper", "Entity:Method", "MENTIONS" ...

    @property
    def params(self) -> dict:
        return {"rows": self.rows}


@dataclass
class Groups:
    """A graph's nodes and edges grouped by statement (nodes first, then relationships).

    Holds references into the graph; rows are made per batch (:meth:`node_rows`,
    :meth:`edge_rows`), so a loader can prepare batch i+1 while the database runs batch i.
    """

    nodes: dict[tuple[str, ...], list[tuple[str, dict]]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], list[tuple[str, str, dict]]] = field(default_factory=dict)

    @property
    def node_count(self) -> int:
        return sum(len(r) for r in self.nodes.values())

    @property
    def edge_count(self) -> int:
        return sum(len(r) for r in self.edges.values())

    @staticmethod
    def node_rows(items) -> list[dict]:
        """``{id, **props}`` per node (``label`` left out: it is the node's label)."""
        rows = []
        for key, d in items:
            row = props(d, skip=("label",))
            row[KEY] = key
            rows.append(row)
        return rows

    @staticmethod
    def edge_rows(items) -> list[dict]:
        """``{s, t, p: props}`` per relationship (``type`` left out: it is the type)."""
        return [{"s": s, "t": t, "p": props(d, skip=("type",))} for s, t, d in items]


def group_rows(G) -> Groups:
    """Group nodes by label set and edges by (type, start label, end label)."""
    groups = Groups()
    primary: dict = {}
    key_of: dict = {}
    for n, d in G.nodes(data=True):
        labels = node_labels(d)
        primary[n] = labels[0]
        key = d.get(KEY)
        key = str(key if key is not None else n)
        key_of[n] = key
        groups.nodes.setdefault(labels, []).append((key, d))
    multi = G.is_multigraph()
    for e in (G.edges(keys=True, data=True) if multi else G.edges(data=True)):
        u, v, d = e[0], e[1], e[-1]
        rel = d.get("type") or (e[2] if multi else None) or "RELATED_TO"
        groups.edges.setdefault((str(rel), primary[u], primary[v]), []).append((key_of[u], key_of[v], d))
    # a stable order: Paper first, then entity types, then relationship types
    groups.nodes = dict(sorted(groups.nodes.items(), key=lambda kv: (kv[0][0] != "Paper", kv[0])))
    groups.edges = dict(sorted(groups.edges.items()))
    return groups


def data_batches(G, batch_size: int = 5000, groups: Groups | None = None) -> Iterator[Batch]:
    """Every data statement with its parameter batches (the same for both engines).

    Lazy: each batch's rows are built when it is reached."""
    if batch_size < 1:
        raise ValueError("batch_size must be >= 1")
    groups = groups or group_rows(G)
    for labels, items in groups.nodes.items():
        st = node_statement(labels)
        for i in range(0, len(items), batch_size):
            yield Batch(st, groups.node_rows(items[i:i + batch_size]), "node", ":".join(labels))
    for (rel, start, end), items in groups.edges.items():
        st = edge_statement(rel, start, end)
        for i in range(0, len(items), batch_size):
            yield Batch(st, groups.edge_rows(items[i:i + batch_size]), "edge", rel)


@dataclass
class LoadSummary:
    """What a load did: rows sent, and what the database reports it created/set."""

    nodes: int = 0
    relationships: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    labels_added: int = 0
    batches: int = 0
    seconds: float = 0.0

    @property
    def nodes_updated(self) -> int:
        return self.nodes - self.nodes_created

    @property
    def relationships_updated(self) -> int:
        return self.relationships - self.relationships_created

    def add(self, batch: Batch, counters: dict) -> None:
        self.batches += 1
        if batch.kind == "node":
            self.nodes += len(batch.rows)
        else:
            self.relationships += len(batch.rows)
        self.nodes_created += counters.get("nodes_created", 0)
        self.relationships_created += counters.get("relationships_created", 0)
        self.properties_set += counters.get("properties_set", 0)
        self.labels_added += counters.get("labels_added", 0)

    def to_dict(self) -> dict:
        return {"nodes": self.nodes, "nodes_created": self.nodes_created,
                "nodes_updated": self.nodes_updated, "relationships": self.relationships,
                "relationships_created": self.relationships_created,
                "relationships_updated": self.relationships_updated,
                "properties_set": self.properties_set, "batches": self.batches,
                "seconds": round(self.seconds, 3)}

    def __str__(self) -> str:
        rate = (self.nodes + self.relationships) / self.seconds if self.seconds else 0
        return (f"nodes {self.nodes} ({self.nodes_created} created, {self.nodes_updated} updated), "
                f"relationships {self.relationships} ({self.relationships_created} created, "
                f"{self.relationships_updated} updated), {self.properties_set} properties set, "
                f"{self.batches} batches in {self.seconds:.2f} s ({rate:,.0f} rows/s)")


def upsert(run, G, *, batch_size: int = 5000, on_rows=None, groups: Groups | None = None,
           run_many=None) -> LoadSummary:
    """Send every data batch through ``run(statement, params) -> counters dict``.

    ``run`` is :meth:`EmbeddedStore.write` or :meth:`Neo4jStore.write`. ``run_many``
    (optional, :meth:`EmbeddedStore.write_many`) takes an iterator of
    ``(statement, params)`` and yields their counters in order, pipelining. ``on_rows(n)`` is called after each batch.
    """
    import time

    t0 = time.perf_counter()
    summary = LoadSummary()
    if run_many is None:  # one call at a time: the same loop, unpipelined
        run_many = lambda items: (run(st, params) for st, params in items)
    sent: deque[Batch] = deque()

    def feed():
        for b in data_batches(G, batch_size, groups):
            sent.append(b)
            yield b.statement, b.params

    for counters in run_many(feed()):
        b = sent.popleft()
        summary.add(b, counters)
        if on_rows:
            on_rows(len(b.rows))
    summary.seconds = time.perf_counter() - t0
    return summary
