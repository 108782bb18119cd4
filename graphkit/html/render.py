"""Write the interactive view: one self-contained HTML file (vis-network from pyvis,
inlined; no network access; positions computed in Python, physics off).

>>> render_html(G, "graph.html")                                   # doctest: +SKIP
>>> view = write_view(G, "ego.html", focus="LIBERO", depth=2)      # doctest: +SKIP
>>> print(view.summary())                                          # doctest: +SKIP
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable

import networkx as nx

from graphkit.atomic import atomic_open
from graphkit.html.layout import force_layout
from graphkit.html.payload import graph_payload, script_json
from graphkit.html.select import DEFAULT_MAX_NODES, Selection, select_view
from graphkit.html.style import LAYOUT_WEIGHTS

ASSETS = ("template.html", "view.css", "view.js", "vis-network.min.js")


@dataclass
class View:
    """A written view: where, and what it shows of the graph."""

    path: Path
    selection: Selection

    def summary(self) -> str:
        H = self.selection.graph
        line = f"{self.path}: {H.number_of_nodes():,} nodes, {H.number_of_edges():,} edges"
        notice = self.selection.notice()
        return f"{line}\n{notice}" if notice else line


def _asset(name: str) -> str:
    return resources.files("graphkit.html").joinpath("assets", name).read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _inline_script(js: str) -> str:
    # an inlined library must not end its own <script> element early
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)


def html_document(sel: Selection, *, title: str = "graphkit", seed: int = 0) -> str:
    """The page for a selection: layout, payload, assets, all inlined."""
    H = sel.graph
    positions = force_layout(H, seed=seed, weights=LAYOUT_WEIGHTS)
    data = graph_payload(H, positions, title=title, notice=sel.notice(), focus=sel.focus)
    vis_js = _inline_script(_asset("vis-network.min.js"))
    view_js = _inline_script(_asset("view.js"))
    parts = {
        "TITLE": html.escape(title),
        "CSP": f"default-src 'none'; script-src {_csp_hash(vis_js)} {_csp_hash(view_js)}; "
               "style-src 'unsafe-inline'; img-src data:",
        "CSS": _asset("view.css").replace("</", "<\\/"),
        "VIS_JS": vis_js,
        "VIEW_JS": view_js,
        "DATA": script_json(data),
    }
    return re.sub(r"\{\{ ([A-Z_]+) \}\}", lambda m: parts[m.group(1)], _asset("template.html"))


def write_view(G: nx.MultiDiGraph, path: str | os.PathLike, *, title: str = "graphkit",
               focus: str | None = None, depth: int = 1, types: Iterable[str] | None = None,
               max_nodes: int | None = DEFAULT_MAX_NODES, seed: int = 0) -> View:
    """Select (focus/types/max_nodes), lay out and write the page; returns what it shows."""
    sel = select_view(G, focus=focus, depth=depth, types=types, max_nodes=max_nodes)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_open(path) as fh:
        fh.write(html_document(sel, title=title, seed=seed))
    return View(path=path, selection=sel)


def render_html(G: nx.MultiDiGraph, path: str | os.PathLike, **options) -> Path:
    """Write the interactive view of ``G`` to ``path`` (options as :func:`write_view`)."""
    return write_view(G, path, **options).path
