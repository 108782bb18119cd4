"""`graphkit query` through the CLI (in process; a real subprocess where the process is the
point): formats, parameters, query files, errors as one line, no server left behind (checked
while the test process is still alive), and a start-up path free of heavy imports."""

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
    r = cli("query", 'CREATE (:Note {text: "it\'s kept"})', "--graph", tmp_path, "--write")
    assert r.returncode == 0 and "nodes created: 1" in r.stdout
    assert run_query("MATCH (n:Note) RETURN n.text", graph_dir=tmp_path).rows == [["it's kept"]]


def test_query_is_read_only_unless_write(cli, sample_out, tmp_path):
    import shutil

    shutil.copy(sample_out / "graph.falkordb", tmp_path / "graph.falkordb")
    before = run_query("MATCH (n) RETURN count(n)", graph_dir=tmp_path).rows
    r = cli("query", "MATCH (n) DETACH DELETE n", "--graph", tmp_path)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip() == ("graphkit: error: this query writes to the store; graphkit query "
                                "is read-only unless --write is given")
    assert run_query("MATCH (n) RETURN count(n)", graph_dir=tmp_path).rows == before != [[0]]


def test_limit_and_streamed_formats(cli, sample_out):
    full = cli("query", "MATCH (e:Entity) RETURN e.name AS name ORDER BY name", "--graph", sample_out,
               "--format", "csv")
    names = full.stdout.splitlines()[1:]
    assert len(names) > 50
    r = cli("query", "MATCH (e:Entity) RETURN e.name AS name ORDER BY name", "--graph", sample_out,
            "--format", "csv", "--limit", "5")
    assert r.returncode == 0 and r.stdout.splitlines() == ["name"] + names[:5]
    import json

    r = cli("query", "MATCH (e:Entity) RETURN e.name AS name, e.df AS df ORDER BY name", "--graph",
            sample_out, "--format", "json", "--limit", "3")
    assert [x["name"] for x in json.loads(r.stdout)] == names[:3]
    r = cli("query", "MATCH (e:Entity) RETURN e.name AS name ORDER BY name", "--graph", sample_out,
            "--limit", "2")
    assert r.stdout.splitlines()[-1] == "(2 rows)" and len(r.stdout.splitlines()) == 5
    r = cli("query", "MATCH (e:Entity) RETURN e.name LIMIT 0", "--graph", sample_out, "--format", "json")
    assert r.stdout == "[]\n"


def test_streamed_output_equals_formatted_output(sample_out):
    import io

    from graphkit.store.query import open_query
    from graphkit.store.result import format_result, write_result

    q = "MATCH (p:Paper)-[m:MENTIONS]->(e) RETURN p, m, e.name AS name, e.aliases AS al ORDER BY name LIMIT 40"
    full = run_query(q, graph_dir=sample_out)
    for fmt in ("table", "json", "csv"):
        with open_query(q, graph_dir=sample_out) as streamed:
            buf = io.StringIO()
            write_result(streamed, fmt, buf)
        assert buf.getvalue() == format_result(full, fmt)


def test_big_answers_stream_in_bounded_memory(cli, sample_out):
    """64k+ rows: peak memory of the query process stays far below the answer's size as
    Python objects (the rows are converted and printed one at a time)."""
    import resource
    import subprocess
    import sys

    q = ("UNWIND range(1, 70000) AS i RETURN i, 'row number ' + toString(i) AS text, "
         "[i, i + 1, i + 2] AS xs")
    code = ("import resource, runpy, sys\n"
            "sys.argv = ['graphkit', 'query', sys.argv[1], '--graph', sys.argv[2], '--format', 'json']\n"
            "try:\n    runpy.run_module('graphkit', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n")
    p = subprocess.run([sys.executable, "-c", code, q, str(sample_out)], capture_output=True, text=True,
                       timeout=300)
    assert p.stdout.count('"text": "row number ') == 70000
    peak_kb = int(p.stderr.strip().splitlines()[-1])
    assert peak_kb < 700_000, peak_kb  # the whole answer as dicts + one JSON string: ~1.5 GB


def test_stale_store_is_reported_by_query_and_stats(cli, sample_out, tmp_path):
    import os
    import shutil
    import time

    for f in ("graph.json", "graph.falkordb"):
        shutil.copy(sample_out / f, tmp_path / f)
    r = cli("query", "RETURN 1 AS x", "--graph", tmp_path)
    assert r.returncode == 0 and "older than" not in r.stderr
    t = time.time()
    os.utime(tmp_path / "graph.falkordb", (t - 100, t - 100))
    for args in (("query", "RETURN 1 AS x"), ("stats",)):
        r = cli(*args, "--graph", tmp_path)
        assert r.returncode == 0, r.stderr
        assert "graph.falkordb is older than" in r.stderr and "graph.json" in r.stderr


def test_a_killed_run_leaves_no_falkor_folder(sample_out, tmp_path):
    """kill -9 of a query process leaves its graphkit-falkor-PID-* folder; the next run removes
    it (and never touches a live run's folder)."""
    import os
    import signal
    import subprocess
    import sys
    import tempfile
    import time

    from graphkit.store.server import TMP_PREFIX, clean_stale_tmp

    import shutil

    tmp = Path(tempfile.mkdtemp(prefix="gk-", dir="/tmp"))  # short: unix socket paths are < 108 bytes
    shutil.copy(sample_out / "graph.falkordb", tmp_path / "g.falkordb")
    env = {**os.environ, "TMPDIR": str(tmp)}
    code = ("import time\nfrom graphkit.store.server import EmbeddedServer\n"
            f"s = EmbeddedServer({str(tmp_path / 'g.falkordb')!r}).start()\nprint('up', flush=True)\n"
            "time.sleep(60)\n")
    p = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "up"
    left = list(tmp.glob(TMP_PREFIX + "*"))
    assert len(left) == 1 and left[0].name.startswith(f"{TMP_PREFIX}{p.pid}-")
    assert clean_stale_tmp(str(tmp)) == 0  # alive: kept
    p.send_signal(signal.SIGKILL)
    p.wait()
    time.sleep(0.2)
    assert left[0].exists()
    r = subprocess.run([sys.executable, "-m", "graphkit", "query", "RETURN 1", "--graph",
                        str(tmp_path / "g.falkordb")], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert not left[0].exists()
    assert not list(tmp.glob(TMP_PREFIX + "*"))
    shutil.rmtree(tmp, ignore_errors=True)
    del r


def test_a_backtick_in_a_param_map_key_is_one_line(cli, sample_out):
    r = cli("query", "RETURN $v AS v", "--graph", sample_out, "--param", 'v={"a`b":1}')
    assert r.returncode == 1 and r.stdout == "" and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == [
        "graphkit: error: parameter $v: the map key 'a`b' holds a backtick, which the embedded "
        "store (FalkorDB) cannot parse in any quoting; rename the key, or run the query on Neo4j "
        "with --uri"]
    r = cli("query", "RETURN $v AS v", "--graph", sample_out, "--param", 'v={"ab":"x``y"}', "-f", "json")
    assert r.returncode == 0 and '"ab": "x``y"' in r.stdout  # backticks in values are fine


def test_no_store_is_a_clear_error(cli, tmp_path):
    r = cli("query", "RETURN 1", "--graph", tmp_path)
    assert r.returncode == 1 and "no embedded store here (run `graphkit build" in r.stderr


def test_query_start_up_imports_nothing_heavy(sample_out):
    """The < 0.5 s budget: `graphkit query` must not import spaCy, networkx, numpy, pyvis, neo4j,
    pydantic (typer >= 0.29), the readers or the other commands' modules."""
    import subprocess

    code = ("import sys, runpy; sys.argv = ['graphkit', 'query', 'RETURN 1 AS x', '--graph', sys.argv[1]]\n"
            "try:\n    runpy.run_module('graphkit', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in ('spacy', 'networkx', 'numpy', 'pyvis', 'neo4j', 'redis', 'scipy', 'pydantic', 'graphkit.readers', 'graphkit.model', 'graphkit.cli.build', 'graphkit.cli.fetch') if m in sys.modules)\n"
            "print('HEAVY', heavy)")
    r = subprocess.run([sys.executable, "-c", code, str(sample_out)], capture_output=True, text=True,
                       env=dict(os.environ, GRAPHKIT_PROGRESS="0"), timeout=60)
    assert "HEAVY []" in r.stdout, r.stdout + r.stderr


def test_the_driver_import_leaves_numpy_and_the_collector_as_they_were():
    """`query --uri` imports the Neo4j driver without numpy and with the cyclic GC paused
    (graphkit.store.neo4j._import_driver): afterwards numpy still imports and the collector
    is on again, or still off when the caller had turned it off."""
    import subprocess

    code = ("import gc, sys\n"
            "if sys.argv[1] == 'off': gc.disable()\n"
            "from graphkit.store.neo4j import _import_driver\n"
            "GraphDatabase = _import_driver()\n"
            "print('NUMPY', 'numpy' in sys.modules, 'GC', gc.isenabled(), GraphDatabase.__name__)\n"
            "import numpy\n"
            "print('LATER', numpy.__name__)\n")
    for state, enabled in (("on", True), ("off", False)):
        r = subprocess.run([sys.executable, "-c", code, state], capture_output=True, text=True,
                           timeout=60)
        assert f"NUMPY False GC {enabled} GraphDatabase" in r.stdout, r.stdout + r.stderr
        assert "LATER numpy" in r.stdout, r.stdout + r.stderr


def test_only_a_process_run_freezes_the_heap_at_exit(cli, sample_out):
    """The console script (main() without argv) gc.freeze()s at the end, so the interpreter's
    exit skips a last walk of the heap; an in-process main([...]) leaves the caller's
    collector alone."""
    import gc
    import subprocess

    before = gc.get_freeze_count()
    assert cli("query", "RETURN 1 AS x", "--graph", sample_out).returncode == 0
    assert gc.get_freeze_count() == before and gc.isenabled()
    code = ("import gc, sys, runpy; sys.argv = ['graphkit', 'query', 'RETURN 1 AS x', '--graph', sys.argv[1]]\n"
            "try:\n    runpy.run_module('graphkit', run_name='__main__')\n"
            "except SystemExit as e:\n    print('EXIT', e.code, 'FROZEN', gc.get_freeze_count() > 0)\n")
    r = subprocess.run([sys.executable, "-c", code, str(sample_out)], capture_output=True, text=True,
                       env=dict(os.environ, GRAPHKIT_PROGRESS="0"), timeout=60)
    assert "EXIT 0 FROZEN True" in r.stdout, r.stdout + r.stderr
    assert r.stdout.startswith("x\n-") and "(1 row)" in r.stdout
