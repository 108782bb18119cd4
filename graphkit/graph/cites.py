"""CITES: explicit references of the input, resolved against the papers of the corpus.

A reference may be a graphkit id (``arxiv:2405.15738``), an arXiv id or URL, a DOI, or a
title (matched after :func:`graphkit.ids.normalise_title`). References that resolve to no
paper of the corpus (``unresolved``) and references of a paper to itself (``self``) make
no edge and are counted; a reference listed twice makes one edge.

>>> from graphkit.model import Paper
>>> a = Paper("arxiv:1", "A", "x", arxiv_id="1", references=["B paper", "nowhere"])
>>> b = Paper("title:b", "B paper", "y")
>>> cites([a, b])
([('arxiv:1', 'title:b', 'B paper')], {'references': 2, 'resolved': 1, 'unresolved': 1, 'self': 0})
"""

from __future__ import annotations

from typing import Sequence

from graphkit.ids import normalise_title, parse_arxiv_id, parse_doi
from graphkit.model import Paper


def corpus_keys(papers: Sequence[Paper]) -> dict[str, str]:
    """Every lookup key of every paper (id, ``arxiv:``, ``doi:``, ``title:``) -> its id;
    the first paper wins a shared key."""
    keys: dict[str, str] = {}
    for p in papers:
        keys.setdefault(p.id.lower(), p.id)
        if p.arxiv_id:
            keys.setdefault(f"arxiv:{p.arxiv_id}", p.id)
        if p.doi:
            keys.setdefault(f"doi:{p.doi.lower()}", p.id)
        t = normalise_title(p.title)
        if t:
            keys.setdefault(f"title:{t}", p.id)
    return keys


def resolver(papers: Sequence[Paper]):
    """A function ``reference -> paper id or None`` over ``papers``."""
    by_key = corpus_keys(papers)

    def resolve(ref: str) -> str | None:
        ref = str(ref).strip()
        if not ref:
            return None
        hit = by_key.get(ref.lower())
        if hit:
            return hit
        doi = parse_doi(ref)
        if doi and f"doi:{doi}" in by_key:
            return by_key[f"doi:{doi}"]
        if not doi:
            ax = parse_arxiv_id(ref)
            if ax and f"arxiv:{ax}" in by_key:
                return by_key[f"arxiv:{ax}"]
        return by_key.get(f"title:{normalise_title(ref)}")

    return resolve


def cites(papers: Sequence[Paper]) -> tuple[list[tuple[str, str, str]], dict[str, int]]:
    """``([(citing, cited, reference as written), ...], counts)`` in input order."""
    counts = {"references": 0, "resolved": 0, "unresolved": 0, "self": 0}
    if not any(p.references for p in papers):
        return [], counts  # no index of titles to build
    resolve = resolver(papers)
    out: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for p in papers:
        for ref in p.references:
            counts["references"] += 1
            target = resolve(ref)
            if target is None:
                counts["unresolved"] += 1
            elif target == p.id:
                counts["self"] += 1
            else:
                counts["resolved"] += 1
                if (p.id, target) not in seen:
                    seen.add((p.id, target))
                    out.append((p.id, target, str(ref)))
    return out, counts


ARXIV_DOI = "10.48550/arxiv."  # the DOI arXiv gives every paper


def _keys(ref: dict) -> list[str]:
    """Lookup keys of a reference object, most specific first."""
    keys = []
    if ref.get("raw"):
        raw = str(ref["raw"])
        ax, doi = parse_arxiv_id(raw), parse_doi(raw)
        if doi and doi.startswith(ARXIV_DOI):
            ax, doi = parse_arxiv_id(doi[len(ARXIV_DOI):]), None
        keys += [f"doi:{doi}"] if doi else ([f"arxiv:{ax}"] if ax else [])
        keys.append(f"title:{normalise_title(raw)}")
        return keys
    if ref.get("arxiv"):
        keys.append(f"arxiv:{parse_arxiv_id(str(ref['arxiv'])) or ref['arxiv']}")
    if ref.get("doi"):
        doi = parse_doi(str(ref["doi"])) or str(ref["doi"]).lower()
        ax = parse_arxiv_id(doi[len(ARXIV_DOI):]) if doi.startswith(ARXIV_DOI) else None
        keys.append(f"arxiv:{ax}" if ax else f"doi:{doi}")
    for src in ("s2", "openalex"):
        if ref.get(src):
            keys.append(f"{src}:{ref[src]}")
    if ref.get("title") and normalise_title(str(ref["title"])):
        keys.append(f"title:{normalise_title(str(ref['title']))}")
    return keys


def external_node(key: str, ref: dict) -> dict:
    """A cited work outside the corpus: a Paper node with ``external: true``."""
    from graphkit.ids import title_hash

    kind, _, value = key.partition(":")
    title = str(ref.get("title") or ref.get("raw") or "")
    node_id = f"title:{title_hash(title)}" if kind == "title" else key
    ax = value if kind == "arxiv" else None
    doi = (parse_doi(str(ref["doi"])) or str(ref["doi"]).lower()) if ref.get("doi") and not ax else None
    year = ref.get("year")
    return {
        "label": "Paper", "id": node_id, "title": title, "abstract": "", "date": None,
        "year": int(year) if isinstance(year, (int, float)) or (isinstance(year, str) and year.isdigit()) else None,
        "url": f"https://arxiv.org/abs/{ax}" if ax else (f"https://doi.org/{doi}" if doi else None),
        "authors": [], "author_count": None, "upvotes": None, "arxiv_id": ax, "doi": doi,
        "s2_id": ref.get("s2"), "openalex_id": ref.get("openalex"), "project_url": None,
        "code_url": None, "source": [], "entities": 0, "external": True,
    }


def cited_works(papers: Sequence[Paper], references: dict[str, list[dict]]):
    """References fetched from an API (:mod:`graphkit.readers.references`) -> CITES.

    Returns ``(edges, external, counts)``: ``edges`` = ``[(citing, cited, reference key)]``
    where ``cited`` is a corpus paper (matched by arXiv id, DOI or normalised title) or an
    external work; ``external`` = ``{id: node attributes}`` for works outside the corpus,
    one node per work even when papers cite it by different ids (a work's arXiv id, DOI,
    S2/OpenAlex id and title all point to the node made first). Citing papers are taken
    in id order, so the result does not depend on the order of the input files.

    >>> a = Paper("arxiv:1", "A", "x", arxiv_id="1")
    >>> e, ext, c = cited_works([a], {"arxiv:1": [{"doi": "10.1/z", "title": "Z"}]})
    >>> e, ext["doi:10.1/z"]["external"], c["external_papers"]
    ([('arxiv:1', 'doi:10.1/z', 'doi:10.1/z')], True, 1)
    """
    counts = {"references": 0, "resolved": 0, "external": 0, "self": 0, "without_paper": 0,
              "external_papers": 0}
    if not references:
        return [], {}, counts
    resolve = resolver(papers)
    corpus = corpus_keys(papers)  # lookup key -> corpus paper id
    ext_by_key: dict[str, str] = {}
    external: dict[str, dict] = {}
    edges: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    citing = sorted(((resolve(k), refs) for k, refs in references.items()), key=lambda x: str(x[0]))
    for pid, refs in citing:
        if pid is None:
            counts["without_paper"] += 1
            continue
        for ref in refs:
            counts["references"] += 1
            keys = _keys(ref)
            if not keys:
                continue
            target = next((corpus[k] for k in keys if k in corpus), None)
            if target is None and ref.get("raw"):
                target = resolve(str(ref["raw"]))
            if target is not None:
                if target == pid:
                    counts["self"] += 1
                    continue
                counts["resolved"] += 1
            else:
                counts["external"] += 1
                target = next((ext_by_key[k] for k in keys if k in ext_by_key), None)
                if target is None:
                    node = external_node(keys[0], ref)
                    target = node["id"]
                    if target in external or target in corpus.values():  # a title hash clash
                        target = keys[0]
                        node["id"] = target
                    external[target] = node
                else:  # fill what the first citation did not say
                    node = external[target]
                    for k_ref, k_node in (("title", "title"), ("s2", "s2_id"), ("openalex", "openalex_id")):
                        if not node.get(k_node) and ref.get(k_ref):
                            node[k_node] = ref[k_ref]
                for k in keys:
                    ext_by_key.setdefault(k, target)
            if (pid, target) not in seen:
                seen.add((pid, target))
                edges.append((pid, target, keys[0]))
    counts["external_papers"] = len(external)
    return edges, external, counts
