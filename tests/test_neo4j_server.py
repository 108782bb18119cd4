"""Against a real Neo4j Community server (tools/neo4j: 5.26 LTS from Maven Central, Bolt,
authentication on): push, the query library, `graphkit query --uri`, the Cypher script, the
neo4j-admin CSV import, value round trips, and failures (wrong password, unknown database,
the connection cut in the middle of a push). Skipped without a server unless
GRAPHKIT_REQUIRE_NEO4J=1 (CI). Each test starts from an empty database (fixture ``neo4j``)."""

from __future__ import annotations

import math
import socket
import threading
from collections import Counter
from pathlib import Path

import pytest

from graphkit.cypher.literals import props
from graphkit.cypher.statements import data_batches
from graphkit.errors import GraphkitError
from graphkit.exporters import export
from graphkit.graph import read_graph_json
from graphkit.store.embedded import EmbeddedStore
from graphkit.store.neo4j import Neo4jStore, push
from graphkit.store.query import load_query, run_query

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
CYPHER = ROOT / "cypher"
TRICKY = Path(__file__).parent / "fixtures" / "store" / "tricky_graph.json"


def kw(server) -> dict:
    return {"user": server.user, "password": server.password}


def label_counts(server) -> Counter:
    rows = server.run("MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS c")
    return Counter({r["l"]: r["c"] for r in rows})


def rel_counts(server) -> Counter:
    return Counter({r["t"]: r["c"] for r in server.run("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c")})


def graph_label_counts(G) -> Counter:
    c = Counter()
    for _, d in G.nodes(data=True):
        c[d["label"]] += 1
        if d["label"] == "Entity":
            c[d["type"]] += 1
    return c


def graph_rel_counts(G) -> Counter:
    return Counter(k for _, _, k in G.edges(keys=True))


# -- push ------------------------------------------------------------------------------------
def test_push_counts_schema_fulltext_and_idempotency(neo4j, sample_graph):
    first = push(sample_graph, neo4j.uri, **kw(neo4j), batch_size=700)
    assert first.nodes_created == sample_graph.number_of_nodes()
    assert first.relationships_created == sample_graph.number_of_edges()
    assert label_counts(neo4j) == graph_label_counts(sample_graph)
    assert rel_counts(neo4j) == graph_rel_counts(sample_graph)

    again = push(sample_graph, neo4j.uri, **kw(neo4j))
    assert (again.nodes_created, again.relationships_created) == (0, 0)
    assert again.nodes_updated == sample_graph.number_of_nodes()
    assert label_counts(neo4j) == graph_label_counts(sample_graph)
    assert rel_counts(neo4j) == graph_rel_counts(sample_graph)

    cons = {(r["name"], r["type"], tuple(r["labelsOrTypes"]), tuple(r["properties"]))
            for r in neo4j.run("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties")}
    assert cons == {("paper_id", "UNIQUENESS", ("Paper",), ("id",)),
                    ("entity_id", "UNIQUENESS", ("Entity",), ("id",))}
    idx = {r["name"]: (r["type"], r["properties"], r["state"])
           for r in neo4j.run("SHOW INDEXES YIELD name, type, properties, state")}
    assert idx["entity_names"] == ("FULLTEXT", ["name", "aliases"], "ONLINE")
    assert idx["entity_name"] == ("RANGE", ["name"], "ONLINE")
    # the full-text index answers, on names and on aliases
    libero = next(d for _, d in sample_graph.nodes(data=True) if d.get("name") == "LIBERO")
    hits = neo4j.run("CALL db.index.fulltext.queryNodes('entity_names', 'libero') "
                     "YIELD node, score RETURN node.id AS id, score")
    assert libero["id"] in [h["id"] for h in hits[:3]]  # LIBERO-Long & co. may score higher
    alias_owner = next(d for _, d in sample_graph.nodes(data=True)
                       if d.get("label") == "Entity" and any(a.isalpha() and a.lower() != d["name"].lower()
                                                             and " " not in a for a in d.get("aliases") or []))
    alias = next(a for a in alias_owner["aliases"] if a.isalpha() and a.lower() != alias_owner["name"].lower())
    hits = neo4j.run("CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node RETURN node.id AS id",
                     q=alias)
    assert alias_owner["id"] in [h["id"] for h in hits]


def test_push_a_bigger_graph_only_upserts(neo4j, sample_graph):
    papers = sorted(n for n, d in sample_graph.nodes(data=True) if d["label"] == "Paper")
    half_papers = set(papers[: len(papers) // 2])
    keep = half_papers | {v for p in half_papers for v in sample_graph.successors(p)
                          if sample_graph.nodes[v]["label"] == "Entity"}
    half = sample_graph.subgraph(keep).copy()
    first = push(half, neo4j.uri, **kw(neo4j), batch_size=97)
    assert first.nodes_created == half.number_of_nodes()
    full = push(sample_graph, neo4j.uri, **kw(neo4j), batch_size=97)
    assert full.nodes_created == sample_graph.number_of_nodes() - half.number_of_nodes()
    assert full.relationships_created == sample_graph.number_of_edges() - half.number_of_edges()
    assert rel_counts(neo4j) == graph_rel_counts(sample_graph)


def test_push_cli_prints_the_summary(neo4j, cli, sample_out, sample_graph):
    r = cli("push", "--graph", sample_out, "--json", env=neo4j.env)
    assert r.returncode == 0, r.stderr
    import json

    s = json.loads(r.stdout)
    assert s["nodes_created"] == sample_graph.number_of_nodes()
    assert s["relationships_created"] == sample_graph.number_of_edges()


# -- property values -------------------------------------------------------------------------
def _close(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-12)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    return a == b


def test_property_values_round_trip(neo4j):
    G = read_graph_json(TRICKY)
    push(G, neo4j.uri, **kw(neo4j))
    got = {r["id"]: r["p"] for r in neo4j.run("MATCH (n) RETURN n.id AS id, properties(n) AS p")}
    assert set(got) == set(G.nodes)
    for n, d in G.nodes(data=True):
        want = props(d, skip=("label",))
        assert set(got[n]) == set(want), n
        for k, v in want.items():
            assert _close(got[n][k], v), (n, k, got[n][k], v)
    title = got["arxiv:2401.00001"]["title"]
    assert '"it\'s"' in title and "\\back\\slash" in title and "`tick`" in title and "\n" in title
    assert "😀" in title and got["arxiv:2401.00001"]["authors"] == ["Ada O'Neil", 'Bob "B" Smith']
    assert isinstance(got["arxiv:2401.00001"]["pagerank"], float)
    rels = neo4j.run("MATCH (a)-[r:MENTIONS]->(b) RETURN a.id AS a, b.id AS b, properties(r) AS p")
    for r in rels:
        want = props(G.edges[r["a"], r["b"], "MENTIONS"])
        want.pop("type", None)
        assert {k: v for k, v in r["p"].items()} == {k: v for k, v in want.items() if k in r["p"]}
        assert r["p"]["evidence"] == G.edges[r["a"], r["b"], "MENTIONS"]["evidence"]


# -- the query library -----------------------------------------------------------------------
def _canon(v):
    """Nodes/relationships compared by their properties (element ids differ per engine)."""
    if isinstance(v, dict) and "labels" in v and "properties" in v:
        return ("node", tuple(sorted(v["labels"])), _canon(v["properties"]))
    if isinstance(v, dict) and "type" in v and "start" in v:
        return ("rel", v["type"], _canon(v["properties"]))
    if isinstance(v, dict):
        return tuple(sorted((k, _canon(x)) for k, x in v.items()))
    if isinstance(v, list):
        return tuple(_canon(x) for x in v)
    if isinstance(v, float):
        return round(v, 9)
    return v


# The sample carries no references: the citation queries are compared on the graph of the
# fetch acceptance run (real recorded days + stand-in references: CITES and external works).
CITATION_QUERIES = {"most_cited_works", "co_citation", "bibliographic_coupling", "citations_vs_builds_on"}


@pytest.mark.parametrize("path", sorted(p for p in CYPHER.glob("*.cypher") if p.stem not in CITATION_QUERIES),
                         ids=lambda p: p.stem)
def test_every_library_query_gives_the_same_rows_on_neo4j(path, neo4j_pushed_sample, sample_out):
    assert_same_rows(path, neo4j_pushed_sample, sample_out)


def test_citation_queries_give_the_same_rows_on_neo4j(neo4j_server, sample_graph, api_dir, tmp_path):
    from pytest_httpserver import HTTPServer

    from fetch_standin import acceptance
    from graphkit.store import load_embedded

    server = HTTPServer()
    server.start()
    try:
        run = acceptance(server, api_dir, tmp_path)
    finally:
        server.clear()
        server.stop()
    G = read_graph_json(run["out"])
    (tmp_path / "cites").mkdir()
    load_embedded(G, tmp_path / "cites")
    neo4j_server.clean()
    try:
        push(G, neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password)
        for name in sorted(CITATION_QUERIES):
            assert_same_rows(CYPHER / f"{name}.cypher", neo4j_server, tmp_path / "cites")
    finally:  # the module's other tests share the pushed sample
        neo4j_server.clean()
        push(sample_graph, neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password)


def assert_same_rows(path: Path, server, store_dir: Path) -> None:
    """The query file answers the same rows on Neo4j (``server``) and on the embedded store."""
    q = load_query(str(path))
    on_neo4j = run_query(q, uri=server.uri, **kw(server))
    with EmbeddedStore.open(store_dir) as store:
        params = {k: q.defaults[k] for k in q.parameters}
        embedded = store.query(q.text, params, read_only=True)
    assert on_neo4j.columns == embedded.columns
    assert len(embedded.rows) > 0, f"{path.name} answers nothing"
    # Engine-defined, so compared as sets: the order of collect() lists, and the row order
    # of a query whose last part has no ORDER BY (UNION ALL parts).
    import re

    collected = {m for m in re.findall(r"collect\((?:[^()]|\([^()]*\))*\)\s+AS\s+(\w+)", q.text, re.I)}
    idx = [i for i, c in enumerate(embedded.columns) if c in collected]

    def canon(rows):
        out = []
        for r in rows:
            r = list(r)
            for i in idx:
                r[i] = sorted(r[i], key=repr)
            out.append(_canon(r))
        return out

    last = re.split(r"\bUNION\b", q.text, flags=re.I)[-1]
    a, b = canon(on_neo4j.rows), canon(embedded.rows)
    if re.search(r"\bORDER\s+BY\b", last, re.I) and "UNION" not in q.text.upper():
        assert a == b
    else:
        assert sorted(a, key=repr) == sorted(b, key=repr)


@pytest.fixture(scope="module")
def neo4j_pushed_sample(neo4j_server, sample_graph):
    neo4j_server.clean()
    push(sample_graph, neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password)
    return neo4j_server


# -- graphkit query --uri ----------------------------------------------------------------------
def test_query_cli_on_neo4j_params_and_formats(neo4j, cli, sample_graph):
    push(sample_graph, neo4j.uri, **kw(neo4j))
    q = "MATCH (b:Benchmark {name: $name})<-[:MENTIONS]-(p:Paper) RETURN b.name AS name, count(p) AS papers"
    import json

    r = cli("query", q, "--uri", neo4j.uri, "--param", "name=LIBERO", "--format", "json", env=neo4j.env)
    assert r.returncode == 0, r.stderr
    n = sum(1 for u, v, k in sample_graph.edges(keys=True)
            if k == "MENTIONS" and sample_graph.nodes[v].get("name") == "LIBERO")
    assert json.loads(r.stdout) == [{"name": "LIBERO", "papers": n}]
    r = cli("query", q, "--uri", neo4j.uri, "-p", "name=LIBERO", "--format", "csv", env=neo4j.env)
    assert r.stdout == f"name,papers\nLIBERO,{n}\n"
    r = cli("query", q, "--uri", neo4j.uri, "-p", "name=LIBERO", env=neo4j.env)
    assert r.stdout.splitlines()[2].split() == ["LIBERO", str(n)] and r.stdout.endswith("(1 row)\n")
    r = cli("query", "MATCH (e:Entity) RETURN e.name ORDER BY e.name", "--uri", neo4j.uri,
            "--limit", "3", "--format", "csv", env=neo4j.env)
    assert len(r.stdout.splitlines()) == 4
    # read-only unless --write
    r = cli("query", "MATCH (n) DETACH DELETE n", "--uri", neo4j.uri, env=neo4j.env)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip() == ("graphkit: error: this query writes to Neo4j; graphkit query is "
                                "read-only unless --write is given")
    assert neo4j.run("MATCH (n) RETURN count(n) AS c")[0]["c"] == sample_graph.number_of_nodes()
    r = cli("query", "CREATE (:Note {text: 'x'})", "--uri", neo4j.uri, "--write", env=neo4j.env)
    assert r.returncode == 0 and "nodes created: 1" in r.stdout
    assert neo4j.run("MATCH (n:Note) RETURN n.text AS t") == [{"t": "x"}]


def test_query_on_neo4j_streams_big_answers(neo4j):
    q = "UNWIND range(1, 20000) AS i RETURN i, 'row ' + toString(i) AS text"
    r = run_query(q, uri=neo4j.uri, **kw(neo4j))
    assert len(r.rows) == 20000 and r.rows[-1] == [20000, "row 20000"]
    r = run_query(q, uri=neo4j.uri, **kw(neo4j), limit=7)
    assert [x[0] for x in r.rows] == list(range(1, 8))


# -- the Cypher script and the CSV import ------------------------------------------------------
def covering_subgraph(G, per_kind: int = 2):
    """``G`` cut down to a few papers per entity type and per paper-to-paper edge type, their
    entities and every edge among those nodes: every label and relationship type of ``G``."""
    label = lambda v: G.nodes[v]["label"]
    papers = sorted(v for v in G if label(v) == "Paper")
    chosen: dict[str, None] = {}
    for t in sorted({d["type"] for _, d in G.nodes(data=True) if d["label"] == "Entity"}):
        for p in [p for p in papers if any(G.nodes[v].get("type") == t for v in G.successors(p))][:per_kind]:
            chosen[p] = None
    for k in sorted({k for *_, k in G.edges(keys=True)}):
        for u, v in [(u, v) for u, v, kk in G.edges(keys=True)
                     if kk == k and label(u) == label(v) == "Paper"][:per_kind]:
            chosen[u] = chosen[v] = None
    keep = set(chosen) | {v for p in chosen for v in G.successors(p) if label(v) == "Entity"}
    return G.subgraph(keep).copy()


def test_cypher_script_rebuilds_the_graph_on_neo4j(neo4j, sample_graph, tmp_path):
    """No cypher-shell on Maven Central: the script is run statement by statement (one per
    line, as cypher-shell splits it) through the driver. On a cut of the sample with every
    label and relationship type (~400 rows, several batches per statement template): Neo4j
    spends tens of ms per row on these literal-laden statements, so the whole sample (4,200
    rows, run twice) took minutes for the same templates."""
    G = covering_subgraph(sample_graph)
    assert set(graph_label_counts(G)) == set(graph_label_counts(sample_graph))
    assert set(graph_rel_counts(G)) == set(graph_rel_counts(sample_graph))
    script = export(G, tmp_path / "graph.cypher", "cypher", batch_size=40).read_text("utf-8")
    statements = [ln.rstrip().rstrip(";") for ln in script.splitlines()
                  if ln.strip() and not ln.lstrip().startswith("//")]
    templates = Counter(st.split(" AS r ", 1)[-1] for st in statements)
    assert len(statements) > 10 and max(templates.values()) > 2  # batched, not one statement each
    with neo4j.driver.session() as s:
        for st in statements:
            s.run(st).consume()
    assert label_counts(neo4j) == graph_label_counts(G)
    assert rel_counts(neo4j) == graph_rel_counts(G)
    with neo4j.driver.session() as s:  # a second run changes nothing
        counters = [s.run(st).consume().counters for st in statements]
    assert sum(c.nodes_created for c in counters) == sum(c.relationships_created for c in counters) == 0
    T = read_graph_json(TRICKY)  # hostile strings inlined as literals
    neo4j.clean()
    script = export(T, tmp_path / "t.cypher", "cypher").read_text("utf-8")
    with neo4j.driver.session() as s:
        for st in [ln.rstrip().rstrip(";") for ln in script.splitlines()
                   if ln.strip() and not ln.lstrip().startswith("//")]:
            s.run(st).consume()
    got = {r["id"]: r["t"] for r in neo4j.run("MATCH (p:Paper) RETURN p.id AS id, p.title AS t")}
    assert got == {n: d["title"] for n, d in T.nodes(data=True) if d["label"] == "Paper"}


def test_neo4j_csv_export_imports_with_neo4j_admin(sample_graph, tmp_path, neo4j_server):
    """The real `neo4j-admin database import full` (org.neo4j:neo4j-import-tool, same version)
    into a fresh Neo4j home, which a second server then opens."""
    import subprocess

    from conftest import NEO4J_TOOLS, Neo4jServer, start_neo4j, stop_neo4j

    folder = export(sample_graph, tmp_path / "csv", "neo4j-csv")
    cmd = (folder / "import.sh").read_text().strip().splitlines()[-1].split()
    assert cmd[:4] == ["neo4j-admin", "database", "import", "full"]
    import shutil
    import tempfile

    # not under pytest's tmp_path: concurrent pytest runs may prune it under a running server
    home = Path(tempfile.mkdtemp(prefix="import-home-", dir=NEO4J_TOOLS / ".cache"))
    p = subprocess.run([str(NEO4J_TOOLS / "neo4j-admin"), "--home", str(home), *cmd[1:]], cwd=folder,
                       capture_output=True, text=True, timeout=900)
    if p.returncode != 0:
        shutil.rmtree(home, ignore_errors=True)
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-2000:]
    assert "IMPORT DONE" in p.stdout + p.stderr
    env = start_neo4j(home)
    try:
        s = Neo4jServer(env["NEO4J_URI"], env["NEO4J_USERNAME"], env["NEO4J_PASSWORD"], True)
        assert label_counts(s) == graph_label_counts(sample_graph)
        assert rel_counts(s) == graph_rel_counts(sample_graph)
        # typed columns: arrays stay arrays, numbers stay numbers
        ent = next(d for _, d in sample_graph.nodes(data=True) if d["label"] == "Entity" and len(d.get("aliases") or []) > 1)
        row = s.run("MATCH (e:Entity {id: $id}) RETURN e.aliases AS a, e.df AS df, e.name AS n", id=ent["id"])[0]
        assert row == {"a": ent["aliases"], "df": ent["df"], "n": ent["name"]}
        paper = next(d for _, d in sample_graph.nodes(data=True) if d["label"] == "Paper")
        row = s.run("MATCH (p:Paper {id: $id}) RETURN p.title AS t, p.abstract AS a", id=paper["id"])[0]
        assert row == {"t": paper["title"], "a": paper.get("abstract")}
        with s.driver.session() as sess:  # the schema file the export writes applies afterwards
            for st in (folder / "schema.cypher").read_text().split(";"):
                if st.strip():
                    sess.run(st).consume()
        assert len(s.run("SHOW CONSTRAINTS")) == 2
        s.driver.close()
    finally:
        pidfile = home.parent / (home.name + ".run") / "pid"
        pid = int(pidfile.read_text()) if pidfile.exists() else None
        stop_neo4j(home)
        shutil.rmtree(home, ignore_errors=True)
        if pid is not None:  # no orphan JVM, whatever happened (see the report: stop may miss it here)
            import os
            import signal

            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        shutil.rmtree(home.parent / (home.name + ".run"), ignore_errors=True)


# -- failures ----------------------------------------------------------------------------------
def test_wrong_password_is_one_line(neo4j, cli, sample_out):
    r = cli("push", "--graph", sample_out, env={**neo4j.env, "NEO4J_PASSWORD": "wrong"})
    assert r.returncode == 1 and r.stdout == ""
    line = r.stderr.strip()
    assert len(line.splitlines()) == 1
    assert line.startswith(f"graphkit: error: Neo4j at {neo4j.uri} refused the credentials of user 'neo4j'")
    # graphkit query connects with its first statement: the same line, on bolt:// and neo4j://
    for uri in (neo4j.uri, neo4j.uri.replace("bolt://", "neo4j://")):
        r = cli("query", "RETURN 1 AS x", "--uri", uri, env={**neo4j.env, "NEO4J_PASSWORD": "wrong"})
        assert r.returncode == 1 and r.stdout == ""
        assert r.stderr.strip().splitlines() == [r.stderr.strip()]
        assert r.stderr.startswith(f"graphkit: error: Neo4j at {uri} refused the credentials of user 'neo4j'")
        r = cli("query", "RETURN 1 AS x", "--uri", uri, "--format", "csv", env=neo4j.env)
        assert (r.returncode, r.stdout) == (0, "x\n1\n"), r.stderr


def test_unknown_database_is_one_line(neo4j, cli, sample_out):
    r = cli("push", "--graph", sample_out, "--database", "nosuchdb", env=neo4j.env)
    assert r.returncode == 1 and r.stdout == ""
    line = r.stderr.strip()
    assert len(line.splitlines()) == 1 and "Traceback" not in line
    assert line == (f"graphkit: error: Neo4j at {neo4j.uri} has no database 'nosuchdb' "
                    "(check --database or NEO4J_DATABASE)")
    r = cli("query", "RETURN 1", "--uri", neo4j.uri, "--database", "nosuchdb", env=neo4j.env)
    assert r.returncode == 1 and "nosuchdb" in r.stderr and len(r.stderr.strip().splitlines()) == 1


class CutProxy:
    """A TCP proxy to the server that, once a connection has carried ``limit`` bytes from
    the client, cuts it and refuses every later one: the server 'stops' mid-push (the
    driver's retries of the failed transaction then find no server)."""

    def __init__(self, port: int, limit: int):
        self.target, self.limit, self.cut = port, limit, True
        self.counts: list[list[int]] = []
        self.dead = False
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            if self.dead:
                c.close()
                continue
            u = socket.create_connection(("127.0.0.1", self.target))
            sent = [0]
            self.counts.append(sent)
            threading.Thread(target=self._pipe, args=(c, u, sent), daemon=True).start()
            threading.Thread(target=self._pipe, args=(u, c, None), daemon=True).start()

    def _pipe(self, a, b, sent):
        try:
            while True:
                data = a.recv(65536)
                if not data:
                    break
                if sent is not None:
                    sent[0] += len(data)
                    if self.cut and sent[0] > self.limit:
                        self.dead = True
                        break
                b.sendall(data)
        except OSError:
            pass
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self):
        self.sock.close()


def test_server_gone_mid_push_is_one_line_and_a_rerun_completes(neo4j, cli, sample_out, sample_graph,
                                                                 monkeypatch):
    """The push (in process) retries the failed batch for 1 s instead of the driver's default
    30 s of back-off: it then fails the same way, sooner."""
    import neo4j as driver

    connect = driver.GraphDatabase.driver
    monkeypatch.setattr(driver.GraphDatabase, "driver",
                        lambda *a, **k: connect(*a, **{"max_transaction_retry_time": 1.0, **k}))
    port = int(neo4j.uri.rsplit(":", 1)[1])
    proxy = CutProxy(port, limit=0)
    try:
        uri = f"bolt://127.0.0.1:{proxy.port}"
        proxy.cut = False  # measure the push through the proxy, then cut it half-way
        push(sample_graph, uri, **kw(neo4j), batch_size=50)
        proxy.limit = max(c[0] for c in proxy.counts) // 2
        neo4j.clean()
        proxy.cut = True
        r = cli("push", "--graph", sample_out, "--uri", uri, "--batch-size", "50",
                env={**neo4j.env, "NEO4J_URI": uri})
        assert r.returncode == 1 and r.stdout == ""  # nothing reported as pushed
        line = r.stderr.strip()
        assert len(line.splitlines()) == 1 and "Traceback" not in line, line
        assert line.startswith("graphkit: error: ") and uri in line
        # batches are transactions: what arrived is exactly a prefix of whole batches
        nodes = neo4j.run("MATCH (n) RETURN count(n) AS c")[0]["c"]
        rels = neo4j.run("MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"]
        assert 0 < nodes + rels < sample_graph.number_of_nodes() + sample_graph.number_of_edges()
        prefix, sizes = (0, 0), {(0, 0)}
        for b in data_batches(sample_graph, 50):
            prefix = (prefix[0] + len(b.rows), prefix[1]) if b.kind == "node" else (prefix[0], prefix[1] + len(b.rows))
            sizes.add(prefix)
        assert (nodes, rels) in sizes
    finally:
        proxy.close()
    again = push(sample_graph, neo4j.uri, **kw(neo4j), batch_size=50)
    assert again.nodes_created == sample_graph.number_of_nodes() - nodes
    assert again.relationships_created == sample_graph.number_of_edges() - rels
    assert label_counts(neo4j) == graph_label_counts(sample_graph)
    assert rel_counts(neo4j) == graph_rel_counts(sample_graph)


def test_connect_errors_name_the_cause(neo4j):
    with pytest.raises(GraphkitError, match="refused the credentials"):
        Neo4jStore.connect(neo4j.uri, user="neo4j", password="nope")
    with pytest.raises(GraphkitError, match="refused the credentials of user 'ghost'"):
        Neo4jStore.connect(neo4j.uri, user="ghost", password=neo4j.password)
