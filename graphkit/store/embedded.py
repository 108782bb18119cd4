"""The embedded Cypher store (default): FalkorDB persisted to one file in the build folder.

>>> path = load_embedded(G, "graphkit-out")                    # doctest: +SKIP
>>> with EmbeddedStore.open("graphkit-out") as store:          # doctest: +SKIP
...     store.query("MATCH (p:Paper) RETURN count(p) AS n").rows
[[190]]
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from graphkit.errors import GraphkitError
from graphkit.cypher.literals import params_header
from graphkit.store.resp import RespError
from graphkit.store.result import Result, node_value, rel_value
from graphkit.store.server import EmbeddedServer

STORE_FILE = "graph.falkordb"
GRAPH_NAME = "graphkit"

# compact result-set value types (FalkorDB's GRAPH.QUERY --compact)
_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY, _EDGE, _NODE, _PATH, _MAP, _POINT = range(1, 12)


def stale_store(graph_dir: str | os.PathLike) -> str | None:
    """A warning when the build folder's store is older than its ``graph.json`` (a hand
    edit, or a build interrupted between the two), else ``None``."""
    p = Path(graph_dir)
    if p.is_file():
        return None
    store, gj = p / STORE_FILE, p / "graph.json"
    try:
        if store.stat().st_mtime + 1e-3 < gj.stat().st_mtime:
            return (f"{store} is older than {gj}: query answers come from the older store "
                    f"(rebuild with `graphkit build ... --out {p}`)")
    except OSError:
        return None
    return None


def store_path(graph_dir: str | os.PathLike) -> Path:
    """The store file of a build folder (or the file itself)."""
    p = Path(graph_dir)
    return p if p.is_file() else p / STORE_FILE


class QueryError(GraphkitError):
    """A query the database rejected; ``offset`` is into the query text when known."""

    def __init__(self, message: str, offset: int | None = None):
        super().__init__(message)
        self.offset = offset


def _query_error(err: str, query: str) -> QueryError:
    """FalkorDB's error reply -> one clear line with the offset into the query (FalkorDB
    already counts from after the ``CYPHER ...`` parameter header)."""
    m = re.search(r"errMsg: (.*?) line: \d+, column: \d+, offset: (\d+)", err, re.S)
    if not m:
        return QueryError(f"query failed: {' '.join(err.split())}")
    msg, offset = " ".join(m.group(1).split()), int(m.group(2))
    line = query.count("\n", 0, offset) + 1
    col = offset - (query.rfind("\n", 0, offset) + 1) + 1
    return QueryError(f"query error at offset {offset} (line {line}, column {col}): {msg}", offset)


class EmbeddedStore:
    """A running embedded store; use as a context manager (the server stops on exit)."""

    def __init__(self, server: EmbeddedServer, graph: str = GRAPH_NAME):
        self.server = server
        self.graph = graph
        self._names: dict[str, list[str]] = {}

    @classmethod
    def open(cls, graph_dir: str | os.PathLike, *, create: bool = False) -> "EmbeddedStore":
        path = store_path(graph_dir)
        if not create and not path.exists():
            raise GraphkitError(f"{path}: no embedded store here (run `graphkit build INPUT --out "
                                f"{Path(graph_dir)}` first)")
        return cls(EmbeddedServer(path))

    def __enter__(self) -> "EmbeddedStore":
        self.server.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.__exit__(*exc)

    def close(self, save: bool | None = None) -> None:
        self.server.stop(save)

    # -- queries ------------------------------------------------------------------------
    def _raw(self, query: str, params: dict | None, read_only: bool):
        header = params_header(params)
        cmd = "GRAPH.RO_QUERY" if read_only else "GRAPH.QUERY"
        try:
            return self.server.command(cmd, self.graph, header + query, "--compact")
        except RespError as e:
            raise _query_error(str(e), query) from None
        except TimeoutError:
            raise GraphkitError(f"the embedded store on {self.server.path} did not answer within "
                                f"{self.server.timeout:g} s (GRAPHKIT_STORE_TIMEOUT)") from None

    def query(self, query: str, params: dict | None = None, *, read_only: bool = False) -> Result:
        """Run Cypher, return a :class:`Result` (nodes/relationships as plain dicts)."""
        result = self.stream(query, params, read_only=read_only)
        result.rows = list(result.rows)
        return result

    def stream(self, query: str, params: dict | None = None, *, read_only: bool = False,
               limit: int | None = None) -> Result:
        """Like :meth:`query`, but ``rows`` is an iterator converting one row at a time (the
        server's compact reply is kept, not a second copy as Python values); at most
        ``limit`` rows. With ``read_only`` a writing query is refused (GRAPH.RO_QUERY)."""
        try:
            reply = self._raw(query, params, read_only)
        except QueryError as e:
            if read_only and "read-only" in str(e).lower():
                raise GraphkitError("this query writes to the store; graphkit query is read-only "
                                    "unless --write is given") from None
            raise
        if len(reply) == 1:  # no result set, statistics only
            result = Result([], [], _counters(reply[0]))
        else:
            header, rows, stats = reply
            self._names = {}
            if limit is not None:
                del rows[limit:]
            rows.reverse()  # pop() from the end: each raw row is freed once converted

            def convert():
                while rows:
                    yield [self._value(v) for v in rows.pop()]

            result = Result([h[1] for h in header], convert(), _counters(stats))
        if result.wrote:
            self.server.dirty = True
        return result

    def write(self, statement: str, params: dict | None = None) -> dict:
        """Run a data statement, return its counters (``nodes_created`` ...)."""
        self.server.dirty = True
        reply = self._raw(statement, params, False)
        return _counters(reply[-1])

    def write_many(self, items):
        """Pipelined :meth:`write`: ``items`` yields ``(statement, params)``; yields counters
        in order. The next statement is prepared and sent while the server runs the last."""
        conn = self.server.conn
        if conn is None:
            raise GraphkitError("the embedded store is not running")
        self.server.dirty = True
        pending: list[str] = []

        def receive():
            st = pending.pop(0)
            try:
                return _counters(conn.reply()[-1])
            except RespError as e:
                raise _query_error(str(e), st) from None

        for st, params in items:
            conn.send("GRAPH.QUERY", self.graph, params_header(params) + st, "--compact")
            pending.append(st)
            if len(pending) > 1:
                yield receive()
        while pending:
            yield receive()

    def count(self, query: str) -> int:
        return int(self.query(query, read_only=True).rows[0][0])

    # -- compact values -----------------------------------------------------------------
    def _name(self, kind: str, i: int) -> str:
        names = self._names.get(kind)
        if names is None or i >= len(names):
            proc = {"labels": "db.labels()", "keys": "db.propertyKeys()",
                    "types": "db.relationshipTypes()"}[kind]
            reply = self.server.command("GRAPH.RO_QUERY", self.graph, f"CALL {proc}")
            names = self._names[kind] = [r[0] for r in reply[1]]
        return names[i] if i < len(names) else f"#{i}"

    def _props(self, triples) -> dict:
        return {self._name("keys", k): self._value([t, v]) for k, t, v in triples}

    def _value(self, tv) -> Any:
        t, v = tv
        if t == _NULL:
            return None
        if t in (_STRING, _INTEGER):
            return v
        if t == _BOOLEAN:
            return v == "true"
        if t == _DOUBLE:
            return float(v)
        if t == _ARRAY:
            return [self._value(x) for x in v]
        if t == _MAP:
            return {v[i]: self._value(v[i + 1]) for i in range(0, len(v), 2)}
        if t == _NODE:
            nid, labels, props = v
            return node_value([self._name("labels", i) for i in labels], self._props(props))
        if t == _EDGE:
            eid, rtype, src, dst, props = v
            return rel_value(self._name("types", rtype), src, dst, self._props(props))
        if t == _PATH:
            return {"nodes": self._value(v[0]), "relationships": self._value(v[1])}
        if t == _POINT:
            return {"latitude": float(v[0]), "longitude": float(v[1])}
        return v


def _counters(stats: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for s in stats:
        k, _, v = s.partition(":")
        v = v.strip().split(" ")[0]
        try:
            num = float(v)
        except ValueError:
            continue
        out[k.strip().lower().replace(" ", "_")] = int(num) if num.is_integer() else num
    return out


def load_embedded(G, out: str | os.PathLike, *, batch_size: int = 5000, show_progress=None) -> Path:
    """(Re)create ``out/graph.falkordb`` from ``G``: schema, then every data batch.

    Written to a temporary file and renamed, so a running query never sees half a store.
    """
    from graphkit.progress import progress
    from graphkit.cypher.statements import FALKOR_SCHEMA, group_rows, upsert

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    final = out / STORE_FILE
    tmp = out / f".{STORE_FILE}.loading-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    groups = group_rows(G)
    store = EmbeddedStore(EmbeddedServer(tmp))
    try:
        with store:
            for st in FALKOR_SCHEMA:
                store.write(st)
            with progress("loading store", groups.node_count + groups.edge_count,
                          show=show_progress) as advance:
                upsert(store.write, G, batch_size=batch_size, on_rows=advance, groups=groups,
                       run_many=store.write_many)
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    return final
