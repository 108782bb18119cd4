"""Speed of the HTML view: graphkit vs plain pyvis defaults, on the same graphs, in one run.

For each size (500, 2,000, 5,000 nodes) the same subgraph (the most important nodes of the
HF Daily Papers API corpus graph, or a synthetic graph with --synthetic / when the corpus
is absent) is rendered twice and opened in headless Chromium (file://, network blocked):

- graphkit: ``graphkit.html.write_view`` (layout in Python, physics off); the page is
  interactive and stable at its first drawn frame.
- pyvis defaults: ``pyvis.network.Network`` + ``add_node``/``add_edge`` + ``generate_html``
  (barnesHut physics, 1,000 stabilisation iterations); stable at vis's ``stabilized``
  event, capped at --cap seconds (reported as ">cap" when it has not settled).

Times are from navigation start (performance.now()) and printed with the ratio
pyvis / graphkit. Target: 5,000 nodes stable in <= 5 s for graphkit.

    .venv/bin/python bench/html.py                 # corpus graph when ../shared is present
    .venv/bin/python bench/html.py --synthetic --sizes 500 2000 --cap 30
    .venv/bin/python bench/html.py --graph graphkit-out     # an existing build
"""

from __future__ import annotations

import sys
from pathlib import Path

# this file is named html.py: keep its folder off sys.path so `import html` is the stdlib's
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # test tooling: tests/helpers/browser.py

from graphkit.html import select_view, write_view  # noqa: E402
from helpers.browser import chromium, open_page  # noqa: E402
from graphkit.model import ALL_ENTITY_TYPES  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "hf-daily-api"

HOOK = """
window.__bench = {};
(function () {
  var real, obj = {};
  Object.defineProperty(obj, "Network", { configurable: true, enumerable: true,
    get: function () { return real; },
    set: function (N) {
      real = function (c, d, o) {
        var net = new N(c, d, o);
        window.__bench.created = performance.now();
        net.on("stabilizationIterationsDone", function () { window.__bench.iterationsDone = window.__bench.iterationsDone || performance.now(); });
        net.on("stabilized", function () { window.__bench.stabilized = window.__bench.stabilized || performance.now(); });
        net.once("afterDrawing", function () { window.__bench.firstDraw = performance.now(); });
        window.__bench.network = net;
        return net;
      };
      real.prototype = N.prototype;
    } });
  window.vis = obj;
})();
"""


def corpus_graph() -> nx.MultiDiGraph:
    from graphkit.pipeline import build

    out = Path(tempfile.mkdtemp(prefix="bench-html-"))
    t = time.perf_counter()
    result = build([CORPUS], out, html=False, store=False)
    print(f"# corpus graph: {result.graph.number_of_nodes():,} nodes, {result.graph.number_of_edges():,} edges "
          f"(built in {time.perf_counter() - t:.0f} s from {CORPUS})", file=sys.stderr)
    return result.graph


def synthetic_graph(n: int, seed: int = 0) -> nx.MultiDiGraph:
    """Papers mentioning Zipf-popular typed entities, plus top-5 RELATED links per paper."""
    rng = np.random.default_rng(seed)
    G = nx.MultiDiGraph()
    papers = n * 2 // 5
    ents = n - papers
    w = 1 / np.arange(1, ents + 1) ** 0.9
    w /= w.sum()
    for j in range(ents):
        t = ALL_ENTITY_TYPES[j % len(ALL_ENTITY_TYPES)]
        G.add_node(f"e{j}", label="Entity", id=f"e{j}", name=f"Entity {j}", type=t, aliases=[], df=0)
    mentions = {}
    for i in range(papers):
        G.add_node(f"p{i}", label="Paper", id=f"p{i}", title=f"Paper {i} on things", abstract="An abstract. " * 20)
        mentions[i] = set(rng.choice(ents, size=6, p=w).tolist())
        for j in mentions[i]:
            G.add_edge(f"p{i}", f"e{j}", key="MENTIONS", type="MENTIONS")
            G.nodes[f"e{j}"]["df"] += 1
    for i in range(papers):
        for k in rng.choice(papers, size=5, replace=False):
            if k != i:
                G.add_edge(f"p{i}", f"p{k}", key="RELATED", type="RELATED")
    return G


def pyvis_html(H: nx.MultiDiGraph, path: Path) -> float:
    """Plain pyvis defaults (what users get from the pyvis tutorial); returns seconds."""
    from pyvis.network import Network

    t = time.perf_counter()
    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line")
    for n, d in H.nodes(data=True):
        label = d.get("name") or str(d.get("title", n))[:40]
        net.add_node(str(n), label=label, title=d.get("title") or d.get("name"), group=d.get("type", "Paper"))
    for u, v, d in H.edges(data=True):
        net.add_edge(str(u), str(v), title=d.get("type"))
    path.write_text(net.generate_html(), encoding="utf-8")
    return time.perf_counter() - t


def measure_graphkit(ctx, path: Path) -> dict:
    page, external, errors = open_page(ctx, path, timeout_ms=120_000)
    stable = page.evaluate("graphkit.readyAt") / 1000
    counts = page.evaluate("[graphkit.nodeView.length, graphkit.edgeView.length]")
    # interaction costs on the loaded page
    t_search = page.evaluate("""() => { const n = graphkit.data.nodes; let best = 0;
        n.forEach((x, i) => { if ((x.v || 0) > (n[best].v || 0)) best = i; });
        const t = performance.now(); graphkit.search(n[best].t); return performance.now() - t; }""")
    t_filter = page.evaluate("""() => { const t = performance.now(); graphkit.setKind('Paper', false);
        graphkit.setKind('Paper', true); return (performance.now() - t) / 2; }""")
    moved = page.evaluate("""() => { const b = graphkit.network.body.nodes, i = graphkit.data.nodes.length - 1;
        return Math.abs(b[i].x - graphkit.data.nodes[i].x) + Math.abs(b[i].y - graphkit.data.nodes[i].y); }""")
    page.close()
    assert not external and not errors, (external, errors)
    return {"stable": stable, "nodes": counts[0], "edges": counts[1], "search_ms": t_search,
            "filter_ms": t_filter, "moved": moved}


def measure_pyvis(ctx, path: Path, cap: float) -> dict:
    page = ctx.new_page()
    page.add_init_script(HOOK)
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "about:")) else r.abort())
    t0 = time.perf_counter()
    page.goto(path.resolve().as_uri(), wait_until="commit")
    deadline = t0 + cap
    res = {}
    while time.perf_counter() < deadline:
        res = page.evaluate("({s: window.__bench.stabilized, i: window.__bench.iterationsDone, f: window.__bench.firstDraw})")
        if res.get("s"):
            break
        time.sleep(0.25)
    page.close()
    stable = res.get("s")
    return {"stable": stable / 1000 if stable else None,
            "iterations_done": res["i"] / 1000 if res.get("i") else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    ap.add_argument("--cap", type=float, default=60.0, help="Seconds to wait for pyvis to settle.")
    ap.add_argument("--synthetic", action="store_true", help="Synthetic graphs instead of the corpus.")
    ap.add_argument("--graph", type=Path, help="Use this graph.json (or build folder) instead of building the corpus.")
    ap.add_argument("--no-pyvis", action="store_true")
    args = ap.parse_args()

    if args.graph:
        from graphkit.graph import read_graph_json

        G = read_graph_json(args.graph)
        print(f"# graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges from {args.graph}", file=sys.stderr)
    elif not args.synthetic and CORPUS.is_dir():
        G = corpus_graph()
    else:
        G = None
    tmp = Path(tempfile.mkdtemp(prefix="bench-html-"))
    rows = []
    with chromium() as ctx:
        for n in args.sizes:
            if G is not None and G.number_of_nodes() >= n:
                H = select_view(G, max_nodes=n).graph
                source = "corpus"
            else:
                H = synthetic_graph(n)
                source = "synthetic"
            t = time.perf_counter()
            view = write_view(H, tmp / f"graphkit-{n}.html", max_nodes=None)
            py_gk = time.perf_counter() - t
            gk = measure_graphkit(ctx, view.path)
            row = {"n": H.number_of_nodes(), "m": H.number_of_edges(), "source": source, "py_gk": py_gk,
                   "gk": gk, "size_mb": view.path.stat().st_size / 1e6}
            if not args.no_pyvis:
                pv_path = tmp / f"pyvis-{n}.html"
                row["py_pv"] = pyvis_html(H, pv_path)
                row["pv"] = measure_pyvis(ctx, pv_path, args.cap)
            rows.append(row)
            print_row(row, args.cap, header=len(rows) == 1)
    print(f"# target: 5,000 nodes stable in <= 5 s (graphkit); pyvis capped at {args.cap:.0f} s")


def print_row(r: dict, cap: float, header: bool) -> None:
    if header:
        print(f"{'nodes':>6} {'edges':>7} {'source':>9} | {'graphkit: python':>16} {'page stable':>11} "
              f"{'search':>7} {'filter':>7} | {'pyvis: python':>13} {'page stable':>11} {'iters done':>10} | {'pyvis/graphkit':>14}")
    gk = r["gk"]
    line = (f"{r['n']:>6,} {r['m']:>7,} {r['source']:>9} | {r['py_gk']:>15.2f}s {gk['stable']:>10.2f}s "
            f"{gk['search_ms']:>5.0f}ms {gk['filter_ms']:>5.0f}ms")
    if "pv" in r:
        pv = r["pv"]
        st = f"{pv['stable']:.2f}s" if pv["stable"] else f">{cap:.0f}s"
        it = f"{pv['iterations_done']:.2f}s" if pv["iterations_done"] else f">{cap:.0f}s"
        ratio = (pv["stable"] or cap) / gk["stable"]
        line += f" | {r['py_pv']:>12.2f}s {st:>11} {it:>10} | {('>' if not pv['stable'] else '') + f'{ratio:.1f}x':>14}"
    print(line, flush=True)


if __name__ == "__main__":
    main()
