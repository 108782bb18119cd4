"""Papers + extractions -> the graph of docs/graph-model.md (attributes: see :mod:`graphkit.graph`).

Steps, one module each: nodes and MENTIONS/INTRODUCES here, then
:mod:`~graphkit.graph.related`, :mod:`~graphkit.graph.cooccurs`,
:mod:`~graphkit.graph.builds_on`, :mod:`~graphkit.graph.cites`,
:mod:`~graphkit.graph.communities` and :mod:`~graphkit.graph.metrics`.

The result depends on the set of papers and extractions, not on their order (entity
names, aliases, neighbours and communities are chosen on sorted keys), so an ``--update``
equals a full rebuild.

>>> G = build_graph(papers, extract_papers(papers))   # doctest: +SKIP
>>> G.graph["issues"]["papers_without_entities"]       # doctest: +SKIP
3
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

import networkx as nx

from graphkit.graph.builds_on import builds_on
from graphkit.graph.cites import cited_works, cites
from graphkit.graph.communities import cluster
from graphkit.graph.cooccurs import cooccurrences
from graphkit.graph.metrics import add_metrics
from graphkit.graph.nodes import add_nodes, paper_node  # noqa: F401 (paper_node: kept importable here)
from graphkit.graph.related import default_max_df, related_edges, round_floats
from graphkit.model import Paper, PaperExtraction
from graphkit.progress import Clock, progress


def build_graph(papers: Iterable[Paper], extractions: Iterable[PaperExtraction], *,
                related_k: int = 10, related_max_df: int | None = None,
                cooccurs_min: int = 1, max_introducers: int = 3, seed: int = 42,
                with_communities: bool = True, timings: dict | None = None,
                cpu_timings: dict | None = None,
                references: dict[str, list[dict]] | None = None,
                entity_attrs: dict[str, dict] | None = None) -> nx.MultiDiGraph:
    """The typed graph: nodes, MENTIONS, INTRODUCES, RELATED, CO_OCCURS, BUILDS_ON, CITES,
    then ``community``, ``pagerank`` and ``degree`` on every node.

    ``G.graph["issues"]`` counts what was odd in the input (papers without entities,
    extractions of unknown papers, unresolved and self references, ambiguous introductions).
    ``related_k``/``related_max_df``: see :mod:`~graphkit.graph.related`; ``cooccurs_min``:
    papers a pair needs for a CO_OCCURS edge; ``max_introducers``: see
    :mod:`~graphkit.graph.builds_on`; ``seed``: Louvain's; ``references``: fetched
    references per citing paper (:mod:`graphkit.readers.references`), giving CITES to
    corpus papers and to ``external`` Paper nodes (see :func:`~graphkit.graph.cites.cited_works`);
    ``entity_attrs`` (entity id -> properties, e.g.
    :meth:`graphkit.resolve.CorpusResolution.node_attributes`) are set on the entity
    nodes (``type_votes``, ``type_confidence``); ``timings`` (a dict) receives
    the seconds of each step, ``cpu_timings`` their CPU seconds. Python's cyclic garbage collector is paused meanwhile
    (millions of small objects made it rescan the heap over and over; nothing built here
    is cyclic garbage).
    """
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        return _build_graph(papers, extractions, related_k=related_k, related_max_df=related_max_df,
                            cooccurs_min=cooccurs_min, max_introducers=max_introducers, seed=seed,
                            with_communities=with_communities, timings=timings,
                            cpu_timings=cpu_timings,
                            references=references, entity_attrs=entity_attrs or {})
    finally:
        if was:
            gc.enable()


def _build_graph(papers: Iterable[Paper], extractions: Iterable[PaperExtraction], *,
                 related_k: int, related_max_df: int | None, cooccurs_min: int,
                 max_introducers: int, seed: int, with_communities: bool,
                 timings: dict | None, cpu_timings: dict | None = None,
                 references: dict[str, list[dict]] | None = None,
                 entity_attrs: dict[str, dict] | None = None) -> nx.MultiDiGraph:
    papers = list(papers)
    lap = Clock(timings, prefix="graph.", cpu=cpu_timings).lap

    G = nx.MultiDiGraph(related_k=related_k)
    issues: dict[str, int] = {}
    # -- Paper and Entity nodes, MENTIONS, INTRODUCES (see graphkit.graph.nodes) ------------
    paper_entities, introduced_by, names = add_nodes(G, papers, extractions, entity_attrs or {}, issues)
    node, succ, pred = G._node, G._succ, G._pred  # see _link
    stop_df = related_max_df or default_max_df(len(papers))
    issues["stop_entities"] = sum(1 for c in names.values() if sum(c.values()) > stop_df)
    entities_of = {p.id: paper_entities.get(p.id, []) for p in papers}  # every paper, input order

    lap("nodes")
    # -- RELATED -------------------------------------------------------------------------
    with progress("related", None) as advance:
        # flat lists, not a tuple per pair; the weights rounded at once (round_floats: the
        # floats of round(w, 6)); 918k edges at 100k papers
        srcs, dsts, ws, shs, ranks = related_edges(entities_of, k=related_k, max_df=related_max_df)
        ws = round_floats(ws, 6)
        if any(pred[p] for p in entities_of):  # edges into papers already (none so far): merge
            for a, b, w, shared, rank in zip(srcs, dsts, ws, shs, ranks):
                _link(succ, pred, a, b)["RELATED"] = {"type": "RELATED", "weight": w,
                                                      "shared": shared, "rank": rank}
        else:  # every a -> b is new: what _link makes, without looking first
            for a, b, w, shared, rank in zip(srcs, dsts, ws, shs, ranks):
                succ[a][b] = pred[b][a] = {"RELATED": {"type": "RELATED", "weight": w,
                                                       "shared": shared, "rank": rank}}
        del srcs, dsts, ws, shs, ranks
        nx._clear_cache(G)
        advance(1)

    lap("related")
    # -- CO_OCCURS -----------------------------------------------------------------------
    pairs = cooccurrences(paper_entities, min_papers=cooccurs_min)
    for a, b, c, w in pairs:
        _link(succ, pred, a, b)["CO_OCCURS"] = {"type": "CO_OCCURS", "weight": round(w, 6), "papers": c}
    nx._clear_cache(G)

    lap("cooccurs")
    # -- BUILDS_ON -----------------------------------------------------------------------
    dates = {p.id: G.nodes[p.id].get("date") for p in papers}
    links, counts = builds_on(paper_entities, introduced_by, dates, max_introducers=max_introducers)
    for a, b, via in links:
        G.add_edge(a, b, key="BUILDS_ON", type="BUILDS_ON", via=via)
    issues["ambiguous_introductions"] = counts["ambiguous"]
    issues["builds_on_skipped_later"] = counts["later"]

    # -- CITES ---------------------------------------------------------------------------
    refs, counts = cites(papers)
    for a, b, ref in refs:
        G.add_edge(a, b, key="CITES", type="CITES", reference=ref)
    issues.update(references=counts["references"], resolved_references=counts["resolved"],
                  unresolved_references=counts["unresolved"], self_references=counts["self"])
    if references:
        refs, ext, counts = cited_works(papers, references)
        for v, attrs in ext.items():
            G.add_node(v, **attrs)
        for a, b, ref in refs:
            if not G.has_edge(a, b, "CITES"):
                G.add_edge(a, b, key="CITES", type="CITES", reference=ref)
        issues.update(references=issues["references"] + counts["references"],
                      resolved_references=issues["resolved_references"] + counts["resolved"],
                      self_references=issues["self_references"] + counts["self"],
                      external_references=counts["external"], external_papers=counts["external_papers"],
                      references_without_paper=counts["without_paper"])

    lap("builds_on+cites")
    # -- node metrics --------------------------------------------------------------------
    if with_communities:
        with progress("communities", None):
            node_attrs = G._node
            df = {e: node_attrs[e]["df"] for e in names}
            comm = cluster(list(names), [(a, b, c) for a, b, c, _ in pairs], entities_of, df, seed=seed)
            for v, c in comm.items():
                node_attrs[v]["community"] = c
            _external_communities(G)
    lap("communities")
    add_metrics(G)
    lap("metrics")
    G.graph["issues"] = issues
    return G


def _link(succ: dict, pred: dict, u: str, v: str) -> dict:
    """The key dict of the edges ``u -> v`` (made when there is none yet): what
    ``MultiDiGraph.add_edge`` does, without its per-call checks and cache clearing, for the
    millions of edges of a big build (nodes must exist; callers run ``nx._clear_cache(G)``
    after). ``G.add_edge`` for 1.46M edges cost ~7 s of a 100k build."""
    keys = succ[u].get(v)
    if keys is None:
        keys = succ[u][v] = pred[v][u] = {}
    return keys


def _external_communities(G: nx.MultiDiGraph) -> None:
    """An external work joins the community most of the papers citing it are in (ties:
    the smaller number, i.e. the larger community)."""
    for v, d in G.nodes(data=True):
        if not d.get("external"):
            continue
        votes = Counter(G.nodes[u].get("community") for u in G.predecessors(v)
                        if G.nodes[u].get("community") is not None)
        if votes:
            d["community"] = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
