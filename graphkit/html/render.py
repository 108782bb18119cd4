"""Write the interactive view: one self-contained HTML file (vis-network from pyvis,
inlined; no network access; positions computed in Python, physics off).

vis-network is the copy that ships inside the installed ``pyvis`` package (found with
``importlib.util.find_spec``, so pyvis itself is never imported); the page's
Content-Security-Policy hashes of the inlined scripts are computed at render time.

>>> render_html(G, "graph.html")                                   # doctest: +SKIP
>>> view = write_view(G, "ego.html", focus="LIBERO", depth=2)      # doctest: +SKIP
>>> print(view.summary())                                          # doctest: +SKIP
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import importlib.util
import re
from dataclasses import dataclass
from importlib import resources
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import networkx as nx

from graphkit.atomic import atomic_open, make_parent
from graphkit.errors import GraphkitError
from graphkit.html.layout import force_layout
from graphkit.html.payload import graph_payload, script_json
from graphkit.html.select import DEFAULT_MAX_NODES, Selection, select_view
from graphkit.html.style import LAYOUT_WEIGHTS

ASSETS = ("template.html", "view.css", "view.js")
VIS_VERSION = "9.1.2"  # the vis-network release of pyvis the view is written and tested against


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


def _version_key(folder: Path) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in folder.name.removeprefix("vis-").split("."))


@lru_cache(maxsize=1)
def vis_network() -> tuple[str, str]:
    """``(version, path)`` of ``vis-network.min.js`` in the installed pyvis package:
    :data:`VIS_VERSION` when present, else the newest copy pyvis ships."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise GraphkitError("the HTML view needs pyvis (pip install pyvis): vis-network comes from it")
    root = Path(list(spec.submodule_search_locations)[0])
    found = [p for base in ("lib", "templates/lib") for p in sorted((root / base).glob("vis-*/vis-network.min.js"))]
    if not found:
        raise GraphkitError(f"pyvis at {root} holds no vis-network.min.js (reinstall pyvis)")
    best = next((p for p in found if p.parent.name == f"vis-{VIS_VERSION}"),
                max(found, key=lambda p: _version_key(p.parent)))
    return best.parent.name.removeprefix("vis-"), str(best)


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
    vis_version, vis_path = vis_network()
    vis_js = _inline_script(Path(vis_path).read_text(encoding="utf-8"))
    view_js = _inline_script(_asset("view.js"))
    parts = {
        "TITLE": html.escape(title),
        "VIS_VERSION": html.escape(vis_version),
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
    make_parent(path)
    with atomic_open(path) as fh:
        fh.write(html_document(sel, title=title, seed=seed))
    return View(path=path, selection=sel)


def render_html(G: nx.MultiDiGraph, path: str | os.PathLike, **options) -> Path:
    """Write the interactive view of ``G`` to ``path`` (options as :func:`write_view`)."""
    return write_view(G, path, **options).path
