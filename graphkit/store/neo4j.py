"""Neo4j over Bolt with the official driver: ``push`` the graph, run queries.

Schema first (uniqueness constraints on ``Paper.id`` and ``Entity.id``, a full-text index
on entity names and aliases), then the same ``UNWIND $rows ... MERGE`` batches the embedded
store runs (:mod:`graphkit.cypher.statements`). No APOC. Connection problems become one
:class:`~graphkit.errors.GraphkitError` line.

>>> summary = push(G, "bolt://localhost:7687", user="neo4j", password="secret")  # doctest: +SKIP
>>> print(summary)                                                               # doctest: +SKIP
nodes 597 (597 created, 0 updated), relationships 2548 (2548 created, 0 updated), ...
"""

from __future__ import annotations

import logging
import os
from typing import Any

from graphkit.errors import GraphkitError
from graphkit.store.result import Result, node_value, rel_value

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__


def _import_driver():
    """``neo4j.GraphDatabase``, imported without its optional numpy support when numpy is not
    loaded yet: graphkit sends plain Python values, and numpy is ~40% of the driver's import
    time (``graphkit query --uri`` pays it on every call). numpy stays importable after.

    The cyclic garbage collector is paused during the import: the import creates ~150k
    objects the collector tracks (120k of them the ``(year, month)`` keys of
    ``neo4j.time._DAYS_IN_MONTH``), none of them garbage, and the collector would otherwise
    walk them ~200 times meanwhile (~0.05 s of CPU, a tenth of the import)."""
    import gc
    import sys

    if "neo4j" in sys.modules:
        from neo4j import GraphDatabase

        return GraphDatabase
    blocked = [] if "numpy" in sys.modules else [m for m in ("numpy", "pandas", "pyarrow")
                                                  if m not in sys.modules]
    for m in blocked:
        sys.modules[m] = None  # an ImportError for neo4j._optional_deps
    collecting = gc.isenabled()
    gc.disable()
    try:
        from neo4j import GraphDatabase
    finally:
        if collecting:
            gc.enable()
        for m in blocked:
            if sys.modules.get(m, 0) is None:
                del sys.modules[m]
    return GraphDatabase


def check_uri(uri: str) -> str:
    """``uri`` with its scheme lower-cased (``BOLT://h:7687`` is accepted), or one clear
    error: not a Bolt scheme, no host, a port that is not 1-65535."""
    from urllib.parse import urlsplit

    scheme, sep, rest = uri.partition("://")
    scheme = scheme.lower()
    if not sep or scheme not in SCHEMES:
        raise GraphkitError(f"{uri}: not a Bolt URI (use one of {', '.join(s + '://' for s in SCHEMES)})")
    uri = f"{scheme}://{rest}"
    try:
        parts = urlsplit(uri)
        host, port = parts.hostname, parts.port
    except ValueError as e:
        raise GraphkitError(f"{uri}: bad address ({e}; the port must be 1-65535)") from None
    if not host:
        raise GraphkitError(f"{uri}: no host (e.g. bolt://localhost:7687)")
    if port is not None and not 1 <= port <= 65535:
        raise GraphkitError(f"{uri}: port {port} is out of range (1-65535)")
    if parts.netloc.endswith(":"):
        raise GraphkitError(f"{uri}: empty port (e.g. bolt://{host}:7687)")
    return uri


def settings(uri: str | None, user: str | None, password: str | None,
             database: str | None) -> tuple[str, str, str | None, str | None]:
    """Flags first, then ``NEO4J_URI`` / ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` / ``NEO4J_DATABASE``."""
    uri = uri or os.environ.get("NEO4J_URI")
    if not uri:
        raise GraphkitError("no Neo4j server given: pass --uri bolt://HOST:7687 or set NEO4J_URI")
    return (check_uri(uri), user or os.environ.get("NEO4J_USERNAME") or "neo4j",
            password if password is not None else os.environ.get("NEO4J_PASSWORD"),
            database or os.environ.get("NEO4J_DATABASE") or None)


def ask_password(uri: str | None, user: str | None, password: str | None, *, stdin=None) -> str | None:
    """For the CLI, before anything is read or sent: the password from ``--password`` or
    ``NEO4J_PASSWORD``; else asked on the terminal; else (stdin not a terminal) one error."""
    import sys

    if password is not None or os.environ.get("NEO4J_PASSWORD") is not None:
        return password
    uri, user, _, _ = settings(uri, user, "", None)
    stdin = stdin or sys.stdin
    if not (stdin and stdin.isatty()):
        raise GraphkitError(f"no password for {user} at {uri}: pass --password or set NEO4J_PASSWORD "
                            "(stdin is not a terminal, so graphkit cannot ask)")
    import getpass

    try:
        return getpass.getpass(f"Neo4j password for {user} at {uri}: ")
    except EOFError:
        raise GraphkitError("no password given") from None


def _explain(e: BaseException, uri: str, user: str, database: str | None = None) -> GraphkitError:
    from neo4j import exceptions as ex

    code = getattr(e, "code", None) or ""
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return GraphkitError(f"Neo4j at {uri} has no database {database!r} "
                             "(check --database or NEO4J_DATABASE)")

    if isinstance(e, ex.AuthError):
        return GraphkitError(f"Neo4j at {uri} refused the credentials of user {user!r} "
                             f"(check --user/--password or NEO4J_USERNAME/NEO4J_PASSWORD): {_one_line(e)}")
    if isinstance(e, ex.ServiceUnavailable):
        msg = _one_line(e)
        if "routing information" in msg:
            msg += " (is this a Neo4j server? for a single server use bolt://)"
        return GraphkitError(f"cannot reach Neo4j at {uri}: {msg}")
    if isinstance(e, ex.Neo4jError):  # code and message; not the GQL status boilerplate
        return GraphkitError(f"Neo4j error: {code or type(e).__name__}: {' '.join((e.message or '').split())}")
    return GraphkitError(f"Neo4j at {uri}: {_one_line(e)}")


def _value(v: Any) -> Any:
    from neo4j.graph import Node, Path, Relationship

    if isinstance(v, Node):
        return node_value(sorted(v.labels, key=lambda x: (x != "Paper" and x != "Entity", x)),
                          {k: _value(x) for k, x in dict(v).items()})
    if isinstance(v, Relationship):
        return rel_value(v.type, v.start_node.element_id if v.start_node else None,
                         v.end_node.element_id if v.end_node else None,
                         {k: _value(x) for k, x in dict(v).items()})
    if isinstance(v, Path):
        return {"nodes": [_value(n) for n in v.nodes], "relationships": [_value(r) for r in v.relationships]}
    if isinstance(v, list):
        return [_value(x) for x in v]
    if isinstance(v, dict):
        return {k: _value(x) for k, x in v.items()}
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return str(v)  # temporal and spatial values


def _counters(c) -> dict:
    return {k: getattr(c, k) for k in ("nodes_created", "nodes_deleted", "relationships_created",
                                       "relationships_deleted", "properties_set", "labels_added",
                                       "labels_removed", "indexes_added", "constraints_added")}


class Neo4jStore:
    """A connected driver (verified), usable as a context manager."""

    def __init__(self, driver, uri: str, user: str, database: str | None):
        self.driver, self.uri, self.user, self.database = driver, uri, user, database
        self._session = None

    @classmethod
    def connect(cls, uri: str | None = None, *, user: str | None = None, password: str | None = None,
                database: str | None = None, timeout: float = 10.0, verify: bool = True) -> "Neo4jStore":
        """The driver of ``uri``; with ``verify``, connected and logged in before it returns
        (errors as one line). ``verify=False`` leaves that to the first statement, the same
        errors then: on ``neo4j://`` URIs ``verify_connectivity`` costs a round trip more
        (it hands its connection back after fetching the routing table: a RESET); on
        ``bolt://`` the query reuses the verified connection, so nothing is saved there."""
        uri, user, password, database = settings(uri, user, password, database)
        logging.getLogger("neo4j").setLevel(logging.CRITICAL)  # errors are reported as one line
        GraphDatabase = _import_driver()

        try:
            driver = GraphDatabase.driver(uri, auth=(user, password or ""), connection_timeout=timeout,
                                          connection_acquisition_timeout=timeout)
            if verify:
                driver.verify_connectivity()
        except Exception as e:  # driver errors of every kind -> one line
            raise _explain(e, uri, user) from None
        return cls(driver, uri, user, database)

    def __enter__(self) -> "Neo4jStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
        self.driver.close()

    def query(self, query: str, params: dict | None = None) -> Result:
        try:
            records, summary, keys = self.driver.execute_query(query, params or {},
                                                               database_=self.database)
        except Exception as e:
            raise _explain(e, self.uri, self.user, self.database) from None
        return Result(list(keys), [[_value(r[k]) for k in keys] for r in records],
                      _counters(summary.counters))

    def stream(self, query: str, params: dict | None = None, *, write: bool = False,
               limit: int | None = None) -> Result:
        """A :class:`Result` whose ``rows`` iterate as the driver fetches them (in batches),
        at most ``limit``; a READ session unless ``write`` (the server refuses writes then).
        Valid until :meth:`close`."""
        import neo4j

        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        try:
            if self._session is not None:
                self._session.close()
            self._session = self.driver.session(database=self.database, default_access_mode=mode)
            res = self._session.run(query, params or {})
            keys = list(res.keys())
            peeked = res.peek()  # the first records (and a query error) arrive here
        except Exception as e:
            raise self._error(e, write) from None
        counters: dict = {}
        out = Result(keys, iter(()), counters)

        def rows():
            try:
                n = 0
                if peeked is not None:
                    for rec in res:
                        if limit is not None and n >= limit:
                            break
                        n += 1
                        yield [_value(rec[k]) for k in keys]
                counters.update(_counters(res.consume().counters))
            except Exception as e:
                raise self._error(e, write) from None

        if not keys:  # a statement without a result set: its counters now
            list(rows())
        else:
            out.rows = rows()
        return out

    def _error(self, e: BaseException, write: bool) -> GraphkitError:
        code = getattr(e, "code", "") or ""
        if not write and ("AccessMode" in code or "read access mode" in str(e)):
            return GraphkitError("this query writes to Neo4j; graphkit query is read-only unless "
                                 "--write is given")
        return _explain(e, self.uri, self.user, self.database)

    def schema(self, statements) -> None:
        """Schema statements, each in its own auto-commit transaction."""
        try:
            with self.driver.session(database=self.database) as s:
                for st in statements:
                    s.run(st).consume()
        except Exception as e:
            raise _explain(e, self.uri, self.user, self.database) from None

    def write(self, statement: str, params: dict | None = None) -> dict:
        """One data batch in one write transaction; returns its counters."""
        def work(tx):
            return tx.run(statement, params or {}).consume().counters

        try:
            if self._session is None:
                self._session = self.driver.session(database=self.database)
            return _counters(self._session.execute_write(work))
        except Exception as e:
            raise _explain(e, self.uri, self.user, self.database) from None


def push(G, uri: str | None = None, *, user: str | None = None, password: str | None = None,
         database: str | None = None, batch_size: int = 5000, show_progress: bool | None = None):
    """Write ``G`` (a graph, or a build folder / graph.json to read) to Neo4j: an idempotent
    upsert. Connects first, so a wrong address fails before a big graph is read.
    Returns a :class:`~graphkit.cypher.statements.LoadSummary`."""
    from graphkit.progress import progress
    from graphkit.cypher.statements import NEO4J_SCHEMA, group_rows, upsert

    with Neo4jStore.connect(uri, user=user, password=password, database=database) as store:
        if isinstance(G, (str, os.PathLike)):
            from graphkit.graph import read_graph_json

            G = read_graph_json(G)
        groups = group_rows(G)
        store.schema(NEO4J_SCHEMA)
        with progress("pushing to Neo4j", groups.node_count + groups.edge_count,
                      show=show_progress) as advance:
            return upsert(store.write, G, batch_size=batch_size, on_rows=advance, groups=groups)
