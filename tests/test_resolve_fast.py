"""resolve's fast paths agree with the plain code: ``own_type`` (no sort) is the top of
``ranked`` on every real paper's evidence of data/ and on ties; resolving with the local
key memo gives what ``corpus_key`` gives."""

from __future__ import annotations

import pytest

from graphkit.model import ExtractedEntity
from graphkit.readers import read_paths
from graphkit.resolve import resolve_corpus
from graphkit.resolve.keys import corpus_key
from graphkit.resolve.vote import own_type, paper_evidence, ranked


@pytest.fixture(scope="module")
def extractions(ex, sample_dir):
    return list(ex.extract(read_paths([sample_dir]).papers))


def test_own_type_is_top_of_ranked(extractions):
    ents = [e for x in extractions for e in x.entities]
    assert len(ents) > 500
    for e in ents:
        ev = paper_evidence(e)
        assert own_type(e, ev) == (ranked(ev)[0][0] if ev else e.type)
    e = ExtractedEntity("X", "Robot")
    for ev in ({"Robot": 2.0, "Method": 2.0}, {"Topic": 1.0, "Dataset": 1.0, "Zeta": 1.0},
               {"Zeta": 1.0, "Alpha": 1.0}, {"Method": 0.5, "Benchmark": 2.5}, {}):
        assert own_type(e, ev) == (ranked(ev)[0][0] if ev else e.type)


def test_entity_ids_use_corpus_keys(extractions):
    res = resolve_corpus(extractions)
    for x in res.extractions:
        for e in x.entities:
            assert e.id == f"{e.type.lower()}:{corpus_key(e.name)}" and e.id in res.entities
