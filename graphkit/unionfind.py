"""Disjoint sets of keys: the one union-find of graphkit (per-paper and corpus resolution).

Hand-written (a dozen lines) rather than ``networkx.utils.UnionFind``: importing networkx
costs ~0.45 s of CPU, paid by every ``graphkit extract`` that needs no graph.

>>> uf = UnionFind()
>>> for a, b in [("a", "b"), ("c", "d"), ("b", "e")]:
...     uf.union(a, b)
>>> uf.groups()
[['a', 'b', 'e'], ['c', 'd']]
"""

from __future__ import annotations

from typing import Hashable


class UnionFind:
    """Keys joined by :meth:`union`; :meth:`find` gives a set's root (path halving)."""

    __slots__ = ("parent",)

    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, x: Hashable) -> Hashable:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = x = parent[parent[x]]
        return x

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb

    def groups(self) -> list[list]:
        """The sets, each in the order its keys were first seen, in the order of their first key."""
        out: dict[Hashable, list] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return list(out.values())
