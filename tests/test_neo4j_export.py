"""Bulk-load exports: `--to neo4j-csv` (neo4j-admin import headers, typed columns, arrays) and
`--to cypher` (a cypher-shell script whose data statements, executed on the embedded FalkorDB
store, rebuild the graph with tricky strings intact; Neo4j's parser checks its statements in
tests/test_neo4j_push.py)."""

from __future__ import annotations

import csv
import os
from collections import Counter
from pathlib import Path

import pytest

from graphkit.exporters import export
from graphkit.exporters.neo4j_csv import ARRAY_DELIMITER, column_type
from graphkit.graph import read_graph_json
from graphkit.store.embedded import EmbeddedStore
from graphkit.cypher.literals import props
from graphkit.store.server import EmbeddedServer

TRICKY = Path(__file__).parent / "fixtures" / "store" / "tricky_graph.json"


@pytest.fixture(scope="module")
def tricky():
    return read_graph_json(TRICKY)


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def typed(cell: str, typ: str):
    if cell == "":
        return None
    if typ.endswith("[]"):
        return [typed(x, typ[:-2]) for x in cell.split(ARRAY_DELIMITER)]
    return {"long": int, "double": float, "boolean": lambda s: s == "true"}.get(typ, str)(cell)


def test_column_types():
    assert column_type([1, 2, None]) == "long"
    assert column_type([1, 2.5]) == "double"
    assert column_type([True]) == "boolean"
    assert column_type([["a"], ["b", "c"]]) == "string[]"
    assert column_type([[1, 2], [3]]) == "long[]"
    assert column_type([1, "a"]) == "string"


def test_neo4j_csv_round_trips_the_tricky_graph(tmp_path, tricky):
    out = export(tricky, tmp_path / "imp", "neo4j-csv")
    names = sorted(p.name for p in out.iterdir())
    assert "nodes_Paper.csv" in names and "nodes_Entity_Benchmark.csv" in names
    assert "rels_MENTIONS.csv" in names and "import.sh" in names and "schema.cypher" in names
    seen = {}
    for f in out.glob("nodes_*.csv"):
        header, rows = read_csv(f)
        assert header[:2] == ["id:ID", ":LABEL"]
        for row in rows:
            d = {h.split(":")[0]: typed(c, h.split(":", 1)[1]) for h, c in zip(header[2:], row[2:])}
            seen[row[0]] = ({k: v for k, v in d.items() if v is not None}, row[1].split(ARRAY_DELIMITER))
    assert set(seen) == set(tricky.nodes)
    for n, d in tricky.nodes(data=True):
        got, labels = seen[n]
        want = {k: v for k, v in props(d, skip=("label",)).items() if v != [] and k != "id"}
        assert got == want, n
        assert labels == (["Entity", d["type"]] if d["label"] == "Entity" else ["Paper"])
    rels = Counter()
    for f in out.glob("rels_*.csv"):
        header, rows = read_csv(f)
        assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
        for row in rows:
            rels[(row[0], row[1], row[2])] += 1
            if row[2] == "MENTIONS":
                d = tricky.edges[row[0], row[1], "MENTIONS"]
                cols = dict(zip(header[3:], row[3:]))
                assert typed(cols["evidence:string[]"], "string[]") == d["evidence"]
                assert typed(cols["count:long"], "long") == d["count"]
    assert rels == Counter((u, v, k) for u, v, k in tricky.edges(keys=True))


def test_import_command_names_every_file(tmp_path, tricky):
    out = export(tricky, tmp_path / "imp", "neo4j-csv")
    script = (out / "import.sh").read_text()
    cmd = script.strip().splitlines()[-1]
    assert cmd.startswith("neo4j-admin database import full neo4j --overwrite-destination "
                          "--array-delimiter=U+001F --multiline-fields=true")
    for f in out.glob("nodes_*.csv"):
        assert f"--nodes={f.name}" in cmd
    for f in out.glob("rels_*.csv"):
        assert f"--relationships={f.name}" in cmd
    assert os.access(out / "import.sh", os.X_OK)


def test_neo4j_csv_of_the_sample_has_every_node_and_edge(cli, sample_out, sample_graph, tmp_path):
    r = cli("export", "--graph", sample_out, "--to", "neo4j-csv", "-o", tmp_path / "imp")
    assert r.returncode == 0, r.stderr
    out = Path(r.stdout.strip())
    nodes = sum(len(read_csv(f)[1]) for f in out.glob("nodes_*.csv"))
    rels = sum(len(read_csv(f)[1]) for f in out.glob("rels_*.csv"))
    assert (nodes, rels) == (sample_graph.number_of_nodes(), sample_graph.number_of_edges())


def data_statements(script: str) -> list[str]:
    return [line[:-1] for line in script.splitlines()
            if line.startswith("UNWIND ") and line.endswith(";")]


def test_cypher_script_rebuilds_the_graph_on_falkordb(tmp_path, tricky):
    path = export(tricky, tmp_path / "graph.cypher", "cypher", batch_size=2)
    script = path.read_text(encoding="utf-8")
    assert script.count("CREATE CONSTRAINT") == 2
    statements = data_statements(script)
    assert len(statements) >= 8  # batches of 2
    store = EmbeddedStore(EmbeddedServer(tmp_path / "script.falkordb"))
    with store:
        created = Counter()
        for st in statements:
            created.update(store.write(st))
        assert created["nodes_created"] == tricky.number_of_nodes()
        assert created["relationships_created"] == tricky.number_of_edges()
        again = Counter()
        for st in statements:  # idempotent
            again.update(store.write(st))
        assert again["nodes_created"] == 0 and again["relationships_created"] == 0
        title = store.query("MATCH (p:Paper {id: 'arxiv:2401.00001'}) RETURN p.title").rows[0][0]
        assert title == tricky.nodes["arxiv:2401.00001"]["title"]
        assert '"' in title and "\\" in title and "`" in title and "\n" in title
        assert store.query("MATCH (e:Method) RETURN e.name, e.aliases").rows == [['Q"uote\\Net`', ["Q'Net"]]]
        store.close(save=False)


def test_cypher_export_cli(cli, sample_out, sample_graph, tmp_path):
    r = cli("export", "--graph", sample_out, "--to", "cypher", "-o", tmp_path / "g.cypher")
    assert r.returncode == 0, r.stderr
    script = Path(r.stdout.strip()).read_text(encoding="utf-8")
    stmts = data_statements(script)
    assert sum(1 for s in stmts if "MERGE (n:Paper" in s) == -(-sum(
        1 for _, d in sample_graph.nodes(data=True) if d["label"] == "Paper") // 500)
