"""Summary of a built graph: counts, top entities per type, communities, most built-on papers.

>>> s = graph_stats(read_graph_json("graphkit-out"), top=5)   # doctest: +SKIP
>>> s["counts"]["edges_by_type"]["BUILDS_ON"]                 # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections import Counter

import networkx as nx

_SPLIT_KEY = re.compile(r"[^a-z0-9+]")


def type_splits(G: nx.MultiDiGraph) -> list[dict]:
    """Names that are entity nodes of more than one type (one benchmark split over a
    Benchmark and a Method node, say), most papers first. Names are compared lower case,
    letters, digits and ``+`` only.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("benchmark:videomme", label="Entity", type="Benchmark", name="Video-MME", df=9)
    >>> G.add_node("method:videomme", label="Entity", type="Method", name="VideoMME", df=3)
    >>> type_splits(G)
    [{'name': 'videomme', 'types': {'Benchmark': 9, 'Method': 3}}]
    """
    by_name: dict[str, dict[str, int]] = {}
    for _, d in G.nodes(data=True):
        if d.get("label") == "Entity":
            t = by_name.setdefault(_SPLIT_KEY.sub("", str(d.get("name", "")).lower()), {})
            t[d.get("type")] = t.get(d.get("type"), 0) + int(d.get("df") or 0)
    splits = [{"name": n, "types": dict(sorted(t.items(), key=lambda kv: (-kv[1], kv[0])))}
              for n, t in by_name.items() if len(t) > 1]
    return sorted(splits, key=lambda s: (-sum(s["types"].values()), s["name"]))


def graph_stats(G: nx.MultiDiGraph, *, top: int = 10) -> dict:
    """A JSON-able dict: ``counts`` (nodes by label, entities by type, edges by type),
    ``top_entities`` (per type, by df), ``communities`` (largest first, with their top
    entities), ``most_built_on`` (papers with most incoming BUILDS_ON), ``most_cited``,
    ``type_splits`` (``count`` and the ``top`` names typed several ways, see
    :func:`type_splits`) and ``issues``."""
    labels = Counter("Paper (external)" if d.get("external") else d.get("label") for _, d in G.nodes(data=True))
    edges = Counter(k for _, _, k in G.edges(keys=True))

    by_type: dict[str, list] = {}
    for n, d in G.nodes(data=True):
        if d.get("label") == "Entity":
            by_type.setdefault(d.get("type"), []).append((n, d))
    types = Counter({t: len(items) for t, items in by_type.items()})
    top_entities = {
        t: [{"id": n, "name": d.get("name"), "df": d.get("df", 0)}
            for n, d in sorted(items, key=lambda nd: (-(nd[1].get("df") or 0), nd[0]))[:top]]
        for t, items in sorted(by_type.items(), key=lambda kv: -len(kv[1]))
    }

    members: dict[int, list[str]] = {}
    for n, c in G.nodes(data="community"):
        if c is not None:
            members.setdefault(c, []).append(n)
    communities = []
    for c in sorted(members, key=lambda c: (-len(members[c]), c))[:top]:
        ms = members[c]
        ents = sorted((n for n in ms if G.nodes[n].get("label") == "Entity"),
                      key=lambda n: (-(G.nodes[n].get("df") or 0), n))
        ext = sum(1 for n in ms if G.nodes[n].get("external"))
        communities.append({
            "community": c, "size": len(ms), "entities": len(ents), "papers": len(ms) - len(ents) - ext,
            "external_papers": ext,
            "top_entities": [G.nodes[n].get("name") for n in ents[:5]],
        })

    splits = type_splits(G)
    built_on = Counter(v for _, v, k in G.edges(keys=True) if k == "BUILDS_ON")
    most_built_on = [{"id": p, "title": G.nodes[p].get("title"), "builds_on_in": c,
                      "via": _top_via(G, p)}
                     for p, c in sorted(built_on.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    cited = Counter(v for _, v, k in G.edges(keys=True) if k == "CITES")
    most_cited = [{"id": p, "title": G.nodes[p].get("title"), "year": G.nodes[p].get("year"),
                   "external": bool(G.nodes[p].get("external")), "cited_by": c}
                  for p, c in sorted(cited.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    return {
        "counts": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
                   "nodes_by_label": dict(labels.most_common()),
                   "entities_by_type": dict(types.most_common()),
                   "edges_by_type": dict(edges.most_common())},
        "top_entities": top_entities,
        "communities": communities,
        "most_built_on": most_built_on,
        "most_cited": most_cited,
        "type_splits": {"count": len(splits), "names": splits[:top]},
        "issues": dict(G.graph.get("issues", {})),
    }


def _top_via(G: nx.MultiDiGraph, paper: str, n: int = 3) -> list[str]:
    via = Counter(e for _, _, k, d in G.in_edges(paper, keys=True, data=True) if k == "BUILDS_ON"
                  for e in d.get("via", []))
    return [G.nodes[e].get("name", e) if e in G else e for e, _ in via.most_common(n)]
