"""``resolve_corpus``: one name and one type per entity across all papers of a run.

Reads the per-paper extractions (left unchanged), groups their surface forms
(:mod:`~graphkit.resolve.merge`), votes each group's type (:mod:`~graphkit.resolve.vote`)
and returns rewritten extractions: every entity of a group carries the group's canonical
name (the paper's own spellings stay in ``aliases``) and the voted type, so its id
``<type>:<normalised name>`` is the same in every paper. Two entities of one paper that
become one are merged (mentions, counts and aliases joined). The result depends on the
set of extractions, not their order, and resolving a resolved corpus changes nothing,
so ``build --update`` (which resolves the cached and the new extractions together)
equals a full rebuild.

Cost: linear in the number of entities and aliases (one pass to collect, one union-find,
one pass to rewrite; unchanged entities are not copied).

>>> from graphkit.model import ExtractedEntity as E, PaperExtraction as P
>>> exs = [P(f"p{i}", "t", [E("Video-MME", "Benchmark", type_votes={"Method": 0.9, "Benchmark": 2.5})])
...        for i in range(3)] + [P("p9", "t", [E("VideoMME", "Method", type_votes={"Method": 0.9})])]
>>> res = resolve_corpus(exs)
>>> [(e.name, e.type, e.aliases) for e in res.extractions[3].entities]
[('Video-MME', 'Benchmark', ['VideoMME'])]
>>> res.entities["benchmark:videomme"].type_votes
{'Benchmark': 7.5, 'Method': 0.9}
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Iterable

from graphkit.model import ExtractedEntity, PaperExtraction
from graphkit.resolve.keys import corpus_key
from graphkit.resolve.merge import join
from graphkit.resolve.vote import decide, homonym_types, own_type, paper_evidence, ranked, tally


@dataclass
class ResolvedEntity:
    """One row of the corpus entity table (one graph node)."""

    id: str
    name: str
    type: str
    type_votes: dict[str, float]  # summed corpus evidence per type (see graphkit.resolve.vote)
    type_confidence: float  # this type's share of all votes
    papers: int  # papers mentioning it

    def node_attributes(self) -> dict:
        """The properties an Entity node gets: ``type_votes`` as a list of
        ``"Type:weight"`` strings (largest first; a list of strings is storable in
        FalkorDB and Neo4j, where maps are not) and ``type_confidence``.

        >>> ResolvedEntity("benchmark:x", "X", "Benchmark", {"Benchmark": 7.5, "Method": 0.3},
        ...                0.962, 4).node_attributes()
        {'type_votes': ['Benchmark:7.5', 'Method:0.3'], 'type_confidence': 0.962}
        """
        return {"type_votes": [f"{t}:{round(w, 2):g}" for t, w in ranked(self.type_votes)],
                "type_confidence": self.type_confidence}


@dataclass
class CorpusResolution:
    """The rewritten extractions (input order) and the entity table keyed by entity id."""

    extractions: list[PaperExtraction]
    entities: dict[str, ResolvedEntity] = field(default_factory=dict)
    renamed: int = 0  # paper-level entities given another name
    retyped: int = 0  # paper-level entities given another type
    merged: int = 0  # paper-level entities folded into another of the same paper

    def node_attributes(self) -> dict[str, dict]:
        """Entity id -> the extra node properties (see :meth:`ResolvedEntity.node_attributes`)."""
        return {eid: r.node_attributes() for eid, r in self.entities.items()}

    def summary(self) -> dict:
        return {"entities": len(self.entities), "renamed": self.renamed, "retyped": self.retyped,
                "merged": self.merged}


def _listed(e: ExtractedEntity) -> bool:
    return "gazetteer" in e.source or "user" in e.source  # vote.LIST_SOURCES


def _canonical(ents: list[ExtractedEntity]) -> str:
    """The spelling of a curated list (gazetteer, user list) first, then the spelling most
    papers use, then the smallest string (deterministic)."""
    if len(ents) == 1:
        return ents[0].name
    names: dict[str, list[int]] = {}
    for e in ents:
        c = names.get(e.name)
        if c is None:
            c = names[e.name] = [0, 0]
        c[0] += 1
        if "gazetteer" in e.source or "user" in e.source:  # _listed(e), inline: once per entity
            c[1] += 1
    return min(names, key=lambda n: (-names[n][1], -names[n][0], n))


def resolve_corpus(extractions: Iterable[PaperExtraction]) -> CorpusResolution:
    """Merge surface forms across ``extractions``, vote types, rewrite (see module doc)."""
    extractions = list(extractions)

    # 1. one pass: each entity's key and evidence, each name key's entities, alias links
    keys: list[str] = []
    evidence: list[dict] = []
    by_key: dict[str, list[int]] = {}  # name key -> indexes into the flat entity order
    pairs: Counter = Counter()
    flat: list[ExtractedEntity] = []
    key_of: dict[str, str] = {}  # corpus_key, without a call per name
    for ex in extractions:
        for e in ex.entities:
            k = key_of.get(e.name)
            if k is None:
                k = key_of[e.name] = corpus_key(e.name)
            i = len(flat)
            flat.append(e)
            keys.append(k)
            evidence.append(paper_evidence(e))
            ix = by_key.get(k)
            if ix is None:
                by_key[k] = [i]
            else:
                ix.append(i)
            for a in e.aliases:
                ak = key_of.get(a)
                if ak is None:
                    ak = key_of[a] = corpus_key(a)
                if ak != k and ak:
                    pairs[(k, ak) if k < ak else (ak, k)] += 1
    groups_of = join(pairs)
    members: dict[str, list[int]] = {}
    for k, ix in by_key.items():
        root = groups_of.get(k)
        if root is None:
            members[k] = ix
        else:
            members.setdefault(root, []).extend(ix)

    # 2. one name, one type (or a deliberate homonym) per group
    decided: dict[str, tuple[dict, str, dict, set]] = {}  # root -> (type -> (name, id), winner, votes, homonyms)
    for root, ix in members.items():
        votes = tally((evidence[i], flat[i].introduced) for i in ix)
        winner, _ = decide(votes)
        homonyms: set[str] = set()
        own = {i: own_type(flat[i], evidence[i]) for i in ix if evidence[i]} if len(votes) > 1 else {}
        if own:
            deliberate = {own[i] for i in own if flat[i].introduced or _listed(flat[i])}
            homonyms = homonym_types(votes, deliberate) if deliberate else set()
        sides = {}
        for t in (winner, *homonyms):  # each type keeps the spelling of the papers giving it
            side = [flat[i] for i in own if own[i] == t]
            sides[t] = _canonical(side or [flat[i] for i in ix])
        decided[root] = ({t: (n, f"{t.lower()}:{corpus_key(n)}") for t, n in sides.items()},  # ids.entity_id
                         winner, votes, homonyms)

    # 3. rewrite
    res = CorpusResolution(extractions=[])
    papers: dict[str, int] = {}
    i = -1
    for ex in extractions:
        out: list[ExtractedEntity] = []
        at: dict[str, int] = {}  # entity id -> index in out
        copied: set[int] = set()  # indexes in out holding an object made here
        changed = False
        for e in ex.entities:
            i += 1
            k = keys[i]
            sides, winner, votes, homonyms = decided[groups_of.get(k, k)]
            typ = winner
            if homonyms and evidence[i]:  # a bare mention follows the winner
                own = own_type(e, evidence[i])
                if own in homonyms:
                    typ = own
            name, eid = sides[typ]
            fresh = False
            if name != e.name or typ != e.type:
                res.renamed += name != e.name
                res.retyped += typ != e.type
                aliases = [a for a in dict.fromkeys(e.aliases + [e.name]) if a != name]
                e = replace(e, name=name, type=typ, aliases=aliases)
                fresh = changed = True
            j = at.get(eid)
            if j is not None:  # two forms of one entity in this paper
                if j not in copied:  # never change an input object
                    out[j] = replace(out[j], mentions=list(out[j].mentions))
                    copied.add(j)
                _fold(out[j], e)
                res.merged += 1
                changed = True
                continue
            at[eid] = len(out)
            if fresh:
                copied.add(len(out))
            out.append(e)
            n = papers.get(eid)
            if n is None:
                papers[eid] = 1
                res.entities[eid] = ResolvedEntity(eid, name, typ, {t: round(w, 3) for t, w in votes.items()},
                                                   _share(votes, typ), 0)
            else:
                papers[eid] = n + 1
        res.extractions.append(replace(ex, entities=out) if changed else ex)
    for eid, n in papers.items():
        res.entities[eid].papers = n
    return res


def _share(votes: dict[str, float], typ: str) -> float:
    """``typ``'s share of all votes (3 decimals)."""
    total = sum(votes.values())
    return round(votes.get(typ, 0.0) / total, 3) if total else 1.0


def _fold(into: ExtractedEntity, other: ExtractedEntity) -> None:
    """Merge ``other`` (a second form of the same entity in one paper) into ``into``
    (``into`` is a copy made for this resolution when it is the paper's original)."""
    into.aliases = [a for a in dict.fromkeys(into.aliases + [other.name] + other.aliases) if a != into.name]
    into.count += other.count
    into.mentions = sorted(into.mentions + other.mentions, key=lambda m: (m.start, m.end))
    into.introduced = into.introduced or other.introduced
    votes = dict(into.type_votes)
    for t, w in other.type_votes.items():
        votes[t] = round(votes.get(t, 0.0) + w, 3)
    into.type_votes = votes
    into.source = "+".join(sorted(set(into.source.split("+")) | set(other.source.split("+")) - {""}))


def resolved(extractions: Iterable[PaperExtraction]) -> list[PaperExtraction]:
    """Just the rewritten extractions of :func:`resolve_corpus` (what ``graphkit extract``
    prints: it reads every paper's extraction before printing the first)."""
    return resolve_corpus(extractions).extractions
