"""`graphkit build` end to end on the bundled sample, checked through the library."""

import json

import networkx as nx
import pytest

from graphkit.cli import load_commands
from graphkit.graph import read_graph_json


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample_dir, cli):
    out = tmp_path_factory.mktemp("cli-build") / "out"
    proc = cli("build", sample_dir, "--out", out)
    return proc, out


def test_build_sample_writes_outputs(built):
    proc, out = built
    assert proc.returncode == 0, proc.stderr
    for name in ("graph.json", "graph.html"):
        assert (out / name).stat().st_size > 0
        assert f"wrote     {out / name}" in proc.stdout
    assert "papers    190 (20 duplicates merged" in proc.stdout
    assert "skipped   0 (none)" in proc.stdout


def test_graph_json_has_190_papers(built):
    _, out = built
    data = json.loads((out / "graph.json").read_text())
    assert sum(1 for n in data["nodes"] if n["label"] == "Paper") == 190
    G = read_graph_json(out)
    assert isinstance(G, nx.MultiDiGraph)
    papers = [d for _, d in G.nodes(data=True) if d["label"] == "Paper"]
    assert len(papers) == 190 and all(d["title"] and d["abstract"] for d in papers)
    ents = [d for _, d in G.nodes(data=True) if d["label"] == "Entity"]
    assert ents and all(d["id"].startswith(d["type"].lower() + ":") for d in ents)
    assert all(d.get("type") for _, _, d in G.edges(data=True))


def test_html_is_one_page(built):
    _, out = built
    html = (out / "graph.html").read_text()
    assert html.lstrip().lower().startswith("<!doctype html") or html.lstrip().startswith("<html")
    assert "</html>" in html


def test_update_with_same_input_reuses_cache(built, cli, tmp_path):
    _, out = built
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    proc = cli("build", "data", "--out", copy, "--update", "--no-html", "--no-store", "--json")
    s = json.loads(proc.stdout)
    assert s["extracted"] == 0 and s["reused_from_cache"] == 190
    assert s["papers"] == 190 and s["papers_before_update"] == 190


def test_python_dash_m_and_version_of_help(cli_process):
    """A real `python -m graphkit` (the other CLI tests run in process)."""
    proc = cli_process("--help")
    assert proc.returncode == 0 and "Example" in proc.stdout and "build" in proc.stdout


def test_every_command_help_has_an_example(cli):
    names = [c.name or c.callback.__name__ for c in load_commands().registered_commands]
    assert {"build", "extract", "export"} <= set(names)
    for name in names:
        proc = cli(name, "--help")
        assert proc.returncode == 0, name
        assert "Example" in proc.stdout, f"`graphkit {name} --help` shows no example"
        assert "graphkit " + name in proc.stdout, name


def test_progress_goes_to_stderr_and_data_to_stdout(cli, tmp_path, fixtures_dir):
    proc = cli("extract", fixtures_dir / "readers" / "papers.jsonl", "--format", "jsonl",
               env={"GRAPHKIT_PROGRESS": "1"})
    assert proc.returncode == 0, proc.stderr
    assert "extracting" in proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["arxiv:2509.01106", "arxiv:2304.00111", "arxiv:2209.07753", "arxiv:2401.16013"]
    assert all({"id", "title", "entities"} <= set(r) for r in rows)
