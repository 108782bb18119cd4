"""The first step of :func:`~graphkit.graph.build.build_graph`: Paper and Entity nodes,
MENTIONS and INTRODUCES edges (attributes: see :mod:`graphkit.graph`).

Hand-written against networkx's internals (``G._node``, ``G._succ``, ``G._pred``, as
``build._link`` does) and with a fast path for the commonest case (an entity mentioned
once in a paper), because this step touches every paper-level entity of the corpus: on
the 100k-paper bench (397k entities, 916k mentions) ``G.add_node`` per paper, a
``set()`` made per entity for its aliases, and the general sorted-set expressions for a
single mention cost: 7.3 -> 4.8 CPU s, and 10.0 -> 5.7 s, measured back to back on
the loaded shared machine (with the slotted model classes, see :mod:`graphkit.model`).
``tests/test_build_nodes_fast.py`` checks the result against the plain
``add_node``/``add_edge`` code on real data.

>>> G = nx.MultiDiGraph(); issues = {}
>>> paper_entities, introduced_by, names = add_nodes(G, papers, extractions, {}, issues)  # doctest: +SKIP
>>> issues["papers_without_entities"]                                                  # doctest: +SKIP
3
"""

from __future__ import annotations

from typing import Iterable

import networkx as nx

from graphkit.model import ExtractedEntity, Paper, PaperExtraction


def paper_node(p: Paper) -> dict:
    """The attributes of ``p``'s node (``entities`` is set once its extraction is seen)."""
    return {
        "label": "Paper", "id": p.id, "title": p.title, "abstract": p.abstract,
        "date": p.date or p.date_raw, "year": p.year, "url": p.url,
        "authors": list(p.authors), "author_count": p.author_count, "upvotes": p.upvotes,
        "arxiv_id": p.arxiv_id, "doi": p.doi, "project_url": p.project_url,
        "code_url": p.code_url, "source": list(p.sources), "entities": 0,
    }


def mentions_edge(e: ExtractedEntity) -> dict:
    """The MENTIONS edge attributes of one paper's entity ``e``.

    >>> from graphkit.model import Mention
    >>> mentions_edge(ExtractedEntity("X", "Method", count=1, mentions=[Mention("X", 4, 5, 1, "r", ["b", "a"])]))
    {'type': 'MENTIONS', 'count': 1, 'evidence': ['4-5'], 'sentences': [1], 'rules': ['r'], 'type_cues': ['a', 'b']}
    """
    ms = e.mentions
    count = int(e.count)
    if len(ms) == 1:  # half of all entities: the same values without the set expressions
        m = ms[0]
        cues = m.type_cues
        return {"type": "MENTIONS", "count": count if count > 1 else 1,
                "evidence": [f"{m.start}-{m.end}"], "sentences": [int(m.sentence)],
                "rules": [m.rule] if m.rule else [],
                "type_cues": sorted(set(cues)) if len(cues) > 1 else list(cues)}
    return {"type": "MENTIONS", "count": count if count > 1 else 1,
            "evidence": [f"{m.start}-{m.end}" for m in ms],
            "sentences": [int(m.sentence) for m in ms],
            "rules": sorted({m.rule for m in ms if m.rule}),
            "type_cues": sorted({c for m in ms for c in m.type_cues})}


def add_nodes(G: nx.MultiDiGraph, papers: list[Paper], extractions: Iterable[PaperExtraction],
              entity_attrs: dict[str, dict], issues: dict[str, int]
              ) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, dict[str, int]]]:
    """Add a node per paper (input order), then per entity (first mention order), with the
    MENTIONS/INTRODUCES edges; returns ``(paper_entities, introduced_by, names)``: the entity
    ids of each paper that has an extraction, the papers introducing each entity, and each
    entity's spellings with the number of papers using them. Counts
    ``extractions_without_paper`` and ``papers_without_entities`` in ``issues``."""
    node, succ, pred = G._node, G._succ, G._pred  # what add_node/add_edge fill, without their checks
    for p in papers:
        d = paper_node(p)
        old = node.get(p.id)
        if old is None:
            node[p.id], succ[p.id], pred[p.id] = d, {}, {}
        else:  # a repeated id: add_node updates the node
            old.update(d)

    paper_entities: dict[str, list[str]] = {}
    introduced_by: dict[str, list[str]] = {}
    names: dict[str, dict[str, int]] = {}  # entity id -> spelling -> papers (a Counter per entity cost ~1 s at 100k)
    aliases: dict[str, set[str]] = {}
    etype: dict[str, str] = {}
    unknown = 0
    eids: dict[tuple[str, str], str] = {}  # (type, name) -> id: normalising is costly
    paper_ids = set(node)  # only papers have nodes yet
    for ex in extractions:
        pid = ex.paper_id
        if pid not in node or pid in paper_entities:
            unknown += 1  # an extraction of a paper not in the corpus (or twice)
            continue
        ids = paper_entities[pid] = []
        out = succ[pid]
        for e in ex.entities:
            name = e.name
            eid = eids.get((e.type, name))
            if eid is None:
                eid = eids[(e.type, name)] = e.id
            if eid in paper_ids:  # an entity id that is a paper's
                continue
            keys = out.get(eid)
            if keys is not None:  # two spellings of one entity in this paper
                _merge_mention(keys, e, aliases[eid])
                if e.introduced and "INTRODUCES" not in keys:
                    keys["INTRODUCES"] = {"type": "INTRODUCES"}
                    introduced_by.setdefault(eid, []).append(pid)
                continue
            ids.append(eid)
            seen = names.get(eid)
            if seen is None:  # a new entity
                names[eid] = {name: 1}
                aliases[eid] = set(e.aliases)
                etype[eid] = e.type
                node[eid], succ[eid], pred[eid] = {}, {}, {pid: {}}
                keys = out[eid] = pred[eid][pid]
            else:
                seen[name] = seen.get(name, 0) + 1
                if e.aliases:
                    aliases[eid].update(e.aliases)
                keys = out[eid] = pred[eid][pid] = {}
            keys["MENTIONS"] = mentions_edge(e)
            if e.introduced:
                keys["INTRODUCES"] = {"type": "INTRODUCES"}
                by = introduced_by.get(eid)
                if by is None:
                    introduced_by[eid] = [pid]
                else:
                    by.append(pid)
        node[pid]["entities"] = len(ids)
    nx._clear_cache(G)
    issues["extractions_without_paper"] = unknown
    issues["papers_without_entities"] = sum(1 for p in papers if not paper_entities.get(p.id))

    years: dict[str, list[int]] = {}
    for pid, ids in paper_entities.items():
        y = node[pid].get("year")
        if y is not None:
            y = int(y)
            for eid in ids:
                ys = years.get(eid)
                if ys is None:
                    years[eid] = [y]
                else:
                    ys.append(y)
    for eid in sorted(names):
        spellings = names[eid]
        name = sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        ys = years.get(eid)
        node[eid].update(
            label="Entity", id=eid, name=name, type=etype[eid],
            aliases=sorted((aliases[eid] | set(spellings)) - {name}),
            df=sum(spellings.values()), introduced_by=sorted(introduced_by.get(eid, [])),
            first_year=min(ys) if ys else None, last_year=max(ys) if ys else None,
            **entity_attrs.get(eid, {}))
    return paper_entities, introduced_by, names


def _merge_mention(keys: dict, e: ExtractedEntity, aliases: set[str]) -> None:
    """A second spelling ``e`` of an entity this paper already MENTIONS (rare: resolution
    merges most): its mentions join the edge, its names the entity's aliases."""
    d = keys["MENTIONS"]
    d["count"] += max(int(e.count), 1)
    d["evidence"] += [f"{m.start}-{m.end}" for m in e.mentions]
    d["sentences"] += [int(m.sentence) for m in e.mentions]
    d["rules"] = sorted(set(d.get("rules", [])) | {m.rule for m in e.mentions if m.rule})
    d["type_cues"] = sorted(set(d.get("type_cues", [])) | {c for m in e.mentions for c in m.type_cues})
    aliases.update(e.aliases)
    aliases.add(e.name)
