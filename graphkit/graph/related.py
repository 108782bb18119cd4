"""RELATED: each paper's top-k neighbours through shared entities, IDF-weighted.

Weight of a pair of papers ``(a, b)``::

    weight(a, b) = sum over entities e shared by a and b of  idf(e),  idf(e) = log(N / df(e))

``N`` is the number of papers and ``df(e)`` the number of papers mentioning ``e``. Sharing
a rare entity (a niche benchmark) says much more than sharing a common one ("LLM"), as in
TF-IDF retrieval. An entity in every paper has ``idf = 0`` and links nothing.

Common entities are never expanded into all their pairs. An entity with
``df > max_df`` (default ``max(50, N / 100)``) is a *stop entity*: its idf is at most
``log(N / max_df)`` (~4.6 at the default, against ~log(N) for a rare one), so, like a stop
word in retrieval, it neither proposes candidate pairs nor adds weight. The cost is then
bounded by ``sum over kept entities of df(e)^2 <= max_df * (number of MENTIONS)``: linear in
the corpus for a fixed ``max_df`` (at 100k papers an entity in 20k papers is skipped, not
expanded into 200M pairs). The candidate scores are a sparse product ``X_b @ X.T`` computed
in row blocks (``X`` = papers x kept entities, weighted by idf), and only each row's top k
survive, ties broken by paper id so the result does not depend on input order.

The selection is vectorised over 256 rows at a time (hand-written for speed: the former
loop over the rows, with a ``np.partition``, a ``np.lexsort`` and a set intersection per
row and neighbour, cost ~8 s of CPU at 100k papers and 33M candidate pairs; this about
3.5 s, half of it the product itself). Every candidate gets one int64 key of bit fields
``row | max - round(weight * 1e9) | column``, so one ``np.sort`` orders the rows' candidates
by weight, best first, ties by paper id; the first ``k + 1`` of each row are its best ``k``
plus the paper itself (always its row's best score: all of its own entities), which is
dropped. Weights too large for the field fall back to one ``np.lexsort``. The ``shared``
entities of the kept pairs are the rows of the elementwise product ``X[a] * X[b]``
(sorted columns). ``tests/test_related_fast.py`` compares all this with the per-row loop.

>>> pairs = related_pairs({"p1": ["e1", "e2"], "p2": ["e1"], "p3": ["e2"], "p4": ["e2"]}, k=2)
>>> [(other, round(w, 2), shared) for other, w, shared in pairs["p1"]]
[('p2', 0.69, ['e1']), ('p3', 0.29, ['e2'])]
"""

from __future__ import annotations

import math
from itertools import chain
from typing import Mapping, Sequence

import numpy as np
from scipy import sparse

from graphkit.graph.incidence import paper_entity_pairs

BLOCK = 2048  # rows of a product X_b @ X.T
SUB = 256  # rows of one sort in _top_k (8 bits of its keys)
_KEY_BITS = 63  # the bits of _top_k's keys (int64, not negative)


def default_max_df(n_papers: int) -> int:
    """The df above which an entity is a stop entity: ``max(50, N // 100)``."""
    return max(50, n_papers // 100)


def related_pairs(paper_entities: Mapping[str, Sequence[str]], *, k: int = 10,
                  max_df: int | None = None) -> dict[str, list[tuple[str, float, list[str]]]]:
    """For every paper, its top ``k`` neighbours: ``[(other, weight, shared), ...]``, best
    first. ``shared`` lists the (non-stop) shared entity ids, most informative first.

    Papers sharing only stop entities (or nothing) are not neighbours.
    """
    out: dict[str, list[tuple[str, float, list[str]]]] = {p: [] for p in sorted(paper_entities)}
    for a, b, w, shared, _rank in zip(*related_edges(paper_entities, k=k, max_df=max_df)):
        out[a].append((b, w, shared))
    return out


def related_edges(paper_entities: Mapping[str, Sequence[str]], *, k: int = 10,
                  max_df: int | None = None
                  ) -> tuple[list[str], list[str], list[float], list[list[str]], list[int]]:
    """The pairs of :func:`related_pairs` as five parallel lists ``(a, b, weight, shared,
    rank)``, ordered by ``a`` then rank (1 = best): the edges without a tuple per pair.

    >>> related_edges({"p1": ["e1"], "p2": ["e1"], "p3": []})[:2]
    (['p1', 'p2'], ['p2', 'p1'])
    """
    papers = sorted(paper_entities)
    n = len(papers)
    if n < 2 or k <= 0:
        return [], [], [], [], []
    max_df = default_max_df(n) if max_df is None else max_df
    X, kept, df = _incidence([paper_entities[p] for p in papers], max_df)
    idf = np.array([math.log(n / c) for c in df], dtype=np.float64)
    XT = (X @ sparse.diags(idf)).T.tocsr()

    # the integer keys of _top_k: (block row, weight, column) in _KEY_BITS bits; a pair's score
    # is at most a paper's own (the sum of its idfs), which bounds the weight field
    col_bits = max(1, (n - 1).bit_length())
    row_bits = max(1, (SUB - 1).bit_length())
    w_bits = _KEY_BITS - col_bits - row_bits
    limit = 2.0 ** w_bits / 1e9 / (1 + 1e-9) - 1e-8 if w_bits > 0 else 0.0
    own = X @ idf
    src, dst, units = [], [], []
    for start in range(0, n, BLOCK):
        S = X[start:start + BLOCK] @ XT
        for lo in range(0, S.shape[0], SUB):
            hi = min(lo + SUB, S.shape[0])
            at, to = S.indptr[lo], S.indptr[hi]
            part = (S.indptr[lo:hi + 1] - at, S.indices[at:to], S.data[at:to])
            if float(own[start + lo:start + hi].max()) < limit:
                r, c, u = _top_k(*part, start + lo, k, row_bits, w_bits, col_bits)
            else:  # weights too large for the keys (never seen): one lexsort of all
                r, c, u = _top_k_plain(*part, start + lo, k)
            src.append(r + start + lo)
            dst.append(c)
            units.append(u)
    a = np.concatenate(src)
    b = np.concatenate(dst)
    weights = np.concatenate(units) / 1e9  # = np.round(score, 9): numpy rounds as rint(x * 1e9) / 1e9
    shared = _shared(X, a, b, kept)
    counts = np.bincount(a, minlength=n)
    ranks = list(chain.from_iterable(map(range, [1] * n, (counts + 1).tolist())))
    names = np.array(papers, dtype=object)
    return names[a].tolist(), names[b].tolist(), weights.tolist(), shared, ranks


def _incidence(lists: list[Sequence[str]], max_df: int) -> tuple[sparse.csr_matrix, list[str], list[int]]:
    """``(X, kept, df)``: the kept entities (``1 < df <= max_df``, not in every paper) ordered
    rarest first (ties: by id), so that sorted column numbers are most informative first,
    their dfs, and papers x kept entities, 1.0 where a paper mentions the entity, each row's
    columns ascending (the order the product sums a pair's idfs in)."""
    n = len(lists)
    names = list(dict.fromkeys(chain.from_iterable(lists)))
    code = dict(zip(names, range(len(names))))
    E = max(len(names), 1)
    rows, codes = paper_entity_pairs(lists, code)  # a paper's entities once each, by row
    df = np.bincount(codes, minlength=E).tolist()
    kept_codes = sorted((i for i, c in enumerate(df) if 1 < c <= max_df and c < n), key=lambda i: (df[i], names[i]))
    col = np.full(E, -1, dtype=np.int64)
    col[kept_codes] = np.arange(len(kept_codes), dtype=np.int64)
    cols = col[codes]
    ok = cols >= 0
    rows, cols = rows[ok], cols[ok]
    order = np.lexsort((cols, rows))
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    X = sparse.csr_matrix((np.ones(len(cols), dtype=np.float64), cols[order], indptr), shape=(n, len(kept_codes)))
    return X, [names[i] for i in kept_codes], [df[i] for i in kept_codes]


def _top_k(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, start: int, k: int,
           row_bits: int, w_bits: int, col_bits: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's best ``k`` columns of the CSR block ``(indptr, indices, data)`` (rows
    ``start...`` of the paper x paper scores), but not the paper itself: ``(rows, columns, weights in units of 1e-9)``
    ordered by ``(row, -weight, column)``, the exact top k, ties at the cut broken by
    column (= paper id). Weights are rounded to 1e-9 first, so float noise cannot break ties.

    One ``np.sort`` of integer keys ``row | max - weight | column`` (bit fields) orders the
    block; the paper itself has the best score of its row (its own entities, all of them),
    so the row's first ``k + 1`` hold its best ``k`` others. The weights (in units) must fit
    in ``w_bits`` (see the caller).
    """
    n_rows = len(indptr) - 1
    counts = np.diff(indptr)
    wmax = (1 << w_bits) - 1
    field = data * -1e9
    np.rint(field, out=field)  # -units: distinct rounded weights, distinct units
    field += wmax  # wmax - units, exact in a float64
    key = field.astype(np.int64)
    key <<= col_bits
    key |= indices
    key |= np.repeat(np.arange(n_rows, dtype=np.int64) << (w_bits + col_bits), counts)
    key.sort()
    m = np.minimum(counts, k + 1)
    ends = np.cumsum(m)
    top = key[np.arange(ends[-1] if len(ends) else 0) + np.repeat(indptr[:-1] - (ends - m), m)]
    rows = top >> (w_bits + col_bits)
    cols = top & ((1 << col_bits) - 1)
    u = wmax - ((top >> col_bits) & wmax)
    keep = (cols != rows + start) & (u > 0)  # not the paper itself (nor a zero score)
    rows, cols, u = rows[keep], cols[keep], u[keep]
    return _first_k(rows, cols, u.astype(np.float64), np.arange(len(rows)), k, n_rows)


def _top_k_plain(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, start: int, k: int
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_top_k` with one ``np.lexsort`` of all candidates (slower; for any score)."""
    n_rows = len(indptr) - 1
    rows = np.repeat(np.arange(n_rows, dtype=np.int64), np.diff(indptr))
    cols = indices.astype(np.int64)
    units = np.rint(data * 1e9)
    keep = (cols != rows + start) & (units > 0)
    rows, cols, units = rows[keep], cols[keep], units[keep]
    return _first_k(rows, cols, units, np.lexsort((cols, -units, rows)), k, n_rows)


def _first_k(rows, cols, units, order, k, n_rows):
    """The first ``k`` of each row of ``order`` (sorted by row): ``(rows, cols, units)``."""
    r = rows[order]
    counts = np.bincount(r, minlength=n_rows)
    first = np.cumsum(counts) - counts
    sel = order[np.arange(len(order)) - first[r] < k]
    return rows[sel], cols[sel], units[sel]


def _shared(X: sparse.csr_matrix, a: np.ndarray, b: np.ndarray, kept: list[str]) -> list[list[str]]:
    """For each pair ``(a[i], b[i])``, the kept entities both mention, by column (rarest
    first): the rows of ``X[a] * X[b]`` (elementwise; sorted columns)."""
    P = X[a].multiply(X[b]).tocsr()
    P.sort_indices()
    names = np.array(kept, dtype=object)[P.indices].tolist()
    ends = P.indptr[1:].tolist()
    return list(map(names.__getitem__, map(slice, [0] + ends[:-1], ends)))


def round_floats(values: Sequence[float] | np.ndarray, ndigits: int) -> list[float]:
    """``[round(v, ndigits) for v in values]``, the same floats, vectorised (Python's
    ``round`` costs ~0.3 s for the 918k RELATED weights of 100k papers; this ~30 ms).

    Python rounds the exact binary value to the nearest decimal with ``ndigits`` digits
    (ties to even), then reads that decimal back: the double nearest to ``q / 10**ndigits``,
    i.e. the IEEE quotient of the integers ``q`` and ``10**ndigits``. Here ``y = v * 10**ndigits``
    is off the exact product by at most ``|y| * 2**-53``, so where ``y`` is farther than that from
    a half-integer, ``np.rint(y)`` is that ``q``; the others (near ties, huge or not finite) go
    through ``round``.

    >>> round_floats([0.1234565, 2.5e-7, 1e300], 6) == [round(v, 6) for v in [0.1234565, 2.5e-7, 1e300]]
    True
    """
    x = np.asarray(values, dtype=np.float64)
    if not 0 <= ndigits <= 15:
        return [round(v, ndigits) for v in x.tolist()]
    f = float(10 ** ndigits)
    y = x * f
    with np.errstate(invalid="ignore"):
        near = np.abs(np.abs(y - np.floor(y)) - 0.5) <= np.abs(y) * 2.0 ** -50
        slow = near | ~(np.abs(y) < 2.0 ** 50)  # NaN compares False: slow
    out = (np.rint(y) / f).tolist()
    for i in np.flatnonzero(slow).tolist():
        out[i] = round(float(x[i]), ndigits)
    return out
