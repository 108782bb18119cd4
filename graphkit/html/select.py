"""Which part of the graph the view shows: an ego network (``--focus``/``--depth``),
some node kinds (``--types``) and at most ``--max-nodes`` of the most important nodes,
with an account of what was left out.

>>> sel = select_view(G, focus="LIBERO", depth=1, max_nodes=500)   # doctest: +SKIP
>>> sel.graph.number_of_nodes(), sel.notice()                       # doctest: +SKIP
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Hashable, Iterable

import networkx as nx

from graphkit.errors import GraphkitError
from graphkit.html.style import NODE_KINDS, node_kind

DEFAULT_MAX_NODES = 2500
"""The default cap: enough for a readable picture, fast in any browser."""


@dataclass
class Selection:
    """The subgraph to draw and what was left out of the full graph."""

    graph: nx.MultiDiGraph
    total_nodes: int
    total_edges: int
    focus: Hashable | None = None
    depth: int = 1
    types: tuple[str, ...] = ()
    max_nodes: int | None = None
    ranked_by: str = ""
    left_out: dict[str, int] = field(default_factory=dict)  # node kind -> count

    @property
    def left_out_nodes(self) -> int:
        return self.total_nodes - self.graph.number_of_nodes()

    @property
    def left_out_edges(self) -> int:
        return self.total_edges - self.graph.number_of_edges()

    def notice(self) -> str:
        """One sentence on what is shown and left out ('' when everything is shown)."""
        if not self.left_out_nodes and not self.left_out_edges:
            return ""
        why = []
        if self.focus is not None:
            why.append(f"the {self.depth}-hop neighbourhood of {self.graph.nodes[self.focus].get('name') or self.graph.nodes[self.focus].get('title') or self.focus}")
        if self.types:
            why.append("types " + ", ".join(self.types))
        if self.ranked_by:
            why.append(f"the {self.max_nodes:,} most important nodes by {self.ranked_by}")
        kinds = ", ".join(f"{n:,} {k}" for k, n in sorted(self.left_out.items(), key=lambda x: -x[1]))
        return (f"Showing {self.graph.number_of_nodes():,} of {self.total_nodes:,} nodes and "
                f"{self.graph.number_of_edges():,} of {self.total_edges:,} edges ({'; '.join(why)}). "
                f"Left out: {kinds or 'no nodes'}, {self.left_out_edges:,} edges. "
                "Use graphkit html --focus NAME, --types or --max-nodes to see more.")


def parse_types(types: Iterable[str] | None) -> tuple[str, ...]:
    """``["paper,method", "Dataset"]`` -> ``("Paper", "Method", "Dataset")``; unknown names fail."""
    out: list[str] = []
    canon = {k.casefold(): k for k in NODE_KINDS}
    for item in types or ():
        for t in str(item).split(","):
            t = t.strip()
            if not t:
                continue
            if t.casefold() not in canon:
                raise GraphkitError(f"--types: unknown type {t!r} (choose from {', '.join(NODE_KINDS)})")
            if canon[t.casefold()] not in out:
                out.append(canon[t.casefold()])
    return tuple(out)


def _names(d: dict) -> list[str]:
    names = [d.get("title"), d.get("name"), *(d.get("aliases") or [])]
    return [n for n in names if isinstance(n, str) and n]


def find_node(G: nx.MultiDiGraph, name: str) -> Hashable:
    """The node a user means by ``name``: an id, else an exact title/name/alias (case
    insensitive), else a title/name containing it; ties go to the best-connected node."""
    if name in G:
        return name
    q = name.strip().casefold()
    if not q:
        raise GraphkitError("--focus: empty name")
    exact, partial = [], []
    for n, d in G.nodes(data=True):
        names = [s.casefold() for s in _names(d)]
        if q in names:
            exact.append(n)
        elif any(q in s for s in names):
            partial.append(n)
    found = exact or partial
    if found:
        return max(found, key=lambda n: (G.degree(n), str(n)))
    pool = {s: n for n, d in G.nodes(data=True) for s in _names(d)}
    close = difflib.get_close_matches(name, list(pool), n=3, cutoff=0.6)
    hint = f" (did you mean: {'; '.join(close)}?)" if close else ""
    raise GraphkitError(f"--focus: no paper or entity matches {name!r}{hint}")


def importance(G: nx.MultiDiGraph) -> tuple[dict[Hashable, float], str]:
    """Score per node: the graph's ``pagerank`` attribute when every node has one, else degree."""
    pr = {n: d.get("pagerank") for n, d in G.nodes(data=True)}
    if pr and all(isinstance(v, (int, float)) for v in pr.values()):
        return {n: float(v) for n, v in pr.items()}, "PageRank"
    return {n: float(G.degree(n)) for n in G}, "degree"


LOOSE_EDGES = frozenset({"CO_OCCURS"})
"""Edge types that do not count as a connection when the cap drops isolated nodes."""


def _linked(G: nx.MultiDiGraph, n: Hashable, keep: set) -> bool:
    for _, v, t in G.out_edges(n, data="type"):
        if v in keep and v != n and t not in LOOSE_EDGES:
            return True
    for u, _, t in G.in_edges(n, data="type"):
        if u in keep and u != n and t not in LOOSE_EDGES:
            return True
    return False


def top_connected(G: nx.MultiDiGraph, ordered: list, k: int, focus: Hashable | None = None,
                  rounds: int = 6) -> set:
    """The first ``k`` of ``ordered`` (best first), then, a few rounds over, nodes with no
    link to the rest (a method whose papers were cut) swapped for the next best linked ones."""
    keep = set(ordered[:k])
    nxt = k
    for _ in range(rounds):
        alone = [n for n in ordered[:nxt] if n in keep and n != focus and not _linked(G, n, keep)]
        if not alone:
            break
        keep.difference_update(alone)
        skipped = []
        while len(keep) < k and nxt < len(ordered):
            n = ordered[nxt]
            nxt += 1
            (keep.add(n) if _linked(G, n, keep) else skipped.append(n))
        if len(keep) < k:  # not enough linked ones: top up with the best of the rest
            keep.update((alone + skipped)[: k - len(keep)])
            break
    return keep


def _induced(G: nx.MultiDiGraph, keep: set) -> nx.MultiDiGraph:
    """``G.subgraph(keep).copy()``, in G's order, ~10x faster on big graphs."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in keep)
    H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)
                     if u in keep and v in keep)
    return H


def select_view(G: nx.MultiDiGraph, *, focus: str | None = None, depth: int = 1,
                types: Iterable[str] | None = None,
                max_nodes: int | None = DEFAULT_MAX_NODES) -> Selection:
    """The subgraph the view draws (see the module docstring). ``max_nodes`` None or 0: no cap."""
    if depth < 0:
        raise GraphkitError("--depth must be 0 or more")
    kinds = parse_types(types)
    keep: set = set(G.nodes)
    focus_id = None
    if focus is not None:
        focus_id = find_node(G, focus)
        ego = nx.ego_graph(G.to_undirected(as_view=True), focus_id, radius=depth)
        keep = set(ego.nodes)
    if kinds:
        keep = {n for n in keep if node_kind(G.nodes[n]) in kinds or n == focus_id}
    ranked_by = ""
    if max_nodes and len(keep) > max_nodes:
        score, ranked_by = importance(G)
        ordered = sorted(keep, key=lambda n: (n != focus_id, -score[n], str(n)))
        keep = top_connected(G, ordered, max_nodes, focus_id)
    H = _induced(G, keep)
    left: dict[str, int] = {}
    for n, d in G.nodes(data=True):
        if n not in keep:
            k = node_kind(d)
            left[k] = left.get(k, 0) + 1
    return Selection(graph=H, total_nodes=G.number_of_nodes(), total_edges=G.number_of_edges(),
                     focus=focus_id, depth=depth, types=kinds, max_nodes=max_nodes or None,
                     ranked_by=ranked_by, left_out=left)
