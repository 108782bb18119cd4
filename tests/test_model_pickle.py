"""The extraction classes pickle compactly (``__reduce__`` with the field values, for the
extraction workers' results) and still pickle every field: real extractions of data/ come
back equal, with the same ``to_dict`` and cache line."""

from __future__ import annotations

import copy
import pickle
from dataclasses import fields

import pytest

from graphkit.model import ExtractedEntity, Mention, PaperExtraction
from graphkit.pipeline import _extraction_row
from graphkit.readers import read_paths


@pytest.fixture(scope="module")
def extractions(ex, sample_dir):
    papers = read_paths([sample_dir]).papers
    return list(ex.extract(papers))


def _non_default(cls):
    """An instance with a distinct, non-default value in every field."""
    values = {
        Mention: dict(text="X", start=3, end=4, sentence=2, rule="r", type_cues=["c"]),
        ExtractedEntity: dict(name="X", type="Benchmark", aliases=["x"], introduced=True, count=2,
                              mentions=[Mention("X", 1, 2, 0)], source="gazetteer",
                              type_votes={"Benchmark": 5.0}),
        PaperExtraction: dict(paper_id="p", title="t", entities=[ExtractedEntity("X", "Method")],
                              text_hash="h"),
    }[cls]
    assert set(values) == {f.name for f in fields(cls)}, f"update this test and {cls.__name__}.__reduce__"
    return cls(**values)


@pytest.mark.parametrize("cls", [Mention, ExtractedEntity, PaperExtraction])
def test_every_field_survives_pickle_and_copy(cls):
    obj = _non_default(cls)
    for back in (pickle.loads(pickle.dumps(obj, protocol=p)) for p in range(2, pickle.HIGHEST_PROTOCOL + 1)):
        assert type(back) is cls and back == obj
        assert all(getattr(back, f.name) == getattr(obj, f.name) for f in fields(cls))
    assert copy.deepcopy(obj) == obj and copy.copy(obj) == obj
    assert not hasattr(obj, "__dict__")  # slots: no per-object dict


def test_real_extractions_round_trip(extractions):
    assert sum(len(x.entities) for x in extractions) > 500
    back = pickle.loads(pickle.dumps(extractions, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == extractions
    assert [x.to_dict() for x in back] == [x.to_dict() for x in extractions]
    assert [e.id for x in back for e in x.entities] == [e.id for x in extractions for e in x.entities]


def test_cache_line_is_to_dict(extractions):
    """``pipeline._extraction_row`` (written for every paper) equals ``to_dict``, with the
    mentions' keys in the same order (the entities' keys are in the cache's own order)."""
    for x in extractions:
        row, ref = _extraction_row(x), x.to_dict()
        assert row == ref
        assert [list(m) for e in row["entities"] for m in e["mentions"]] == \
            [list(m) for e in ref["entities"] for m in e["mentions"]]
