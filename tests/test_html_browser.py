"""The HTML view in a real headless Chromium (Debian's; never a downloaded browser).

Skipped when chromium or playwright is missing, unless GRAPHKIT_REQUIRE_BROWSER=1 (CI).
Every page is opened from file:// with all other requests blocked and recorded.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graphkit.graph import read_graph_json
from graphkit.html import render_html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
HOSTILE = Path(__file__).parent / "fixtures" / "html" / "hostile-graph.json"


@pytest.fixture(scope="module")
def browser():
    required = os.environ.get("GRAPHKIT_REQUIRE_BROWSER") == "1"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if required:
            pytest.fail("playwright is not installed and GRAPHKIT_REQUIRE_BROWSER=1")
        pytest.skip("playwright is not installed")
    from helpers.browser import chromium, chromium_path

    if chromium_path() is None:
        if required:
            pytest.fail("chromium is not installed and GRAPHKIT_REQUIRE_BROWSER=1")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with chromium() as ctx:
        yield ctx


@pytest.fixture
def open_view(browser):
    """open_view(path) -> page; asserts afterwards that nothing left file:// and no JS error."""
    from helpers.browser import open_page

    opened = []

    def _open(path):
        page, external, errors = open_page(browser, path)
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        opened.append((page, external, errors, dialogs))
        return page

    yield _open
    for page, external, errors, dialogs in opened:
        assert external == [], f"requests left file://: {external}"
        assert errors == [], f"console errors: {errors}"
        assert dialogs == []
        page.close()


def index_of(page, node_id: str) -> int:
    return page.evaluate("id => graphkit.data.nodes.findIndex(n => n.id === id)", node_id)


def test_sample_renders_every_node_and_edge_offline(open_view, sample_out, sample_graph):
    page = open_view(sample_out / "graph.html")
    counts = page.evaluate("""() => ({
        nodes: graphkit.nodeView.length, edges: graphkit.edgeView.length,
        drawnNodes: graphkit.network.body.nodeIndices.length,
        drawnEdges: graphkit.network.body.edgeIndices.length,
        physics: graphkit.network.physics.physicsEnabled})""")
    hidden_types = {"CO_OCCURS"}  # off by default, one tick away
    expected_edges = sum(1 for *_, t in sample_graph.edges(data="type") if t not in hidden_types)
    assert counts["nodes"] == counts["drawnNodes"] == sample_graph.number_of_nodes()
    assert counts["edges"] == counts["drawnEdges"] == expected_edges
    assert counts["physics"] is False
    status = page.text_content("#gk-status")
    assert status.startswith(f"{sample_graph.number_of_nodes():,} of {sample_graph.number_of_nodes():,} nodes")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sample-graph.png"))
    assert (ARTIFACTS / "sample-graph.png").stat().st_size > 20_000


def test_search_focuses_and_highlights_the_match(open_view, sample_out, sample_graph):
    ent = max((n for n, d in sample_graph.nodes(data=True) if d["label"] == "Entity"),
              key=lambda n: (sample_graph.nodes[n]["df"], n))
    name = sample_graph.nodes[ent]["name"]
    page = open_view(sample_out / "graph.html")
    page.fill("#gk-search", name)
    page.press("#gk-search", "Enter")
    i = index_of(page, ent)
    assert page.evaluate("graphkit.selected") == i
    assert page.evaluate("graphkit.network.getSelectedNodes()") == [i]
    # the node is on screen, left of the detail panel
    box = page.evaluate("""i => { const p = graphkit.network.canvasToDOM(graphkit.network.getPosition(i));
        const c = document.getElementById('gk-network'); return [p.x, p.y, c.clientWidth, c.clientHeight]; }""", i)
    x, y, w, h = box
    assert 0 < x < w - 360 and 0 < y < h
    assert page.is_visible("#gk-panel")
    assert page.text_content("#gk-panel h3") == name
    papers = {u for u, _, t in sample_graph.in_edges(ent, data="type") if t == "MENTIONS"}
    assert f"Papers mentioning it ({len(papers)})" in page.text_content("#gk-panel")
    # its neighbourhood is drawn on top of a dimmed frame
    highlighted = page.evaluate("graphkit.highlighted")
    neighbours = {u for u, _, t in sample_graph.in_edges(ent, data="type") if t != "CO_OCCURS"}
    neighbours |= {v for _, v, t in sample_graph.out_edges(ent, data="type") if t != "CO_OCCURS"}
    assert sorted(highlighted) == sorted([i] + [index_of(page, n) for n in neighbours])
    # a paper title works too, and the panel shows its entities
    paper, title = next((n, d["title"]) for n, d in sample_graph.nodes(data=True)
                        if d["label"] == "Paper" and sample_graph.out_degree(n) >= 3)
    assert page.evaluate("q => graphkit.search(q)", title) == index_of(page, paper)
    ents = {v for _, v, t in sample_graph.out_edges(paper, data="type") if t in ("MENTIONS", "INTRODUCES")}
    assert f"Entities ({len(ents)})" in page.text_content("#gk-panel")
    assert page.evaluate("graphkit.search('zzzz no such thing')") is None
    assert "No paper or entity matches" in page.text_content("#gk-status")


def test_clicking_a_node_opens_its_panel(open_view, tmp_path):
    G = read_graph_json(HOSTILE)
    page = open_view(render_html(G, tmp_path / "h.html"))
    i = index_of(page, "benchmark:libero")
    page.evaluate("graphkit.network.fit({animation: false})")
    xy = page.evaluate("i => graphkit.network.canvasToDOM(graphkit.network.getPosition(i))", i)
    box = page.locator("#gk-network").bounding_box()
    page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
    page.wait_for_function("graphkit.selected !== null")
    assert page.evaluate("graphkit.selected") == i
    assert page.text_content("#gk-panel h3") == "LIBERO"
    panel = page.text_content("#gk-panel")
    assert "Papers mentioning it (2)" in panel and "Mentioned with (2)" in panel
    page.click("#gk-panel-close")
    assert page.evaluate("graphkit.selected") is None and not page.is_visible("#gk-panel")
    assert page.evaluate("graphkit.highlighted") == []


def test_type_filter_and_df_slider_hide_nodes(open_view, sample_out, sample_graph):
    page = open_view(sample_out / "graph.html")
    papers = sum(1 for _, d in sample_graph.nodes(data=True) if d["label"] == "Paper")
    total = sample_graph.number_of_nodes()
    page.uncheck('input[data-kind="Paper"]')
    assert page.evaluate("graphkit.nodeView.length") == total - papers
    assert page.evaluate("graphkit.network.body.nodeIndices.length") == total - papers
    # every MENTIONS edge touches a paper: none is left
    assert page.evaluate("graphkit.edgeView.get().filter(e => graphkit.data.edgeTypes[e.et].type === 'MENTIONS').length") == 0
    page.check('input[data-kind="Paper"]')
    assert page.evaluate("graphkit.nodeView.length") == total
    page.evaluate("graphkit.setMinDf(2)")
    rare = sum(1 for _, d in sample_graph.nodes(data=True) if d["label"] == "Entity" and d["df"] < 2)
    assert page.evaluate("graphkit.nodeView.length") == total - rare
    assert page.text_content("#gk-df-value") == "2"
    page.check('input[data-edge="CO_OCCURS"]')
    co = sum(1 for *_, t in sample_graph.edges(data="type") if t == "CO_OCCURS")
    shown = page.evaluate("graphkit.edgeView.get().filter(e => graphkit.data.edgeTypes[e.et].type === 'CO_OCCURS').length")
    assert 0 < shown <= co  # those between entities that pass the df slider
    page.uncheck('input[data-edge="MENTIONS"]')
    assert page.evaluate("graphkit.edgeView.get().filter(e => graphkit.data.edgeTypes[e.et].type === 'MENTIONS').length") == 0


def test_hostile_titles_show_as_text_and_never_run(open_view, tmp_path):
    G = read_graph_json(HOSTILE)
    page = open_view(render_html(G, tmp_path / "hostile.html", title="<i>t</i>"))
    assert page.title() == "<i>t</i>"
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.querySelectorAll('img, svg, b, i').length") == 0
    for node_id, d in G.nodes(data=True):
        page.evaluate("i => graphkit.select(i)", index_of(page, node_id))
        assert page.text_content("#gk-panel h3") == (d.get("title") or d.get("name"))
    page.evaluate("i => graphkit.select(i)", index_of(page, "arxiv:2401.00001"))
    panel = page.text_content("#gk-panel")
    assert "window.pwned=1" in panel  # the abstract, as text
    hrefs = page.evaluate("[...document.querySelectorAll('#gk-panel a')].map(a => a.href)")
    assert hrefs == ["https://arxiv.org/abs/2401.00001", "https://github.com/example/repo"]
    assert page.evaluate("window.pwned") is None and page.title() == "<i>t</i>"
    assert page.evaluate("document.querySelectorAll('img, svg, b').length") == 0
    # all six entity types and every edge type get a legend entry
    kinds = page.evaluate("[...document.querySelectorAll('#gk-kinds input')].map(b => b.dataset.kind)")
    assert kinds == ["Paper", "Method", "Benchmark", "Dataset", "Robot", "Simulator", "Topic"]
    edges = page.evaluate("[...document.querySelectorAll('#gk-edges input')].map(b => b.dataset.edge)")
    assert edges == ["MENTIONS", "INTRODUCES", "RELATED", "CO_OCCURS", "BUILDS_ON", "CITES"]


def test_focus_view_opens_on_its_centre(open_view, tmp_path):
    G = read_graph_json(HOSTILE)
    page = open_view(render_html(G, tmp_path / "ego.html", focus="LIBERO", depth=1))
    i = index_of(page, "benchmark:libero")
    assert page.evaluate("graphkit.selected") == i
    assert page.is_visible("#gk-panel") and page.text_content("#gk-panel h3") == "LIBERO"
    # the entity's CO_OCCURS links are part of its ego network: shown, though off by default elsewhere
    assert page.is_checked('input[data-edge="CO_OCCURS"]')
    assert page.evaluate("graphkit.edgeView.length") == 9
    assert "neighbourhood of LIBERO" in page.text_content("#gk-notice")


def test_external_cited_works_are_hidden_behind_a_checkbox(open_view, tmp_path):
    from graphkit.graph.cites import external_node

    G = read_graph_json(HOSTILE)
    papers = [n for n, d in G.nodes(data=True) if d["label"] == "Paper"]
    for k, (key, title) in enumerate((("arxiv:1706.03762", "Attention is All you Need"),
                                      ("doi:10.1162/neco.1997.9.8.1735", "Long Short-Term Memory"))):
        G.add_node(key, **external_node(key, {"title": title, "year": 2017}), community=0, pagerank=0.01, degree=1)
        G.add_edge(papers[k % len(papers)], key, key="CITES", type="CITES", reference=key)
    page = open_view(render_html(G, tmp_path / "ext.html"))
    total = G.number_of_nodes()
    assert page.is_visible("#gk-external-label")
    assert page.text_content("#gk-external-count") == "2"
    assert not page.is_checked("#gk-external")
    assert page.evaluate("graphkit.nodeView.length") == total - 2
    shown = page.evaluate("graphkit.nodeView.getIds().map(i => graphkit.data.nodes[i].id)")
    assert "arxiv:1706.03762" not in shown
    page.check("#gk-external")
    assert page.evaluate("graphkit.nodeView.length") == total
    cites = sum(1 for *_, k in G.edges(keys=True) if k == "CITES")
    assert page.evaluate("graphkit.edgeView.get().filter(e => graphkit.data.edgeTypes[e.et].type === 'CITES').length") == cites
    page.uncheck("#gk-external")
    assert page.evaluate("graphkit.nodeView.length") == total - 2
    # searching an external work shows it (and ticks the box)
    assert page.evaluate("q => graphkit.search(q)", "Long Short-Term Memory") == index_of(page, "doi:10.1162/neco.1997.9.8.1735")
    assert page.is_checked("#gk-external")
    assert "cited work outside the corpus" in page.text_content("#gk-panel")


def test_no_external_checkbox_without_external_works(open_view, tmp_path):
    page = open_view(render_html(read_graph_json(HOSTILE), tmp_path / "plain.html"))
    assert not page.is_visible("#gk-external-label")
