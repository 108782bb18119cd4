"""Communities: Louvain (networkx, seeded) on the entity co-occurrence graph; each paper
joins the community of most of its entities.

Why the co-word graph: it is the classic science map (VOSviewer clusters the same
network), its size follows the vocabulary, not the number of papers (Louvain in pure
Python on all 100k papers and their ~2M edges would take minutes), and its weights (the
CO_OCCURS ``papers`` counts) make topical clusters of methods, benchmarks and robots.
Then a paper takes the community holding most of its entities, weighting each entity by
its idf (rare entities say more about a paper than ubiquitous ones); ties go to the larger
community. Papers without entities, and entities co-occurring with nothing, are singleton
communities.

Nodes and edges are added in sorted order, so the result does not depend on input order
and a seeded run is reproducible. Communities are numbered by size (entities + papers),
largest first (ties: smallest member id).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_nodes_from(["a", "b"], label="Entity", df=1); G.add_node("p", label="Paper")
>>> _ = G.add_edge("a", "b", key="CO_OCCURS", type="CO_OCCURS", papers=2)
>>> _ = G.add_edge("p", "a", key="MENTIONS", type="MENTIONS")
>>> communities(G)
{'a': 0, 'b': 0, 'p': 0}
"""

from __future__ import annotations

import math

import networkx as nx


def communities(G: nx.MultiDiGraph, *, seed: int = 42, resolution: float = 1.0) -> dict[str, int]:
    """``{node: community number}`` for every node of ``G``; 0 is the largest community."""
    entities = [n for n, d in G.nodes(data=True) if d.get("label") == "Entity"]
    papers = [n for n, d in G.nodes(data=True) if d.get("label") == "Paper"]
    pairs = [(u, v, int(d.get("papers") or 1)) for u, v, k, d in G.edges(keys=True, data=True)
             if k == "CO_OCCURS"]
    mentions = {p: [e for _, e, k in G.out_edges(p, keys=True) if k == "MENTIONS"] for p in papers}
    df = {e: int(G.nodes[e].get("df") or 1) for e in entities}
    others = [n for n in G.nodes if n not in df and n not in mentions]
    return cluster(entities, pairs, mentions, df, others=others, seed=seed, resolution=resolution)


def cluster(entities, pairs, paper_entities, df, *, others=(), seed: int = 42,
            resolution: float = 1.0) -> dict[str, int]:
    """The same from plain data: entity ids, ``(a, b, papers)`` co-occurrence pairs,
    ``{paper: [entity ids]}`` and ``{entity: df}``; ``others`` are singletons."""
    H = nx.Graph()
    H.add_nodes_from(sorted(entities))
    H.add_weighted_edges_from(sorted(pairs))
    entity_comm: dict[str, int] = {}
    if H.number_of_nodes():
        parts = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
        for i, c in enumerate(sorted((sorted(c) for c in parts), key=lambda c: c[0])):
            for n in c:
                entity_comm[n] = i
    size: dict[int, int] = {}
    for c in entity_comm.values():
        size[c] = size.get(c, 0) + 1

    papers = sorted(paper_entities)
    n_papers = max(len(papers), 1)
    paper_comm: dict[str, int] = {}
    # each entity's (community, vote weight) once, not per mention (~1 s at 100k papers)
    vote = {e: (c, math.log(1 + n_papers / (df.get(e) or 1))) for e, c in entity_comm.items()}
    for p in papers:
        votes: dict[int, float] = {}
        for e in set(paper_entities[p]):
            cw = vote.get(e)
            if cw is not None:
                c, w = cw
                votes[c] = votes.get(c, 0.0) + w
        if len(votes) == 1:
            paper_comm[p] = next(iter(votes))
        elif votes:
            paper_comm[p] = max(votes, key=lambda c: (votes[c], size[c], -c))
    members: dict[int, list[str]] = {}
    for n, c in list(entity_comm.items()) + list(paper_comm.items()):
        members.setdefault(c, []).append(n)
    groups = [sorted(m) for m in members.values()]
    groups += [[p] for p in papers if p not in paper_comm]
    groups += [[n] for n in sorted(others)]
    groups.sort(key=lambda m: (-len(m), m[0]))
    return {n: i for i, m in enumerate(groups) for n in m}
