"""A graph.json that is not graphkit's node-link JSON (hand-edited to `[]`, another JSON
document, binary) is one error line naming the file in every command that reads it."""

from __future__ import annotations

import json

import pytest

from helpers.cli import gk

BAD = {
    "empty list": "[]",
    "a string": '"graph"',
    "an object without nodes": '{"edges": []}',
    "nodes not a list": '{"nodes": 3, "edges": []}',
    "a node without id": '{"nodes": [{"label": "Paper"}], "edges": []}',
    "an edge to no node": '{"nodes": [{"id": "a"}], "edges": [{"source": "a", "target": "b"}]}',
    "truncated": '{"nodes": [{"id": "a"}',
    "not JSON": "\x00\x01binary\xff",
    "deeply nested": "[" * 100000 + "]" * 100000,
}




@pytest.mark.parametrize("what", list(BAD))
@pytest.mark.parametrize("command", ["stats", "html", "export"])
def test_bad_graph_json_is_one_line_in_every_reader(what, command, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GRAPHKIT_PROGRESS", "0")
    graph = tmp_path / "graph.json"
    graph.write_bytes(BAD[what].encode("utf-8", "surrogateescape") if what != "not JSON"
                      else b"\x00\x01binary\xff")
    args = {"stats": ["stats", "--graph", tmp_path],
            "html": ["html", "--graph", tmp_path, "-o", tmp_path / "v.html"],
            "export": ["export", "--graph", tmp_path, "--to", "graphml", "-o", tmp_path / "g.graphml"]}[command]
    code, out, err = gk(capsys, *args)
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"graphkit: error: {graph}: not a graphkit graph.json")
    assert not (tmp_path / "v.html").exists() and not (tmp_path / "g.graphml").exists()


def test_a_valid_graph_still_loads(sample_out, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("GRAPHKIT_PROGRESS", "0")
    code, out, err = gk(capsys, "stats", "--graph", sample_out, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["counts"]["nodes"] > 500
