"""The corpus-wide type vote of one entity, from each paper's evidence.

Each paper's :attr:`~graphkit.model.ExtractedEntity.type_votes` hold what that paper
says about the name's type (a gazetteer entry votes 5.0 for its type; context such as
"the X benchmark" or "X, a simulator" 1-2.5; an unknown name starts with a default
Method vote of :data:`DEFAULT_VOTE`). Across the corpus:

- a paper's evidence is its votes, led by the type the paper gave the name; when that is
  not Method, the default Method vote is taken out (the paper overrode it): "RULER" typed
  Benchmark by context in 4 papers does not collect 4 default Method votes as well;
- a paper whose only vote is the default one says nothing but the base rate, and counts
  :data:`BARE_WEIGHT` for Method (50 bare uses of "DiT" outweigh one stray "on DiT";
  "VAR" used bare in 6 papers is not retyped by one paper introducing a "VAR" dataset);
- the paper that introduces the name counts :data:`INTRODUCER_WEIGHT` times (its authors
  say what it is).

A corpus of one paper keeps the paper's own types.
The type with the largest total wins (ties: the order of :data:`~graphkit.model.ALL_ENTITY_TYPES`);
``confidence`` is the winner's share of the total. A second type is kept for the papers
that give it only as a deliberate homonym: both sides have at least
:data:`HOMONYM_MIN` votes, the second at least :data:`HOMONYM_SHARE` of the winner's,
and a paper introduces the name as that type or a curated list (the gazetteer) gives it
(the "Ruler" length-control method and the "RULER" long-context benchmark; the Atlas
humanoid and the "ATLAS" methods); papers that mention the name bare follow the winner.

>>> v = tally([({"Benchmark": 2.5}, False)] * 9 + [({}, False)] * 3)
>>> decide(v)
('Benchmark', 0.893)
"""

from __future__ import annotations

from typing import Iterable

from graphkit.model import ALL_ENTITY_TYPES, ExtractedEntity

DEFAULT_VOTE = ("Method", 0.9)
"""The vote the per-paper extractor gives every unknown name (graphkit.extract.resolve);
tests/test_resolve_corpus.py checks the two agree."""
BARE_WEIGHT = 0.9
INTRODUCER_WEIGHT = 1.5
HOMONYM_MIN = 5.0
HOMONYM_SHARE = 1 / 3
_ORDER = {t: i for i, t in enumerate(ALL_ENTITY_TYPES)}

LIST_SOURCES = ("gazetteer", "user")
"""Entity sources whose type comes from a curated list (no default vote in them)."""


def paper_evidence(e: ExtractedEntity) -> dict[str, float]:
    """What one paper says about ``e``'s type: its votes, led by the paper's own type
    (raised above the top vote when the extractor decided against them); without the
    default Method vote when the paper typed the name otherwise; nothing (``{}``) when the
    votes are only the default vote of an unknown name.

    >>> paper_evidence(ExtractedEntity("X", "Benchmark", type_votes={"Method": 0.9, "Benchmark": 2.5}))
    {'Benchmark': 2.5}
    >>> paper_evidence(ExtractedEntity("X", "Method", type_votes={"Method": 0.9}))
    {}
    >>> paper_evidence(ExtractedEntity("Optimus-2", "Method", type_votes={"Method": 4.9, "Robot": 4.5}))
    {'Method': 4.9, 'Robot': 4.5}
    >>> paper_evidence(ExtractedEntity("PPO", "Method", source="gazetteer", type_votes={"Method": 5.0}))
    {'Method': 5.0}
    """
    votes = e.type_votes
    if not votes:
        return {e.type: 1.0}
    t0, w0 = DEFAULT_VOTE
    listed = "gazetteer" in e.source or "user" in e.source  # LIST_SOURCES
    if len(votes) == 1:
        w = votes.get(t0)
        if w is not None and w <= w0 + 1e-9 and not listed:
            return {}
        if e.type in votes:
            return votes
    top = max(votes.values())
    if votes.get(e.type, 0.0) < top:  # the paper typed it against its own votes: its decision counts
        votes = dict(votes)
        votes[e.type] = top + 0.1
    if e.type != t0 and t0 in votes and not listed:  # the paper overrode the default
        votes = dict(votes)
        w = votes.pop(t0) - w0
        if w > 1e-9:
            votes[t0] = w
    return votes


def tally(evidence: Iterable[tuple[dict[str, float], bool]]) -> dict[str, float]:
    """Summed votes over ``(paper evidence, introduced in that paper)`` pairs."""
    total: dict[str, float] = {}
    t0 = DEFAULT_VOTE[0]
    for ev, introduced in evidence:
        if not ev:
            total[t0] = total.get(t0, 0.0) + BARE_WEIGHT
            continue
        m = INTRODUCER_WEIGHT if introduced else 1.0
        for t, w in ev.items():
            total[t] = total.get(t, 0.0) + m * w
    return total


def ranked(votes: dict[str, float]) -> list[tuple[str, float]]:
    """Types by total, largest first (ties: the order of ``ALL_ENTITY_TYPES``)."""
    return sorted(votes.items(), key=lambda kv: (-kv[1], _ORDER.get(kv[0], 99), kv[0]))


def decide(votes: dict[str, float]) -> tuple[str, float]:
    """The winning type and its share of all votes (3 decimals)."""
    (t, w), *_ = ranked(votes)
    total = sum(votes.values())
    return t, round(w / total, 3) if total else 1.0


def homonym_types(votes: dict[str, float], deliberate: set[str]) -> set[str]:
    """Types besides the winner that stay separate nodes (see the module docstring).

    >>> homonym_types({"Method": 10.0, "Benchmark": 6.0}, {"Benchmark"})
    {'Benchmark'}
    >>> homonym_types({"Method": 10.0, "Benchmark": 6.0}, set())
    set()
    """
    (top, w_top), *rest = ranked(votes)
    if w_top < HOMONYM_MIN:
        return set()
    return {t for t, w in rest
            if t in deliberate and w >= HOMONYM_MIN and w >= HOMONYM_SHARE * w_top}


def own_type(e: ExtractedEntity, ev: dict[str, float]) -> str:
    """The type one paper's own evidence favours (its extracted type when it has none):
    ``ranked(ev)[0][0]``, without sorting (it runs for every paper-level entity of a name
    typed two ways: 400k times on the 100k bench)."""
    if not ev:
        return e.type
    if len(ev) == 1:
        for t in ev:
            return t
    return min(ev.items(), key=lambda kv: (-kv[1], _ORDER.get(kv[0], 99), kv[0]))[0]
