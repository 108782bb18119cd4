"""The embedded FalkorDB store: what `graphkit build` loads, checked against the networkx graph,
plus the data statements shared with Neo4j executed for real (counts, idempotency, upserts)."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from graphkit.graph import read_graph_json
from graphkit.store.embedded import STORE_FILE, EmbeddedStore, QueryError, load_embedded
from graphkit.store.server import EmbeddedServer
from graphkit.cypher.statements import FALKOR_SCHEMA, upsert

TRICKY = Path(__file__).parent / "fixtures" / "store" / "tricky_graph.json"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie still answers kill(0); look at its state
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.fixture(scope="module")
def sample_store(sample_out):
    with EmbeddedStore.open(sample_out) as store:
        yield store


def label_key(d: dict) -> str:
    return f"Entity:{d['type']}" if d["label"] == "Entity" else d["label"]


def test_build_wrote_the_store_file(sample_out):
    assert (sample_out / STORE_FILE).stat().st_size > 10_000
    assert not list(sample_out.glob(f".{STORE_FILE}.loading-*"))


def test_node_and_relationship_counts_match_the_graph(sample_store, sample_graph):
    want_nodes = Counter(label_key(d) for _, d in sample_graph.nodes(data=True))
    rows = sample_store.query("MATCH (n) RETURN labels(n) AS l, count(*) AS c").rows
    got_nodes = Counter({":".join(sorted(l, key=lambda x: x != "Entity")): c for l, c in rows})
    assert got_nodes == want_nodes
    want_rels = Counter(t for _, _, t in sample_graph.edges(data="type"))
    got_rels = dict(sample_store.query("MATCH ()-[r]->() RETURN type(r), count(*)").rows)
    assert got_rels == dict(want_rels)
    assert sum(want_rels.values()) > 1000


def test_paper_properties_round_trip(sample_store, sample_graph):
    papers = [d for _, d in sample_graph.nodes(data=True) if d["label"] == "Paper"]
    got = {r["id"]: r for r in sample_store.query(
        "MATCH (p:Paper) RETURN p.id AS id, p.title AS title, p.abstract AS abstract, "
        "p.authors AS authors, p.year AS year").records()}
    assert len(got) == len(papers)
    for d in papers:
        r = got[d["id"]]
        assert r["title"] == d["title"]
        assert r["abstract"] == d["abstract"]
        assert r["year"] == d.get("year")
        assert (r["authors"] or []) == list(d.get("authors") or [])


def test_entities_carry_two_labels_and_list_properties(sample_store, sample_graph):
    ents = {n: d for n, d in sample_graph.nodes(data=True) if d["label"] == "Entity"}
    with_alias = next(d for d in ents.values() if d.get("aliases"))
    rec = sample_store.query("MATCH (e:Entity {id: $id}) RETURN e", {"id": with_alias["id"]}).rows[0][0]
    assert rec["labels"][0] == "Entity" and rec["labels"][1] == with_alias["type"]
    assert rec["properties"]["aliases"] == with_alias["aliases"]
    assert rec["properties"]["df"] == with_alias["df"]
    # every entity is reachable by its type label
    for t, n in Counter(d["type"] for d in ents.values()).items():
        assert sample_store.count(f"MATCH (e:Entity:{t}) RETURN count(e)") == n


def test_mentions_keep_their_evidence(sample_store, sample_graph):
    u, v, d = next((u, v, d) for u, v, d in sample_graph.edges(data=True) if d["type"] == "MENTIONS")
    r = sample_store.query("MATCH (:Paper {id: $u})-[m:MENTIONS]->(:Entity {id: $v}) RETURN m.count, m.evidence",
                           {"u": u, "v": v}).rows
    assert r == [[d["count"], d["evidence"]]]


def test_read_only_query_leaves_the_file_alone_and_no_server_behind(sample_out):
    path = sample_out / STORE_FILE
    before = (path.stat().st_mtime_ns, path.stat().st_size)
    store = EmbeddedStore.open(sample_out)
    with store:
        pid = store.server.pid
        assert alive(pid)
        store.query("MATCH (p:Paper) RETURN count(p)")
    assert not alive(pid)
    assert (path.stat().st_mtime_ns, path.stat().st_size) == before


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="Linux only (PR_SET_PDEATHSIG)")
def test_no_orphan_server_when_graphkit_is_killed(sample_out):
    import subprocess
    import sys
    import time

    code = ("import os, sys\nfrom graphkit.store.embedded import EmbeddedStore\n"
            "s = EmbeddedStore.open(sys.argv[1]); s.__enter__()\n"
            "print(s.server.pid, s.server._tmp, flush=True)\nos.kill(os.getpid(), 9)\n")
    r = subprocess.run([sys.executable, "-c", code, str(sample_out)], capture_output=True, text=True, timeout=60)
    pid, tmp = r.stdout.split()
    pid = int(pid)
    deadline = time.monotonic() + 5
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(pid)
    shutil.rmtree(tmp, ignore_errors=True)  # a killed graphkit cannot remove its socket folder


def test_query_errors_are_one_line_with_the_offset(sample_store):
    with pytest.raises(QueryError) as e:
        sample_store.query("MATCH (p:Paper)\nRETURN p.title +", {"x": 1})
    msg = str(e.value)
    assert "\n" not in msg and "offset 32 (line 2, column 17)" in msg
    assert e.value.offset == 32


def test_tricky_values_round_trip(tmp_path):
    G = read_graph_json(TRICKY)
    load_embedded(G, tmp_path)
    with EmbeddedStore.open(tmp_path) as store:
        p = store.query("MATCH (p:Paper {id: 'arxiv:2401.00001'}) RETURN p").rows[0][0]["properties"]
        d = G.nodes["arxiv:2401.00001"]
        assert p["title"] == d["title"] and p["abstract"] == d["abstract"]
        assert p["authors"] == d["authors"]
        assert p["flagged"] is True and p["pagerank"] == 0.125
        assert p["meta"] == '{"k": [1, 2], "s": "x"}'  # dicts become JSON text
        assert p["nested"] == '[[1, 2], ["a"]]'
        assert "url" not in p  # None is omitted
        e = store.query("MATCH (e:Entity:Method) RETURN e.name").rows
        assert e == [['Q"uote\\Net`']]


def fresh_store(tmp_path: Path) -> EmbeddedStore:
    store = EmbeddedStore(EmbeddedServer(tmp_path / "fresh.falkordb"))
    store.server.start()
    for st in FALKOR_SCHEMA:
        store.write(st)
    return store


def test_loading_twice_changes_nothing_and_a_bigger_graph_only_upserts(tmp_path, sample_graph):
    # half of the sample first, then all of it, then all of it again
    papers = [n for n, d in sample_graph.nodes(data=True) if d["label"] == "Paper"]
    half_papers = set(papers[: len(papers) // 2])
    keep = half_papers | {v for p in half_papers for v in sample_graph.successors(p)
                          if sample_graph.nodes[v]["label"] == "Entity"}
    half = sample_graph.subgraph(keep).copy()
    store = fresh_store(tmp_path)
    try:
        first = upsert(store.write, half, batch_size=97)
        assert first.nodes_created == half.number_of_nodes()
        assert first.relationships_created == half.number_of_edges()
        full = upsert(store.write, sample_graph, batch_size=97, run_many=store.write_many)  # pipelined
        assert full.nodes_created == sample_graph.number_of_nodes() - half.number_of_nodes()
        assert full.nodes_updated == half.number_of_nodes()
        assert full.relationships_created == sample_graph.number_of_edges() - half.number_of_edges()
        again = upsert(store.write, sample_graph, batch_size=1000)
        assert again.nodes_created == 0 and again.relationships_created == 0
        assert again.nodes_updated == sample_graph.number_of_nodes()
        assert store.count("MATCH (n) RETURN count(n)") == sample_graph.number_of_nodes()
        assert store.count("MATCH ()-[r]->() RETURN count(r)") == sample_graph.number_of_edges()
    finally:
        store.close(save=False)


def test_load_embedded_replaces_the_store(tmp_path):
    G = read_graph_json(TRICKY)
    first = load_embedded(G, tmp_path)
    G.remove_node("simulator:mujoco")
    second = load_embedded(G, tmp_path)
    assert first == second == tmp_path / STORE_FILE
    assert sorted(p.name for p in tmp_path.iterdir()) == [STORE_FILE]
    with EmbeddedStore.open(tmp_path) as store:
        assert store.count("MATCH (n) RETURN count(n)") == G.number_of_nodes()


def test_a_missing_store_is_a_user_error(tmp_path):
    from graphkit.errors import GraphkitError

    with pytest.raises(GraphkitError, match="no embedded store here"):
        EmbeddedStore.open(tmp_path)


def test_a_corrupt_store_file_is_a_clear_error(tmp_path):
    from graphkit.errors import GraphkitError

    (tmp_path / STORE_FILE).write_bytes(b"not an rdb file at all")
    with pytest.raises(GraphkitError, match="could not start"):
        with EmbeddedStore.open(tmp_path):
            pass


def test_pipelined_writes_report_errors(tmp_path):
    store = fresh_store(tmp_path)
    try:
        good = ("UNWIND $rows AS r CREATE (:X {id: r})", {"rows": [1, 2]})
        bad = ("UNWIND $rows AS r CREATE (:X {id: r}", {"rows": [3]})
        counters = store.write_many(iter([good, bad]))
        assert next(counters)["nodes_created"] == 2
        with pytest.raises(QueryError, match=r"query error at offset \d+"):
            next(counters)
    finally:
        store.close(save=False)


def test_a_stalled_store_times_out_in_one_line(tmp_path):
    """A server that accepts and never answers: the socket timeout ends the wait with one
    clear error instead of hanging graphkit forever."""
    import socket as so
    import threading

    from graphkit.errors import GraphkitError
    from graphkit.store.embedded import EmbeddedStore
    from graphkit.store.resp import RespConnection

    path = str(tmp_path / "stall.sock")
    srv = so.socket(so.AF_UNIX, so.SOCK_STREAM)
    srv.bind(path)
    srv.listen(1)
    held = []
    threading.Thread(target=lambda: held.append(srv.accept()), daemon=True).start()

    class Stalled:
        timeout = 0.3

        def __init__(self):
            self.path = tmp_path / "graph.falkordb"
            self.conn = RespConnection(path, timeout=self.timeout)

        def command(self, *args):
            return self.conn.command(*args)

    store = EmbeddedStore(Stalled())
    with pytest.raises(GraphkitError, match=r"did not answer within 0.3 s \(GRAPHKIT_STORE_TIMEOUT\)"):
        store.query("RETURN 1")
    srv.close()
