"""BUILDS_ON: inferred citations — paper A mentions an entity that paper B introduces.

Rules (each skip is counted, never silent):

- ``A != B``, and A does not itself claim to introduce the entity;
- an entity "introduced" by more than ``max_introducers`` papers (default 3) is an
  extraction ambiguity, not a lineage: it makes no BUILDS_ON edge (``ambiguous``);
- when both papers have ISO dates and B is later than A, A cannot build on B
  (``later``).

``via`` lists the entities behind an edge (sorted).

>>> links, counts = builds_on({"a": ["x"], "b": ["x"]}, {"x": ["b"]}, {})
>>> links
[('a', 'b', ['x'])]
"""

from __future__ import annotations

from typing import Mapping, Sequence


def builds_on(paper_entities: Mapping[str, Sequence[str]], introduced_by: Mapping[str, Sequence[str]],
              dates: Mapping[str, str | None], *, max_introducers: int = 3
              ) -> tuple[list[tuple[str, str, list[str]]], dict[str, int]]:
    """``([(a, b, via), ...] sorted by (a, b), counts)``; ``counts`` has ``ambiguous``
    (entities skipped) and ``later`` (pairs skipped for dates)."""
    counts = {"ambiguous": 0, "later": 0}
    usable: dict[str, list[str]] = {}
    for e, intro in introduced_by.items():
        intro = sorted(set(intro))
        if not intro:
            continue
        if len(intro) > max_introducers:
            counts["ambiguous"] += 1
            continue
        usable[e] = intro
    via: dict[tuple[str, str], set[str]] = {}
    for a in paper_entities:
        da = _iso(dates.get(a))
        for e in set(paper_entities[a]):
            intro = usable.get(e)
            if not intro or a in intro:
                continue
            for b in intro:
                db = _iso(dates.get(b))
                if da and db and db > da:
                    counts["later"] += 1
                    continue
                via.setdefault((a, b), set()).add(e)
    return [(a, b, sorted(v)) for (a, b), v in sorted(via.items())], counts


def _iso(d: str | None) -> str | None:
    """Only full ISO dates (YYYY-MM-DD) compare; "Jul 10" does not."""
    return d if d and len(d) >= 10 and d[4] == "-" and d[:4].isdigit() else None
