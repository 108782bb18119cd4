"""``graphkit stats``: table on a terminal, JSON with --format json, same as the library."""

from __future__ import annotations

import json

import pytest

from graphkit.graph import graph_stats, read_graph_json
from graphkit.pipeline import build


@pytest.fixture(scope="module")
def small_out(tmp_path_factory, fixtures_dir):
    out = tmp_path_factory.mktemp("stats")
    g = fixtures_dir / "graph"
    build([g / "part1.jsonl", g / "part2.jsonl", g / "refs.jsonl"], out, html=False, store=False)
    return out


def test_stats_json_matches_library(cli, small_out):
    r = cli("stats", "--graph", small_out, "--format", "json")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert s == json.loads(json.dumps(graph_stats(read_graph_json(small_out))))
    assert s["counts"]["nodes_by_label"]["Paper"] == 10
    top = s["most_built_on"][0]
    assert top["builds_on_in"] >= 2
    assert s["issues"]["papers_without_entities"] == 1


def test_stats_table(cli, small_out):
    r = cli("stats", "--graph", small_out, "--top", "3")
    assert r.returncode == 0, r.stderr
    for heading in ("nodes", "Top entities per type", "Largest communities", "Most built-on papers"):
        assert heading in r.stdout
    assert "OpenVLA" in r.stdout and r.stderr == ""


def test_stats_errors(cli, small_out, tmp_path):
    r = cli("stats", "--graph", tmp_path / "missing")
    assert r.returncode != 0 and r.stdout == "" and "no graph here" in r.stderr
    assert "Traceback" not in r.stderr
    r = cli("stats", "--graph", small_out, "--format", "xml")
    assert r.returncode != 0 and "--format" in r.stderr


def test_stats_help_has_example(cli):
    r = cli("stats", "--help")
    assert r.returncode == 0 and "graphkit stats --graph" in r.stdout
