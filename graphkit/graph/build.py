"""Papers + extractions -> the graph (first cut: Paper, Entity, MENTIONS, INTRODUCES)."""

from __future__ import annotations

from typing import Iterable

import networkx as nx

from graphkit.model import Paper, PaperExtraction


def paper_node(p: Paper) -> dict:
    return {
        "label": "Paper", "id": p.id, "title": p.title, "abstract": p.abstract,
        "date": p.date or p.date_raw, "year": p.year, "url": p.url,
        "authors": list(p.authors), "author_count": p.author_count, "upvotes": p.upvotes,
        "arxiv_id": p.arxiv_id, "doi": p.doi, "project_url": p.project_url,
        "code_url": p.code_url, "source": list(p.sources),
    }


def build_graph(papers: Iterable[Paper], extractions: Iterable[PaperExtraction], *,
                related_k: int = 10) -> nx.MultiDiGraph:
    """The typed graph: one node per paper and per entity, MENTIONS and INTRODUCES edges.

    >>> G = build_graph(papers, extract_papers(papers))   # doctest: +SKIP
    """
    G = nx.MultiDiGraph()
    for p in papers:
        G.add_node(p.id, **paper_node(p))
    for ex in extractions:
        for e in ex.entities:
            eid = e.id
            if eid not in G:
                G.add_node(eid, label="Entity", id=eid, name=e.name, type=e.type, aliases=[], df=0)
            node = G.nodes[eid]
            node["df"] += 1
            for a in e.aliases:
                if a not in node["aliases"] and a != node["name"]:
                    node["aliases"].append(a)
            evidence = [f"{m.start}-{m.end}" for m in e.mentions]
            G.add_edge(ex.paper_id, eid, key="MENTIONS", type="MENTIONS",
                       count=max(e.count, 1), evidence=evidence)
            if e.introduced:
                G.add_edge(ex.paper_id, eid, key="INTRODUCES", type="INTRODUCES")
    return G
