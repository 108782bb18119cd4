"""The HTML view without a browser: selection, layout, payload, escaping, offline page."""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from pathlib import Path

import networkx as nx
import pytest

from graphkit.errors import GraphkitError
from graphkit.graph import read_graph_json
from graphkit.html import find_node, html_document, render_html, select_view, write_view
from graphkit.html.layout import force_layout
from graphkit.html.select import top_connected
from graphkit.html.payload import safe_url, script_json

HOSTILE = Path(__file__).parent / "fixtures" / "html" / "hostile-graph.json"


@pytest.fixture(scope="module")
def hostile():
    return read_graph_json(HOSTILE)


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="graphkit-data">(.*?)</script>', html, re.S)
    assert m, "no data script"
    return json.loads(m.group(1))


def inline_scripts(html: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", html, re.S)


# -- escaping -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "</script><script>alert(1)</script>", "<img src=x onerror=\"document.title='pwned'\">",
    "a & b &lt; c", "line\u2028sep\u2029para", "<!--<script>", "plain"])
def test_script_json_round_trips_and_has_no_markup(text):
    out = script_json({"t": text})
    assert not set(out) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(out) == {"t": text}


def test_safe_url_keeps_only_http_links():
    assert safe_url("https://arxiv.org/abs/2401.00001") == "https://arxiv.org/abs/2401.00001"
    assert safe_url(" http://example.org/x ") == "http://example.org/x"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<b>", "//evil.org", "", None, 3):
        assert safe_url(bad) is None


def test_hostile_titles_never_reach_the_markup(hostile, tmp_path):
    html = render_html(hostile, tmp_path / "h.html", title="<b>My</b> graph").read_text(encoding="utf-8")
    # three scripts of ours: data, vis-network, view; no hostile tag survives as markup
    scripts = re.findall(r"<script[^>]*>.*?</script>", html, re.S)
    assert len(scripts) == 3
    rest = re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S)
    assert "<script" not in rest and "pwned" not in rest
    assert "<img" not in rest and "<svg" not in rest and "<b>" not in rest
    assert "<img" not in scripts[0] and "<svg" not in scripts[0]  # the data
    assert "<title>&lt;b&gt;My&lt;/b&gt; graph</title>" in html
    data = page_data(html)
    titles = {n["t"] for n in data["nodes"]}
    assert "<img src=x onerror=\"document.title='pwned'\">" in titles
    assert "</script><script>window.pwned=2</script>Escaping &lt;entities&gt; & friends" in titles
    links = [url for n in data["nodes"] for _, url in n.get("links", [])]
    assert links and all(u.startswith("https://") for u in links)
    assert not any("javascript" in u for u in links)


def test_page_is_self_contained_and_pinned_by_csp(hostile):
    html = html_document(select_view(hostile))
    # no external reference of any kind
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "<link" not in html and "@import" not in html and "cdn.jsdelivr" not in html
    assert not re.search(r"url\(\s*['\"]?https?:", html, re.I)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    for js in inline_scripts(html):
        digest = base64.b64encode(hashlib.sha256(js.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert len(inline_scripts(html)) == 2


# -- selection ------------------------------------------------------------------------

def test_find_node_by_id_name_alias_and_substring(hostile):
    assert find_node(hostile, "benchmark:libero") == "benchmark:libero"
    assert find_node(hostile, "libero") == "benchmark:libero"  # exact name beats the title containing it
    assert find_node(hostile, "OXE") == "dataset:open x-embodiment"
    assert find_node(hostile, "plain paper") == "title:3fa2"
    with pytest.raises(GraphkitError, match="did you mean: MuJoCo"):
        find_node(hostile, "MuJoCoo")
    with pytest.raises(GraphkitError, match="no paper or entity"):
        find_node(hostile, "zzzz nothing")


def test_focus_depth_gives_the_ego_network(sample_graph):
    ent = max((n for n, d in sample_graph.nodes(data=True) if d["label"] == "Entity"),
              key=lambda n: sample_graph.nodes[n]["df"])
    name = sample_graph.nodes[ent]["name"]
    for depth in (1, 2):
        sel = select_view(sample_graph, focus=name, depth=depth, max_nodes=None)
        ego = nx.ego_graph(sample_graph.to_undirected(as_view=True), ent, radius=depth)
        assert sel.focus == ent
        assert set(sel.graph.nodes) == set(ego.nodes)
        assert sel.graph.number_of_edges() == sample_graph.subgraph(ego.nodes).number_of_edges()
    assert f"neighbourhood of {name}" in sel.notice()


def test_types_filter_and_unknown_type(hostile):
    sel = select_view(hostile, types=["paper", "Benchmark,Simulator"])
    kinds = {d.get("type") or d["label"] for _, d in sel.graph.nodes(data=True)}
    assert kinds == {"Paper", "Benchmark", "Simulator"}
    assert sel.left_out == {"Method": 1, "Dataset": 1, "Robot": 1, "Topic": 1}
    with pytest.raises(GraphkitError, match="unknown type 'Robotz'"):
        select_view(hostile, types=["Robotz"])


def test_max_nodes_keeps_the_most_important_linked_nodes(sample_graph):
    sel = select_view(sample_graph, max_nodes=100)
    H = sel.graph
    assert H.number_of_nodes() == 100
    assert set(H.edges(keys=True)) == {(u, v, k) for u, v, k in sample_graph.edges(keys=True) if u in H and v in H}
    # nothing is left floating: every node has a (non CO_OCCURS) link inside the view
    for n in H:
        assert any(t != "CO_OCCURS" for *_, t in H.in_edges(n, data="type")) or \
            any(t != "CO_OCCURS" for *_, t in H.out_edges(n, data="type"))
    if sel.ranked_by == "PageRank":
        score = {n: sample_graph.nodes[n]["pagerank"] for n in sample_graph}
    else:
        score = dict(sample_graph.degree())
    assert max(sample_graph, key=lambda n: score[n]) in H
    assert sum(sel.left_out.values()) == sample_graph.number_of_nodes() - 100
    notice = sel.notice()
    assert notice.startswith(f"Showing 100 of {sample_graph.number_of_nodes():,} nodes")
    assert f"100 most important nodes by {sel.ranked_by}" in notice
    # no cap, no notice
    assert select_view(sample_graph, max_nodes=0).notice() == ""


def test_top_connected_swaps_isolated_nodes_for_linked_ones():
    G = nx.MultiDiGraph()
    G.add_nodes_from("abcdxyz")
    G.add_edge("b", "c", key="MENTIONS", type="MENTIONS")
    G.add_edge("d", "b", key="MENTIONS", type="MENTIONS")
    G.add_edge("a", "b", key="CO_OCCURS", type="CO_OCCURS")  # does not count as a link
    assert top_connected(G, list("abcd"), 3) == {"b", "c", "d"}
    assert top_connected(G, list("abcd"), 3, focus="a") == {"a", "b", "c"}
    assert top_connected(G, list("xyz"), 2) == {"x", "y"}  # nothing linked: best first


# -- layout ---------------------------------------------------------------------------

def test_layout_is_seeded_finite_and_puts_neighbours_close(sample_graph):
    a = force_layout(sample_graph, seed=3)
    assert a == force_layout(sample_graph, seed=3)
    assert a != force_layout(sample_graph, seed=4)
    assert set(a) == set(sample_graph.nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in a.values())

    def dist(u, v):
        return math.dist(a[u], a[v])

    edges = [dist(u, v) for u, v in sample_graph.edges() if u != v]
    nodes = list(sample_graph)
    pairs = [dist(nodes[i], nodes[(i * 7919 + 13) % len(nodes)]) for i in range(len(nodes))]
    assert sum(edges) / len(edges) < 0.5 * sum(pairs) / len(pairs)


def test_layout_handles_tiny_graphs():
    assert force_layout(nx.MultiDiGraph()) == {}
    G = nx.MultiDiGraph()
    G.add_node("a")
    assert force_layout(G) == {"a": (0.0, 0.0)}


# -- the pipeline's graph.html --------------------------------------------------------

def test_pipeline_graph_html_holds_the_whole_sample(sample_out, sample_graph):
    html = (sample_out / "graph.html").read_text(encoding="utf-8")
    data = page_data(html)
    assert len(data["nodes"]) == sample_graph.number_of_nodes()
    assert len(data["edges"]) == sample_graph.number_of_edges()
    assert {n["id"] for n in data["nodes"]} == {str(n) for n in sample_graph}
    by_kind = {k["kind"]: k["count"] for k in data["kinds"]}
    papers = sum(1 for _, d in sample_graph.nodes(data=True) if d["label"] == "Paper")
    assert by_kind["Paper"] == papers
    assert data["notice"] == ""


def test_write_view_summary_and_parent_folder(hostile, tmp_path):
    view = write_view(hostile, tmp_path / "new" / "v.html", focus="LIBERO", depth=1)
    assert view.path.exists()
    assert view.summary().splitlines()[0] == f"{view.path}: 5 nodes, 9 edges"
    assert "Left out: " in view.summary()


def test_empty_graph_still_gives_a_page(tmp_path):
    html = render_html(nx.MultiDiGraph(), tmp_path / "empty.html").read_text(encoding="utf-8")
    data = page_data(html)
    assert data["nodes"] == [] and data["edges"] == [] and data["kinds"] == []


def test_vis_network_comes_from_the_installed_pyvis_not_a_vendored_copy(hostile):
    import importlib.util
    from importlib import resources

    from graphkit.html.render import VIS_VERSION, vis_network

    assets = {p.name for p in resources.files("graphkit.html").joinpath("assets").iterdir()}
    assert not any(name.startswith("vis-network") for name in assets)
    version, path = vis_network()
    pyvis_root = Path(importlib.util.find_spec("pyvis").submodule_search_locations[0])
    assert version == VIS_VERSION and Path(path).is_relative_to(pyvis_root)
    html = html_document(select_view(hostile))
    vis_js = Path(path).read_text(encoding="utf-8").replace("</script", "<\\/script")
    assert vis_js in inline_scripts(html)
    assert f'content="graphkit (vis-network {VIS_VERSION} from pyvis)"' in html
