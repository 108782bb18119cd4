"""``graphkit html`` through the CLI (run in process), checked against the library."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import networkx as nx

from graphkit.graph import read_graph_json

HOSTILE = Path(__file__).parent / "fixtures" / "html" / "hostile-graph.json"


def page_data(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'id="graphkit-data">(.*?)</script>', html, re.S).group(1))


def test_html_focus_depth_writes_the_ego_network(cli, sample_out, sample_graph, tmp_path):
    ent = max((n for n, d in sample_graph.nodes(data=True) if d["label"] == "Entity"),
              key=lambda n: sample_graph.nodes[n]["df"])
    name = sample_graph.nodes[ent]["name"]
    out = tmp_path / "ego.html"
    r = cli("html", "--graph", sample_out, "-o", out, "--focus", name, "--depth", "1", "--title", "Ego")
    assert r.returncode == 0, r.stderr
    ego = nx.ego_graph(sample_graph.to_undirected(as_view=True), ent, radius=1)
    data = page_data(out)
    assert {n["id"] for n in data["nodes"]} == set(ego.nodes)
    assert data["nodes"][data["focus"]]["id"] == ent
    assert data["title"] == "Ego"
    first = r.stdout.splitlines()[0]
    assert first == f"{out}: {len(ego):,} nodes, {sample_graph.subgraph(ego.nodes).number_of_edges():,} edges"
    assert f"neighbourhood of {name}" in r.stdout


def test_html_types_and_max_nodes(cli, sample_out, sample_graph, tmp_path):
    out = tmp_path / "papers.html"
    r = cli("html", "-g", sample_out, "-o", out, "--types", "Paper", "--max-nodes", "50")
    assert r.returncode == 0, r.stderr
    data = page_data(out)
    assert len(data["nodes"]) == 50 and {n["k"] for n in data["nodes"]} == {"Paper"}
    total = sample_graph.number_of_nodes()
    assert f"Showing 50 of {total:,} nodes" in r.stdout
    assert f"Showing 50 of {total:,} nodes" in data["notice"]
    left: dict[str, int] = {}
    for _, d in sample_graph.nodes(data=True):
        if d["label"] == "Entity":
            left[d["type"]] = left.get(d["type"], 0) + 1
    left["Paper"] = total - sum(left.values()) - 50
    for kind, n in left.items():
        assert f"{n:,} {kind}" in r.stdout


def test_html_reads_a_graph_json_file_too(cli, tmp_path):
    d = tmp_path / "g"
    d.mkdir()
    shutil.copy(HOSTILE, d / "graph.json")
    r = cli("html", "-g", d, "-o", tmp_path / "h.html", "--types", "paper,robot")
    assert r.returncode == 0, r.stderr
    G = read_graph_json(HOSTILE)
    kinds = {k["kind"]: k["count"] for k in page_data(tmp_path / "h.html")["kinds"]}
    papers = sum(1 for _, x in G.nodes(data=True) if x["label"] == "Paper")
    assert kinds == {"Paper": papers, "Robot": 1}


def test_html_user_errors_are_one_line(cli, sample_out, tmp_path):
    for args, msg in [(["--focus", "zzzz no such thing"], "no paper or entity matches"),
                      (["--types", "Robotz"], "unknown type 'Robotz'")]:
        r = cli("html", "-g", sample_out, "-o", tmp_path / "x.html", *args)
        assert r.returncode == 1
        assert r.stderr.startswith("graphkit: error: ") and msg in r.stderr
        assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
        assert not (tmp_path / "x.html").exists()
    r = cli("html", "-g", tmp_path / "nothing-here", "-o", tmp_path / "x.html")
    assert r.returncode == 1 and "no graph here" in r.stderr


def test_html_help_shows_examples(cli):
    r = cli("html", "--help")
    assert r.returncode == 0
    assert "Example" in r.stdout and "--focus" in r.stdout and "--max-nodes" in r.stdout
