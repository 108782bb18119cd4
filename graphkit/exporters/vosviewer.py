"""VOSviewer JSON map of the typed entities (open it at https://app.vosviewer.com).

Format: https://app.vosviewer.com/docs/file-types/json-file-type/ —
``{"network": {"items": [...], "links": [...], "clusters": [...]}, "config": {...}}``.

- items: one per entity: ``id`` (int), ``label`` (name), ``description`` (type, aliases,
  years), ``cluster`` (graphkit community + 1, or entity type with ``cluster_by="type"``;
  VOSviewer allows 1..1000, so communities past 999 share cluster 1000),
  ``weights`` {``Occurrences`` (df), ``Links``, ``Total link strength``},
  ``scores`` {``Avg. pub. year`` when years are known, ``PageRank``};
- links: the CO_OCCURS edges, ``strength`` = number of papers mentioning both (VOSviewer
  normalises raw counts itself, by association strength);
- no ``x``/``y``: VOSviewer computes the layout.

``max_items`` keeps the most frequent entities (VOSviewer stays fluid up to a few thousand).

>>> export(G, "map.json", max_items=500)   # doctest: +SKIP
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from graphkit.atomic import atomic_open
from graphkit.model import ALL_ENTITY_TYPES

NAME = "vosviewer"
DESCRIPTION = "VOSviewer JSON map: entities clustered by community, linked by co-occurrence"
MAX_CLUSTER = 1000


def vosviewer_map(G: nx.MultiDiGraph, *, max_items: int | None = None,
                  cluster_by: str = "community") -> dict:
    """The VOSviewer JSON document (a dict) for the entities of ``G``."""
    ents = [(n, d) for n, d in G.nodes(data=True) if d.get("label") == "Entity"]
    ents.sort(key=lambda nd: (-int(nd[1].get("df") or 0), nd[0]))
    if max_items is not None:
        ents = ents[:max_items]
    ids = {n: i + 1 for i, (n, _) in enumerate(ents)}

    links, degree, strength = [], dict.fromkeys(ids, 0), dict.fromkeys(ids, 0)
    years: dict[str, list[int]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):  # one pass: CO_OCCURS links, MENTIONS years
        if k == "CO_OCCURS" and u in ids and v in ids:
            s = int(d.get("papers") or 1)
            links.append({"source_id": ids[u], "target_id": ids[v], "strength": s})
            for x in (u, v):
                degree[x] += 1
                strength[x] += s
        elif k == "MENTIONS" and v in ids:
            y = G.nodes[u].get("year")
            if y is not None:
                years.setdefault(v, []).append(int(y))

    types = list(ALL_ENTITY_TYPES)
    items, cluster_label = [], {}
    for n, d in ents:
        if cluster_by == "type":
            t = d.get("type", "")
            cluster = (types.index(t) + 1) if t in types else len(types) + 1
            cluster_label.setdefault(cluster, [t])
        else:
            cluster = min(int(d.get("community") or 0) + 1, MAX_CLUSTER)
            top = cluster_label.setdefault(cluster, [] if cluster < MAX_CLUSTER else ["other"])
            if len(top) < 3 and cluster < MAX_CLUSTER:
                top.append(str(d.get("name") or n))
        desc = [f"<b>{d.get('type')}</b>"]
        if d.get("aliases"):
            desc.append("also: " + ", ".join(d["aliases"]))
        if d.get("first_year"):
            desc.append(f"years: {d['first_year']}–{d.get('last_year')}")
        item = {
            "id": ids[n], "label": str(d.get("name") or n), "description": "<br>".join(desc),
            "cluster": cluster,
            "weights": {"Occurrences": int(d.get("df") or 0), "Links": degree[n],
                        "Total link strength": strength[n]},
            "scores": {"PageRank": float(d.get("pagerank") or 0.0)},
        }
        if years.get(n):
            item["scores"]["Avg. pub. year"] = round(sum(years[n]) / len(years[n]), 2)
        items.append(item)

    clusters = [{"cluster": c, "label": ", ".join(names)} for c, names in sorted(cluster_label.items())]
    return {
        "network": {"items": items, "links": links, "clusters": clusters},
        "config": {"terminology": {"item": "entity", "items": "entities", "link": "co-occurrence",
                                   "links": "co-occurrences", "link_strength": "Papers",
                                   "total_link_strength": "Total link strength"}},
        "info": {"title": "graphkit entity map",
                 "description": "Entities extracted from paper abstracts, linked when mentioned together."},
    }


def export(G: nx.MultiDiGraph, path, *, max_items: int | None = None,
           cluster_by: str = "community", **options) -> Path:
    path = Path(path)
    doc = vosviewer_map(G, max_items=max_items, cluster_by=cluster_by)
    with atomic_open(path) as fh:
        fh.write(json.dumps(doc, ensure_ascii=False, indent=1))
    return path
