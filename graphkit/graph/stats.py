"""Summary of a built graph: counts, top entities per type, communities, most built-on papers.

>>> s = graph_stats(read_graph_json("graphkit-out"), top=5)   # doctest: +SKIP
>>> s["counts"]["edges_by_type"]["BUILDS_ON"]                 # doctest: +SKIP
"""

from __future__ import annotations

from collections import Counter

import networkx as nx


def graph_stats(G: nx.MultiDiGraph, *, top: int = 10) -> dict:
    """A JSON-able dict: ``counts`` (nodes by label, entities by type, edges by type),
    ``top_entities`` (per type, by df), ``communities`` (largest first, with their top
    entities), ``most_built_on`` (papers with most incoming BUILDS_ON) and ``issues``."""
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
        "issues": dict(G.graph.get("issues", {})),
    }


def _top_via(G: nx.MultiDiGraph, paper: str, n: int = 3) -> list[str]:
    via = Counter(e for _, _, k, d in G.in_edges(paper, keys=True, data=True) if k == "BUILDS_ON"
                  for e in d.get("via", []))
    return [G.nodes[e].get("name", e) if e in G else e for e, _ in via.most_common(n)]
