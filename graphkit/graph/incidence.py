"""The (paper, entity) pairs of a papers x entities incidence matrix, built with numpy.

Shared by :mod:`~graphkit.graph.related` and :mod:`~graphkit.graph.cooccurs`: a Python
loop over the papers cost ~0.4 s at 100k papers, this one sort of integer keys ~0.1 s.

>>> rows, codes = paper_entity_pairs([["b", "a", "b"], [], ["a"]], {"a": 0, "b": 1})
>>> rows.tolist(), codes.tolist()
([0, 0, 2], [0, 1, 0])
"""

from __future__ import annotations

from itertools import chain
from typing import Mapping, Sequence

import numpy as np


def paper_entity_pairs(lists: Sequence[Sequence[str]], code: Mapping[str, int]
                       ) -> tuple[np.ndarray, np.ndarray]:
    """``(rows, codes)``: each paper's entity codes once each (``lists[i]`` is paper ``i``'s
    entities, ``code`` numbers every entity), ordered by row, then code."""
    n = len(lists)
    flat = list(chain.from_iterable(lists))
    E = max(len(code), 1)
    rows = np.repeat(np.arange(n, dtype=np.int64), np.fromiter(map(len, lists), dtype=np.int64, count=n))
    pairs = np.sort(rows * E + np.fromiter(map(code.__getitem__, flat), dtype=np.int64, count=len(flat)))
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))[:len(pairs)]]  # = np.unique (which hashes first: slower)
    return pairs // E, pairs % E
