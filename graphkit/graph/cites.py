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


def resolver(papers: Sequence[Paper]):
    """A function ``reference -> paper id or None`` over ``papers``."""
    by_key: dict[str, str] = {}
    for p in papers:
        by_key.setdefault(p.id.lower(), p.id)
        if p.arxiv_id:
            by_key.setdefault(f"arxiv:{p.arxiv_id}", p.id)
        if p.doi:
            by_key.setdefault(f"doi:{p.doi.lower()}", p.id)
        t = normalise_title(p.title)
        if t:
            by_key.setdefault(f"title:{t}", p.id)

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
