"""The data the page draws: a compact, JSON-able dict (nodes with positions, edges,
legend, panel details), and :func:`script_json` to embed it safely in HTML.

Text from the graph stays data: the page reads it with ``JSON.parse`` and shows it with
``textContent``; :func:`script_json` escapes ``< > &`` and U+2028/2029 so no title can
close the ``<script>`` element it lives in.

>>> "<" in script_json({"t": "</script><b>"})
False
"""

from __future__ import annotations

import json
import math
from typing import Any, Hashable, Mapping
from urllib.parse import urlparse

import networkx as nx

from graphkit.html.style import EDGE_STYLES, EDGE_TYPES, NODE_KINDS, NODE_STYLES, hidden_by_default, node_kind

LABEL_CHARS = 30
SNIPPET_CHARS = 420
MAX_AUTHORS = 8

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(obj: Any) -> str:
    """JSON safe to place inside ``<script type="application/json">``."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return "".join(_ESCAPES.get(c, c) for c in text) if any(c in text for c in _ESCAPES) else text


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"


def safe_url(url: Any) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (no ``javascript:`` links)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlparse(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def _arxiv_url(d: dict) -> str | None:
    aid = d.get("arxiv_id")
    if not aid and str(d.get("id", "")).startswith("arxiv:"):
        aid = str(d["id"])[6:]
    if aid:
        return safe_url(f"https://arxiv.org/abs/{aid}")
    url = safe_url(d.get("url"))
    return url if url and "arxiv.org" in url else None


def _number(v: Any) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) else None


def _paper(d: dict, n: Hashable, degree: int) -> dict:
    title = str(d.get("title") or n)
    out: dict[str, Any] = {"k": "Paper", "l": shorten(title, LABEL_CHARS), "t": title,
                           "v": round(math.sqrt(1 + degree), 3)}
    if d.get("date") or d.get("year"):
        out["d"] = str(d.get("date") or d.get("year"))
    authors = [str(a) for a in (d.get("authors") or []) if a]
    if authors:
        out["a"] = authors[:MAX_AUTHORS]
        if len(authors) > MAX_AUTHORS:
            out["na"] = len(authors)
    elif isinstance(d.get("author_count"), int):
        out["na"] = d["author_count"]
    if _number(d.get("upvotes")) is not None:
        out["up"] = int(d["upvotes"])
    if d.get("abstract"):
        out["ab"] = shorten(d["abstract"], SNIPPET_CHARS)
    links = {"arXiv": _arxiv_url(d), "paper page": safe_url(d.get("url")),
             "project page": safe_url(d.get("project_url")), "code": safe_url(d.get("code_url"))}
    seen: set[str] = set()
    out["links"] = []
    for name, url in links.items():
        if url and url not in seen:
            seen.add(url)
            out["links"].append([name, url])
    for key in ("community", "pagerank"):
        if _number(d.get(key)) is not None:
            out[key] = d[key]
    if d.get("external"):
        out["ext"] = 1  # a cited work outside the corpus: hidden until the user asks
    return out


def _entity(d: dict, n: Hashable, degree: int) -> dict:
    name = str(d.get("name") or n)
    df = _number(d.get("df"))
    df = int(df) if df is not None else degree
    kind = node_kind(d)
    out: dict[str, Any] = {"k": kind, "l": shorten(name, LABEL_CHARS), "t": name,
                           "df": df, "v": round(math.sqrt(1 + max(df, 0)), 3)}
    if kind == "Other" and d.get("type"):
        out["type"] = str(d["type"])
    aliases = [str(a) for a in (d.get("aliases") or []) if a and a != name]
    if aliases:
        out["al"] = aliases[:20]
    return out


def paper_weight(G: nx.MultiDiGraph, n: Hashable) -> int:
    """How big a paper is drawn: its entities plus twice the papers building on or citing it
    (RELATED, dense and derived, does not count)."""
    ents = sum(1 for _, _, t in G.out_edges(n, data="type") if t == "MENTIONS")
    cited = sum(1 for _, _, t in G.in_edges(n, data="type") if t in ("BUILDS_ON", "CITES"))
    return ents + 2 * cited


def graph_payload(G: nx.MultiDiGraph, positions: Mapping[Hashable, tuple[float, float]], *,
                  title: str = "graphkit", notice: str = "", focus: Hashable | None = None) -> dict:
    """Everything the page needs, with nodes referred to by their index."""
    index: dict[Hashable, int] = {}
    nodes: list[dict] = []
    kind_counts: dict[str, int] = {}
    for n, d in G.nodes(data=True):
        if d.get("label") == "Paper":
            item = _paper(d, n, paper_weight(G, n))
        else:
            item = _entity(d, n, G.in_degree(n))
        item["id"] = str(n)
        x, y = positions.get(n, (0.0, 0.0))
        item["x"], item["y"] = x, y
        index[n] = len(nodes)
        nodes.append(item)
        kind_counts[item["k"]] = kind_counts.get(item["k"], 0) + 1

    edge_types = list(EDGE_TYPES)
    edges: list[list[int]] = []
    edge_counts: dict[str, int] = {}
    for u, v, t in G.edges(data="type"):
        t = t if t in EDGE_STYLES else "Other"
        if t not in edge_types:
            edge_types.append(t)
        edges.append([index[u], index[v], edge_types.index(t)])
        edge_counts[t] = edge_counts.get(t, 0) + 1

    kinds = [{"kind": k, "count": kind_counts[k], **NODE_STYLES[k]}
             for k in (*NODE_KINDS, "Other") if kind_counts.get(k)]
    hidden = hidden_by_default(len(nodes))
    if focus is not None:  # an ego network shows every way its centre is linked
        hidden = hidden - {t for *_, t in G.in_edges(focus, data="type")} \
            - {t for *_, t in G.out_edges(focus, data="type")}
    etypes = [{"type": t, "count": edge_counts.get(t, 0), "on": t not in hidden,
               **EDGE_STYLES[t]} for t in edge_types]
    external = sum(1 for n in nodes if n.get("ext"))
    return {"title": title, "notice": notice, "focus": index.get(focus) if focus is not None else None,
            "kinds": kinds, "edgeTypes": etypes, "nodes": nodes, "edges": edges, "external": external}
