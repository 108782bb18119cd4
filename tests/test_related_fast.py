"""The vectorised RELATED selection (graphkit.graph.related) against the plain per-row loop
it replaced, kept here as the reference, on real extractions: data/, 1,500 API abstracts,
and those repeated (exact ties at the cut, as in the bench corpora), plus papers with no
neighbours."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

import graphkit.graph.related as related
from graphkit.graph.related import default_max_df, related_edges, related_pairs
from graphkit.readers import read_paths


def reference(paper_entities, *, k=10, max_df=None):
    """graphkit 0.x's related_pairs: a loop over the rows of each block."""
    papers = sorted(paper_entities)
    n = len(papers)
    if n < 2 or k <= 0:
        return {p: [] for p in papers}
    max_df = default_max_df(n) if max_df is None else max_df
    df: dict[str, int] = {}
    for p in papers:
        for e in set(paper_entities[p]):
            df[e] = df.get(e, 0) + 1
    kept = sorted((e for e, c in df.items() if 1 < c <= max_df and c < n), key=lambda e: (df[e], e))
    col = {e: i for i, e in enumerate(kept)}
    idf = np.array([math.log(n / df[e]) for e in kept], dtype=np.float64)
    rows, cols = [], []
    ent_sets: list[set[int]] = []
    for i, p in enumerate(papers):
        cs = sorted({col[e] for e in paper_entities[p] if e in col})
        ent_sets.append(set(cs))
        rows.extend([i] * len(cs))
        cols.extend(cs)
    X = sparse.csr_matrix((np.ones(len(rows)), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
                          shape=(n, len(kept)))
    XT = (X @ sparse.diags(idf)).T.tocsr()
    out = {}
    for start in range(0, n, 2048):
        S = (X[start:start + 2048] @ XT).tocsr()
        row_of = np.repeat(np.arange(S.shape[0]), np.diff(S.indptr))
        S.data[S.indices == row_of + start] = 0.0
        S.data = np.round(S.data, 9)
        S.eliminate_zeros()
        for r in range(S.shape[0]):
            i = start + r
            idx = S.indices[S.indptr[r]:S.indptr[r + 1]]
            w = S.data[S.indptr[r]:S.indptr[r + 1]]
            if len(idx) > k:
                cut = -np.partition(-w, k - 1)[k - 1]
                sel = w >= cut
                idx, w = idx[sel], w[sel]
            order = np.lexsort((idx, -w))[:k]
            out[papers[i]] = [(papers[j], float(w[o]), [kept[c] for c in sorted(ent_sets[i] & ent_sets[j])])
                              for o in order.tolist() for j in (int(idx[o]),)]
    return out


@pytest.fixture(scope="module")
def corpora(sample_dir, api_dir, ex):
    """``{name: {paper: [entity ids]}}`` from real extractions."""
    def entities(papers):
        return {x.paper_id: [e.id for e in x.entities] for x in ex.extract(papers)}

    sample = entities(read_paths([sample_dir]).papers)
    api = entities(read_paths([api_dir]).papers[:1500])
    repeated = {f"{p}~{i}": es for p, es in api.items() for i in range(4)}  # ties everywhere
    repeated.update({f"none{i}": [] for i in range(5)})
    return {"sample": sample, "api": api, "repeated": repeated}


@pytest.mark.parametrize("k", [1, 3, 10])
def test_fast_equals_reference_on_real_extractions(corpora, k):
    for name, pe in corpora.items():
        got, want = related_pairs(pe, k=k), reference(pe, k=k)
        assert got == want, name
        assert all(type(w) is float for v in got.values() for _, w, _ in v)


def test_the_data_has_ties_at_the_cut_and_papers_without_neighbours(corpora):
    """What the comparison above must cover: weights tied across the k-th place (so the
    paper id decides) and papers without any neighbour."""
    pe = corpora["repeated"]
    full = related_pairs(pe, k=50)
    cut = related_pairs(pe, k=3)
    tied = [a for a, v in cut.items() if len(full[a]) > 3 and full[a][2][1] == full[a][3][1]]
    assert len(tied) > 100
    assert sum(1 for v in cut.values() if not v) >= 5


def test_more_blocks_smaller_max_df_and_the_plain_path(corpora, monkeypatch):
    pe = corpora["repeated"]
    want = reference(pe, k=4, max_df=30)
    monkeypatch.setattr(related, "BLOCK", 300)  # many blocks, a short last one
    monkeypatch.setattr(related, "SUB", 100)
    assert related_pairs(pe, k=4, max_df=30) == want
    monkeypatch.setattr(related, "_KEY_BITS", 40)  # scores too large for the keys: one lexsort
    assert related_pairs(pe, k=4, max_df=30) == want


def test_edges_are_the_pairs_with_ranks(corpora):
    pe = corpora["api"]
    rel = related_pairs(pe, k=5)
    a, b, w, shared, rank = related_edges(pe, k=5)
    assert list(zip(a, b, w, shared)) == [(p, *t) for p, v in rel.items() for t in v]
    assert rank == [r for v in rel.values() for r in range(1, len(v) + 1)]


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from([f"p{i}" for i in range(30)]),
                       st.lists(st.sampled_from("abcdefghij"), max_size=6), min_size=2),
       st.integers(1, 6), st.integers(1, 40))
def test_fast_equals_reference_on_random_input(pe, k, max_df):
    assert related_pairs(pe, k=k, max_df=max_df) == reference(pe, k=k, max_df=max_df)


def test_round_floats_is_pythons_round(corpora):
    """The RELATED weights are stored as round(w, 6): the vectorised rounding must give the
    same floats, on real weights, at exact decimal ties and on odd values."""
    weights = related_edges(corpora["repeated"], k=10)[2]
    ties = (np.arange(-200000, 200000) + 0.5) / 1e6
    odd = [0.0, -0.0, -5e-7, 5e-7, 2.5e-6, 1e20, 2.0 ** 52, 123456789.1234565, math.inf, -math.inf]
    rng = np.random.default_rng(7)
    spread = (rng.random(50000) * 10.0 ** rng.integers(-9, 8, 50000)).tolist()
    for values in (weights, ties.tolist(), odd, spread):
        for nd in (0, 3, 6, 9):
            got, want = related.round_floats(values, nd), [round(v, nd) for v in values]
            assert [repr(v) for v in got] == [repr(v) for v in want]
    assert repr(related.round_floats([math.nan], 6)[0]) == "nan"
