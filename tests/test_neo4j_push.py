"""The Neo4j path without a Neo4j server (none can be installed here):
(a) the data statements are the ones executed for real on the embedded store
    (tests/test_store_embedded.py: counts, idempotency, upserts) — here: their shape;
(b) every statement `push` sends, every cypher/ file and the cypher script pass Neo4j's own
    parser (npm @neo4j-cypher/language-support, one node run);
(c) the real neo4j driver against a closed port, a port that speaks HTTP, a silent port:
    one clear line, non-zero exit, no traceback."""

from __future__ import annotations

import os
import socket
import socketserver
import threading
import time
from pathlib import Path

import pytest

from graphkit.errors import GraphkitError
from graphkit.exporters import export
from graphkit.graph import read_graph_json
from helpers.cypher_lint import lint_cypher, linter_problem
from graphkit.store.neo4j import Neo4jStore, push
from graphkit.cypher.statements import NEO4J_SCHEMA, data_batches


CYPHER = Path(__file__).resolve().parents[1] / "cypher"
TRICKY = Path(__file__).parent / "fixtures" / "store" / "tricky_graph.json"


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class _HTTP(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.recv(64)
        self.request.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")


HANDSHAKE = threading.Event()
"""Set when the silent port has received a client's first bytes."""


class _Silent(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.recv(64)
        HANDSHAKE.set()
        time.sleep(5)


@pytest.fixture(scope="module")
def servers():
    made = {}
    for name, handler in (("http", _HTTP), ("silent", _Silent)):
        srv = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        srv.daemon_threads = True
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        made[name] = srv
    yield {k: v.server_address[1] for k, v in made.items()}
    for srv in made.values():
        srv.shutdown()
        srv.server_close()


def test_data_statements_merge_on_stable_ids_with_parameters_only(sample_graph):
    batches = list(data_batches(sample_graph, batch_size=100))
    assert sum(len(b.rows) for b in batches if b.kind == "node") == sample_graph.number_of_nodes()
    assert sum(len(b.rows) for b in batches if b.kind == "edge") == sample_graph.number_of_edges()
    for b in batches:
        assert b.statement.startswith("UNWIND $rows AS r ")
        assert "MERGE" in b.statement and "apoc" not in b.statement.lower()
        assert '"' not in b.statement and "'" not in b.statement  # values only via $rows
        assert len(b.rows) <= 100
    kinds = {b.what for b in batches}
    assert {"Paper", "MENTIONS"} <= kinds


def test_schema_comes_first_constraints_then_fulltext():
    assert NEO4J_SCHEMA[0].startswith("CREATE CONSTRAINT") and "Paper" in NEO4J_SCHEMA[0]
    assert "REQUIRE n.id IS UNIQUE" in NEO4J_SCHEMA[1] and "Entity" in NEO4J_SCHEMA[1]
    assert any("FULLTEXT" in s and "n.aliases" in s and "n.name" in s for s in NEO4J_SCHEMA)


def test_push_reads_a_build_folder_only_after_connecting(tmp_path):
    # no graph.json here: the connection error comes first
    with pytest.raises(GraphkitError, match="cannot reach Neo4j"):
        push(tmp_path, f"bolt://127.0.0.1:{closed_port()}")


def test_everything_sent_to_neo4j_passes_its_linter(sample_graph, tmp_path):
    """One run of Neo4j's parser over: every statement `push` sends (schema + data), every
    cypher/*.cypher file, the `--to cypher` script's statements (one per template, with the
    tricky-strings fixture inlined), and two broken queries it must reject."""
    problem = linter_problem()
    if problem:
        if os.environ.get("GRAPHKIT_REQUIRE_LINTER") == "1":
            pytest.fail(f"GRAPHKIT_REQUIRE_LINTER=1 but {problem}")
        pytest.skip(problem)
    push_statements = sorted({b.statement for b in data_batches(sample_graph)} | set(NEO4J_SCHEMA))
    assert len(push_statements) >= 10
    files = {f"cypher/{f.name}": f.read_text() for f in sorted(CYPHER.glob("*.cypher"))}
    assert len(files) >= 12
    script = export(read_graph_json(TRICKY), tmp_path / "graph.cypher", "cypher", batch_size=2).read_text()
    firsts = {}
    for line in script.splitlines():
        if line and not line.startswith("//"):
            firsts.setdefault(line.split(" AS r ", 1)[-1], line)
    assert any("He said" in st for st in firsts.values())
    script_statements = {f"script {i}": st for i, st in enumerate(firsts.values())}
    bad = {"bad syntax": "MATCH (n RETURN n", "bad variable": "MATCH (n) RETURN m"}
    queries = {**{f"push: {st}": st for st in push_statements}, **files, **script_statements, **bad}
    results = {r["name"]: r for r in lint_cypher(queries)}
    assert set(results) == set(queries)
    errors = {name: r["errors"] for name, r in results.items() if r["errors"] and name not in bad}
    assert errors == {}
    assert "Invalid input 'RETURN'" in results["bad syntax"]["errors"][0]["message"]
    assert results["bad variable"]["errors"][0]["message"] == "Variable `m` not defined"
    assert results["bad variable"]["errors"][0]["offset"] == 17


def test_closed_port_is_one_clear_error(sample_graph):
    port = closed_port()
    t = time.monotonic()
    with pytest.raises(GraphkitError) as e:
        push(sample_graph, f"bolt://127.0.0.1:{port}", password="x")
    assert time.monotonic() - t < 10
    msg = str(e.value)
    assert msg.startswith(f"cannot reach Neo4j at bolt://127.0.0.1:{port}") and "refused" in msg
    assert "\n" not in msg


def test_a_port_that_speaks_http_is_one_clear_error(servers, sample_graph):
    with pytest.raises(GraphkitError, match=r"cannot reach Neo4j .*looks like HTTP"):
        push(sample_graph, f"bolt://127.0.0.1:{servers['http']}", password="x")
    with pytest.raises(GraphkitError, match=r"routing information.*use bolt://"):
        Neo4jStore.connect(f"neo4j://127.0.0.1:{servers['http']}", password="x", timeout=2)


def test_a_silent_port_times_out(servers):
    t = time.monotonic()
    with pytest.raises(GraphkitError, match="handshake"):
        Neo4jStore.connect(f"bolt://127.0.0.1:{servers['silent']}", password="x", timeout=1)
    assert time.monotonic() - t < 4


def test_uri_must_be_bolt_and_is_required(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(GraphkitError, match="not a Bolt URI"):
        Neo4jStore.connect("http://localhost:7474")
    with pytest.raises(GraphkitError, match="pass --uri"):
        Neo4jStore.connect(None)


def test_push_cli_errors_are_one_line(cli, sample_out, servers):
    port = closed_port()
    for args, env, expect in [
        (["--uri", f"bolt://127.0.0.1:{port}"], {}, f"cannot reach Neo4j at bolt://127.0.0.1:{port}"),
        ([], {"NEO4J_URI": f"bolt://127.0.0.1:{servers['http']}"}, "looks like HTTP"),
    ]:
        r = cli("push", "--graph", sample_out, *args, env={"NEO4J_PASSWORD": "x", **env})
        assert r.returncode != 0
        assert r.stdout == ""
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("graphkit: error: ") and expect in lines[0]
        assert "Traceback" not in r.stderr


def test_query_on_neo4j_errors_are_one_line(cli, sample_out, servers):
    """The query's own first statement connects (no verify_connectivity first): the same
    one-line errors as push, on bolt:// and neo4j://, and a silent port still times out."""
    port = closed_port()
    for uri, expect in [
        (f"bolt://127.0.0.1:{port}", f"cannot reach Neo4j at bolt://127.0.0.1:{port}"),
        (f"neo4j://127.0.0.1:{port}", f"cannot reach Neo4j at neo4j://127.0.0.1:{port}"),
        (f"bolt://127.0.0.1:{servers['http']}", "looks like HTTP"),
        (f"neo4j://127.0.0.1:{servers['http']}", "(is this a Neo4j server? for a single server use bolt://)"),
    ]:
        r = cli("query", "RETURN 1", "--uri", uri, env={"NEO4J_PASSWORD": "x"})
        assert r.returncode == 1 and r.stdout == "" and "Traceback" not in r.stderr
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("graphkit: error: ") and expect in lines[0], lines
    t = time.monotonic()
    with pytest.raises(GraphkitError, match="cannot reach Neo4j .*handshake"):
        with Neo4jStore.connect(f"bolt://127.0.0.1:{servers['silent']}", password="x", timeout=1,
                                verify=False) as store:
            store.stream("RETURN 1")
    assert time.monotonic() - t < 4


@pytest.mark.parametrize("uri, expect", [
    ("bolt://127.0.0.1:70000", "port must be 1-65535"),
    ("bolt://127.0.0.1:0", "port 0 is out of range (1-65535)"),
    ("bolt://:7687", "no host (e.g. bolt://localhost:7687)"),
    ("bolt://", "no host"),
    ("bolt://localhost:", "empty port"),
    ("bolt://localhost:abc", "port must be 1-65535"),
    ("http://localhost:7474", "not a Bolt URI"),
])
def test_push_rejects_bad_addresses_before_connecting(cli, tmp_path, uri, expect):
    r = cli("push", "--graph", tmp_path, "--uri", uri, env={"NEO4J_PASSWORD": "x"})
    assert r.returncode == 1 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("graphkit: error: ") and expect in lines[0], lines


def test_upper_case_schemes_are_accepted(cli, sample_out):
    from graphkit.store.neo4j import check_uri

    port = closed_port()
    r = cli("push", "--graph", sample_out, "--uri", f"BOLT://127.0.0.1:{port}", env={"NEO4J_PASSWORD": "x"})
    assert r.returncode == 1 and f"cannot reach Neo4j at bolt://127.0.0.1:{port}" in r.stderr

    assert check_uri("BOLT://LocalHost:7687") == "bolt://LocalHost:7687"
    assert check_uri("Neo4j+S://db.example:7687") == "neo4j+s://db.example:7687"
    with pytest.raises(GraphkitError, match="cannot reach Neo4j at bolt://127.0.0.1"):
        Neo4jStore.connect(f"BOLT://127.0.0.1:{closed_port()}", password="x")


def test_a_missing_password_is_asked_for_up_front(cli, sample_out, monkeypatch):
    # stdin not a terminal: one line, before any connection (a closed port is never tried)
    port = closed_port()
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    import subprocess
    import sys

    for cmd in (["push", "--graph", str(sample_out)], ["query", "RETURN 1"]):
        r = subprocess.run([sys.executable, "-m", "graphkit", *cmd, "--uri", f"bolt://127.0.0.1:{port}"],
                           env={**env, "GRAPHKIT_PROGRESS": "0"}, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, timeout=120)
        assert r.returncode == 1 and r.stdout == ""
        assert r.stderr.strip() == (f"graphkit: error: no password for neo4j at bolt://127.0.0.1:{port}: "
                                    "pass --password or set NEO4J_PASSWORD (stdin is not a terminal, "
                                    "so graphkit cannot ask)")
    # on a terminal it asks (getpass), then connects
    from graphkit.store import neo4j as n4

    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)

    class Tty:
        def isatty(self):
            return True

    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "typed")
    assert n4.ask_password(f"bolt://127.0.0.1:{port}", None, None, stdin=Tty()) == "typed"
    assert asked == [f"Neo4j password for neo4j at bolt://127.0.0.1:{port}: "]
    assert n4.ask_password("bolt://h:1", None, "", stdin=Tty()) == ""  # --password '' is a password


def test_ctrl_c_during_push_is_one_line(servers, sample_out):
    """SIGINT while push waits on a silent server: one line, exit 130, no traceback."""
    import signal
    import subprocess
    import sys

    HANDSHAKE.clear()
    p = subprocess.Popen([sys.executable, "-m", "graphkit", "push", "--graph", str(sample_out), "--uri",
                          f"bolt://127.0.0.1:{servers['silent']}"],
                         env={**os.environ, "NEO4J_PASSWORD": "x", "GRAPHKIT_PROGRESS": "0"},
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert HANDSHAKE.wait(120), "push never reached the server"  # now waiting on its answer
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 130 and out == ""
    assert err.strip() == "graphkit: interrupted", err
