"""The faster CO_OCCURS counts, community votes and PageRank adjacency against the plain
code they replaced (kept here as references), on the graph of real extractions (data/ and
600 API abstracts, repeated so that counts and votes tie)."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from scipy import sparse

from graphkit.graph import build_graph
from graphkit.graph.communities import cluster
from graphkit.graph.cooccurs import cooccurrences
from graphkit.graph.metrics import _adjacency
from graphkit.readers import read_paths


def cooccurrences_reference(paper_entities, *, min_papers=1):
    n = len(paper_entities)
    ents = sorted({e for es in paper_entities.values() for e in es})
    if n == 0 or len(ents) < 2:
        return []
    col = {e: i for i, e in enumerate(ents)}
    rows, cols = [], []
    for i, p in enumerate(sorted(paper_entities)):
        cs = sorted({col[e] for e in paper_entities[p]})
        rows.extend([i] * len(cs))
        cols.extend(cs)
    X = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(n, len(ents)))
    df = np.asarray(X.sum(axis=0)).ravel()
    C = sparse.triu(X.T.tocsr() @ X, k=1).tocoo()
    keep = C.data >= min_papers
    a, b, c = C.row[keep], C.col[keep], C.data[keep]
    w = n * c.astype(np.float64) / (df[a].astype(np.float64) * df[b])
    order = np.lexsort((b, a))
    return [(ents[a[i]], ents[b[i]], int(c[i]), float(w[i])) for i in order]


def votes_reference(paper_entities, entity_comm, size, df):
    """The paper votes of cluster(), one log per mention."""
    papers = sorted(paper_entities)
    n_papers = max(len(papers), 1)
    out = {}
    for p in papers:
        votes = {}
        for e in set(paper_entities[p]):
            c = entity_comm.get(e)
            if c is not None:
                votes[c] = votes.get(c, 0.0) + math.log(1 + n_papers / (df.get(e) or 1))
        if votes:
            out[p] = max(votes, key=lambda c: (votes[c], size[c], -c))
    return out


def adjacency_reference(G):
    nodelist = sorted(G)
    index = {v: i for i, v in enumerate(nodelist)}
    row, col, data = [], [], []
    at = index.__getitem__
    for u, nbrs in G._succ.items():
        row.extend([index[u]] * len(nbrs))
        col.extend(map(at, nbrs))
        data.extend(map(len, nbrs.values()))
    N = len(nodelist)
    return nodelist, sparse.coo_array((np.array(data, dtype=float), (np.array(row, dtype=np.int64),
                                       np.array(col, dtype=np.int64))), shape=(N, N), dtype=float).asformat("csr")


@pytest.fixture(scope="module")
def real(sample_dir, api_dir, ex):
    papers = read_paths([sample_dir]).papers + read_paths([api_dir]).papers[:600]
    exs = list(ex.extract(papers))
    pe = {x.paper_id: [e.id for e in x.entities] for x in exs}
    repeated = {f"{p}~{i}": es for p, es in pe.items() for i in range(3)}
    repeated.update({"empty": []})
    return papers, exs, repeated


def test_cooccurrences_equal_the_reference(real):
    _, _, pe = real
    for m in (1, 2, 5):
        got = cooccurrences(pe, min_papers=m)
        assert got == cooccurrences_reference(pe, min_papers=m)
        assert all(type(c) is int and type(w) is float for _, _, c, w in got)
    assert cooccurrences({"a": ["x"], "b": []}) == cooccurrences_reference({"a": ["x"], "b": []}) == []


def test_community_votes_equal_the_reference(real):
    _, _, pe = real
    pairs = [(a, b, c) for a, b, c, _ in cooccurrences(pe)]
    entities = sorted({e for es in pe.values() for e in es})
    df = {}
    for es in pe.values():
        for e in set(es):
            df[e] = df.get(e, 0) + 1
    comm = cluster(entities, pairs, pe, df, seed=7)
    # the same entity communities, numbered as cluster numbers them before the papers join
    entity_comm, size = {}, {}
    H = nx.Graph()
    H.add_nodes_from(sorted(entities))
    H.add_weighted_edges_from(sorted(pairs))
    parts = nx.community.louvain_communities(H, weight="weight", seed=7)
    for i, c in enumerate(sorted((sorted(c) for c in parts), key=lambda c: c[0])):
        for n in c:
            entity_comm[n] = i
            size[i] = size.get(i, 0) + 1
    want = votes_reference(pe, entity_comm, size, df)
    # a paper is in its winning entity community: same members as that community's entities
    by_entity = {entity_comm[e]: comm[e] for e in entities}
    assert {p: comm[p] for p in want} == {p: by_entity[c] for p, c in want.items()}
    assert len(set(want.values())) > 5  # many communities to vote between


def test_adjacency_equals_the_reference(real):
    papers, exs, _ = real
    G = build_graph(papers, exs, with_communities=False)
    nodes, A = _adjacency(G)
    ref_nodes, B = adjacency_reference(G)
    assert nodes == ref_nodes
    assert (A != B).nnz == 0 and A.nnz == B.nnz > 1000
    assert np.array_equal(A.indptr, B.indptr) and np.array_equal(A.indices, B.indices)
