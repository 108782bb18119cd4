"""`graphkit query` through a real subprocess: formats, parameters, query files, errors as one
line, no server left behind, and a start-up path free of heavy imports."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path

import pytest

from graphkit.store.embedded import EmbeddedStore
from graphkit.store.query import load_query, parse_params, run_query

CYPHER = Path(__file__).resolve().parents[1] / "cypher"
ONE_HOP = "MATCH (p:Paper)-[m:MENTIONS]->(e:Entity {name: $name}) RETURN p.id AS id, m.count AS n ORDER BY id"


def servers_on(folder: Path) -> list[int]:
    """redis-server processes still serving a store in ``folder``."""
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                cmd = (d / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if cmd and cmd[0].endswith(b"redis-server") and str(folder).encode() in cmd:
                pids.append(int(d.name))
    return pids


def test_params_are_json_when_they_parse():
    assert parse_params(["name=LIBERO", "k=5", "xs=[1, 2]", "s=\"5\"", "$t=true"]) == {
        "name": "LIBERO", "k": 5, "xs": [1, 2], "s": "5", "t": True}


def test_query_files_declare_defaults(tmp_path):
    f = tmp_path / "q.cypher"
    f.write_text("// @param name = \"LIBERO\"\n// @param k = 3\nMATCH (e {name: $name}) RETURN e LIMIT $k;\n")
    q = load_query(str(f))
    assert q.defaults == {"name": "LIBERO", "k": 3}
    assert q.parameters == ["name", "k"] and not q.text.endswith(";")
    assert load_query("RETURN '$notaparam' AS x // $nor").parameters == []


def test_table_json_and_csv(cli, sample_out, sample_graph):
    name = max((d for _, d in sample_graph.nodes(data=True) if d["label"] == "Entity"),
               key=lambda d: d["df"])["name"]
    want = run_query(ONE_HOP, graph_dir=sample_out, params={"name": name})
    assert len(want.rows) > 1
    r = cli("query", ONE_HOP, "--graph", sample_out, "--param", f"name={name}", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == want.records()
    r = cli("query", ONE_HOP, "-g", sample_out, "-p", f"name={name}", "-f", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == ["id", "n"] and [[a, int(b)] for a, b in rows[1:]] == want.rows
    r = cli("query", ONE_HOP, "-g", sample_out, "-p", f"name={name}")
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["id", "n"] and lines[-1] == f"({len(want.rows)} rows)"
    assert not servers_on(sample_out)


def test_library_files_run_from_the_cli(cli, sample_out):
    # a few through the CLI (each is a process start); all of them: tests/test_cypher_library.py
    files = [CYPHER / f for f in ("papers_using_benchmark.cypher", "largest_communities.cypher",
                                  "related_papers.cypher", "schema_overview.cypher")]
    with EmbeddedStore.open(sample_out) as store:
        for f in files:
            q = load_query(str(f))
            want = store.query(q.text, {k: q.defaults[k] for k in q.parameters}).records()
            r = cli("query", f"cypher/{f.name}", "--graph", sample_out, "--format", "json")
            assert r.returncode == 0, (f.name, r.stderr)
            assert json.loads(r.stdout) == json.loads(json.dumps(want)), f.name
    assert not servers_on(sample_out)


@pytest.mark.parametrize("args, message", [
    (["MATCH (p:Paper\nRETURN p"], "query error at offset 15 (line 2, column 1): Invalid input 'R'"),
    (["MATCH (e:Entity {name: $name}) RETURN e"], "missing parameter $name (pass --param name=VALUE)"),
    (["RETURN 1", "--param", "oops"], "--param 'oops': expected NAME=VALUE"),
    (["RETURN 1", "--format", "xml"], "unknown format 'xml'"),
    (["cypher/no_such_file.cypher"], "cypher/no_such_file.cypher: no such query file"),
])
def test_errors_are_one_line(cli, sample_out, args, message):
    r = cli("query", *args, "--graph", sample_out)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip().splitlines() == [r.stderr.strip()]
    assert message in r.stderr and "Traceback" not in r.stderr
    assert not servers_on(sample_out)


def test_a_write_query_persists(cli, sample_out, tmp_path):
    import shutil

    shutil.copy(sample_out / "graph.falkordb", tmp_path / "graph.falkordb")
    r = cli("query", 'CREATE (:Note {text: "it\'s kept"})', "--graph", tmp_path)
    assert r.returncode == 0 and "nodes created: 1" in r.stdout
    assert run_query("MATCH (n:Note) RETURN n.text", graph_dir=tmp_path).rows == [["it's kept"]]


def test_no_store_is_a_clear_error(cli, tmp_path):
    r = cli("query", "RETURN 1", "--graph", tmp_path)
    assert r.returncode == 1 and "no embedded store here (run `graphkit build" in r.stderr


def test_query_start_up_imports_nothing_heavy(sample_out):
    """The < 0.5 s budget: `graphkit query` must not import spaCy, networkx, numpy, pyvis, neo4j."""
    import subprocess

    code = ("import sys, runpy; sys.argv = ['graphkit', 'query', 'RETURN 1 AS x', '--graph', sys.argv[1]]\n"
            "try:\n    runpy.run_module('graphkit', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in ('spacy', 'networkx', 'numpy', 'pyvis', 'neo4j', 'redis', 'scipy') if m in sys.modules)\n"
            "print('HEAVY', heavy)")
    r = subprocess.run([sys.executable, "-c", code, str(sample_out)], capture_output=True, text=True,
                       env=dict(os.environ, GRAPHKIT_PROGRESS="0"), timeout=60)
    assert "HEAVY []" in r.stdout, r.stdout + r.stderr
