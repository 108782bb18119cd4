"""Corpus-level resolution (graphkit.resolve): one name and one type per entity across papers.

Unit tests on small, real-looking paper extractions (names and votes as the per-paper
extractor writes them), plus the real extractor on the bundled sample."""

from __future__ import annotations

import random

import pytest

from graphkit.model import ExtractedEntity, Mention, PaperExtraction
from graphkit.resolve import resolve_corpus
from graphkit.resolve.keys import corpus_key, is_version_pair
from graphkit.resolve.vote import DEFAULT_VOTE

BARE = {"Method": 0.9}  # what the extractor gives a name it knows nothing about


def ent(name, typ="Method", votes=None, aliases=(), source="shape", introduced=False, at=100):
    return ExtractedEntity(name=name, type=typ, aliases=list(aliases), introduced=introduced, count=1,
                           mentions=[Mention(name, at, at + len(name), 1)], source=source,
                           type_votes=dict(BARE if votes is None else votes))


def paper(pid, *entities, title="A paper"):
    return PaperExtraction(pid, title, list(entities))


def types_of(res, name_key):
    return {(ex.paper_id, e.type, e.name) for ex in res.extractions for e in ex.entities
            if corpus_key(e.name) == corpus_key(name_key)}


def test_context_typed_benchmark_wins_over_default_method():
    """Video-MME: typed Benchmark by context in 3 papers, Method by default in 2 others."""
    ctx = {"Method": 0.9, "Benchmark": 2.5}
    exs = [paper(f"p{i}", ent("Video-MME", "Benchmark", ctx, source="context")) for i in range(3)]
    exs += [paper("p7", ent("VideoMME")), paper("p8", ent("video-mme"))]
    res = resolve_corpus(exs)
    assert {(t, n) for _, t, n in types_of(res, "videomme")} == {("Benchmark", "Video-MME")}
    row = res.entities["benchmark:videomme"]
    assert row.papers == 5 and row.type_votes == {"Benchmark": 7.5, "Method": 1.8}
    assert row.type_confidence == round(7.5 / 9.3, 3)
    assert "method:videomme" not in res.entities
    # the paper's own spelling stays as an alias
    p7 = res.extractions[3].entities[0]
    assert (p7.name, p7.aliases, p7.id) == ("Video-MME", ["VideoMME"], "benchmark:videomme")


def test_many_bare_uses_outweigh_one_stray_cue():
    """DiT used bare in 12 papers and once after "on": stays a Method."""
    exs = [paper(f"p{i}", ent("DiT")) for i in range(12)]
    exs.append(paper("p99", ent("DiT", "Benchmark", {"Method": 0.9, "Benchmark": 1.2}, source="context")))
    res = resolve_corpus(exs)
    assert {t for _, t, _ in types_of(res, "DiT")} == {"Method"}
    assert res.entities["method:dit"].papers == 13


def test_gazetteer_type_wins_and_its_spelling_is_the_name():
    exs = [paper("a", ent("MMStar", "Benchmark", {"Benchmark": 5.0}, source="gazetteer")),
           paper("b", ent("MMstar", "Dataset", {"Method": 0.9, "Dataset": 2.0}, source="context")),
           paper("c", ent("MMSTAR")), paper("d", ent("MMstar"))]
    res = resolve_corpus(exs)
    assert {(t, n) for _, t, n in types_of(res, "mmstar")} == {("Benchmark", "MMStar")}


@pytest.mark.parametrize("a,b", [("GPT-4", "GPT-4o"), ("ManiSkill", "ManiSkill2"), ("ImageNet", "ImageNet++"),
                                 ("Qwen2", "Qwen2.5"), ("π0", "π0.5"), ("Mixtral", "Mixtral 8x7B")])
def test_versions_stay_apart_even_when_a_paper_aliases_them(a, b):
    exs = [paper("p1", ent(b, aliases=[a], source="gazetteer", votes={"Method": 5.0})),
           paper("p2", ent(a, source="gazetteer", votes={"Method": 5.0})),
           paper("p3", ent(b, source="gazetteer", votes={"Method": 5.0}))]
    res = resolve_corpus(exs)
    assert is_version_pair(corpus_key(a), corpus_key(b))
    assert [e.name for ex in res.extractions for e in ex.entities] == [b, a, b]
    assert len({e.id for ex in res.extractions for e in ex.entities}) == 2


def test_acronym_defined_in_one_paper_merges_its_bare_use_and_long_form_elsewhere():
    """ "Kitchen Rearrangement Benchmark (KRB)" in one paper; bare "KRB" (Method by
    default) in a second; only the long form in a third: one Benchmark KRB."""
    exs = [paper("def", ent("KRB", "Benchmark", {"Method": 0.9, "Benchmark": 3.2},
                            aliases=["Kitchen Rearrangement Benchmark"], source="abbreviation", introduced=True)),
           paper("bare", ent("KRB")),
           paper("long", ent("Kitchen Rearrangement Benchmark", "Benchmark", {"Method": 0.9, "Benchmark": 4.2},
                             source="context"))]
    res = resolve_corpus(exs)
    got = [(e.name, e.type, e.id) for ex in res.extractions for e in ex.entities]
    assert got == [("KRB", "Benchmark", "benchmark:krb")] * 3
    assert res.extractions[2].entities[0].aliases == ["Kitchen Rearrangement Benchmark"]


def test_ambiguous_acronym_joins_only_its_dominant_long_form():
    """DPO is Direct Preference Optimization in 3 papers, Diffusion Policy Optimization in
    one: a paper writing only "Diffusion Policy Optimization" is not renamed DPO."""
    listed = {"Method": 5.0}
    exs = [paper(f"d{i}", ent("DPO", aliases=["direct preference optimization"], source="gazetteer", votes=listed))
           for i in range(3)]
    exs += [paper("x", ent("DPO", aliases=["Diffusion Policy Optimization"], source="abbreviation")),
            paper("y", ent("Diffusion Policy Optimization", votes={"Method": 2.9}, source="title")),
            paper("z", ent("Direct Preference Optimization", votes={"Method": 2.9}, source="title"))]
    res = resolve_corpus(exs)
    names = {ex.paper_id: ex.entities[0].name for ex in res.extractions}
    assert names["y"] == "Diffusion Policy Optimization"
    assert names["z"] == "DPO"


def test_deliberate_homonym_keeps_two_nodes_and_bare_uses_follow_the_winner():
    """The RULER benchmark (context in 4 papers) and the Ruler method a paper introduces."""
    ctx = {"Method": 0.9, "Benchmark": 2.5}
    exs = [paper(f"b{i}", ent("RULER", "Benchmark", ctx, source="context")) for i in range(4)]
    exs += [paper("m", ent("Ruler", "Method", {"Method": 3.4}, source="title", introduced=True)),
            paper("bare", ent("RULER"))]
    res = resolve_corpus(exs)
    got = {ex.paper_id: (ex.entities[0].type, ex.entities[0].name) for ex in res.extractions}
    assert got["m"] == ("Method", "Ruler")
    assert got["bare"] == ("Benchmark", "RULER")
    assert {got[f"b{i}"] for i in range(4)} == {("Benchmark", "RULER")}
    assert res.entities["method:ruler"].type_votes == res.entities["benchmark:ruler"].type_votes


def test_weak_second_type_is_not_a_homonym():
    """One paper calls its own "VAR" a dataset; six use the VAR method bare: one node."""
    exs = [paper(f"p{i}", ent("VAR")) for i in range(6)]
    exs.append(paper("x", ent("VAR", "Dataset", {"Method": 0.9, "Dataset": 2.0}, source="intro", introduced=True)))
    res = resolve_corpus(exs)
    assert {t for _, t, _ in types_of(res, "VAR")} == {"Method"}


def test_two_forms_in_one_paper_become_one_entity():
    exs = [paper("p", ent("AITW", "Dataset", {"Dataset": 5.0}, source="gazetteer", at=10),
                 ent("Android in the Wild", "Dataset", {"Dataset": 5.0}, aliases=["AITW"], source="gazetteer", at=50)),
           paper("q", ent("Android in the Wild", "Dataset", {"Dataset": 5.0}, source="gazetteer"))]
    res = resolve_corpus(exs)
    (e,) = res.extractions[0].entities
    assert (e.name, e.count, [m.start for m in e.mentions]) == ("Android in the Wild", 2, [10, 50])
    assert e.aliases == ["AITW"] and res.merged == 1
    assert res.entities["dataset:androidinthewild"].papers == 2


def test_order_independent_idempotent_and_inputs_untouched():
    ctx = {"Method": 0.9, "Benchmark": 2.5}
    exs = [paper("a", ent("MathVerse", "Benchmark", ctx, source="context"), ent("GPT-4o", source="gazetteer",
                                                                             votes={"Method": 5.0})),
           paper("b", ent("Math-Verse"), ent("KRB", "Benchmark", ctx, aliases=["Kitchen Rearrangement Benchmark"])),
           paper("c", ent("mathverse"), ent("Kitchen Rearrangement Benchmark"))]
    before = [ex.to_dict() for ex in exs]
    res = resolve_corpus(exs)
    assert [ex.to_dict() for ex in exs] == before
    shuffled = exs[:]
    random.Random(3).shuffle(shuffled)
    again = resolve_corpus(shuffled)
    assert again.entities == res.entities
    by_id = {ex.paper_id: ex.to_dict() for ex in again.extractions}
    assert [by_id[ex.paper_id] for ex in res.extractions] == [ex.to_dict() for ex in res.extractions]
    twice = resolve_corpus(res.extractions)
    assert [ex.to_dict() for ex in twice.extractions] == [ex.to_dict() for ex in res.extractions]
    assert (twice.renamed, twice.retyped, twice.merged) == (0, 0, 0)


def test_node_attributes_are_storable_values():
    res = resolve_corpus([paper("a", ent("Video-MME", "Benchmark", {"Method": 0.9, "Benchmark": 2.5})),
                          paper("b", ent("Video-MME"))])
    attrs = res.node_attributes()["benchmark:videomme"]
    assert attrs == {"type_votes": ["Benchmark:2.5", "Method:0.9"], "type_confidence": 0.735}
    assert all(isinstance(v, str) for v in attrs["type_votes"])


@pytest.fixture(scope="module")
def sample_extractions(sample_dir):
    from graphkit.extract import Extractor
    from graphkit.readers import read_paths

    return list(Extractor().extract(read_paths([sample_dir]).papers))


def test_default_vote_is_the_extractors(sample_extractions):
    """DEFAULT_VOTE mirrors the per-paper extractor's vote for an unknown name."""
    t, w = DEFAULT_VOTE
    bare = [e for ex in sample_extractions for e in ex.entities if e.source in ("shape", "intro", "title")
            and set(e.type_votes) == {t}]
    assert bare and min(e.type_votes[t] for e in bare) == w


def test_a_corpus_of_one_paper_keeps_the_papers_types(sample_extractions):
    """Resolution only adds evidence from other papers: alone, every paper keeps its types."""
    retyped = {ex.title: resolve_corpus([ex]).retyped for ex in sample_extractions}
    assert len(retyped) > 100
    assert {t: n for t, n in retyped.items() if n} == {}


@pytest.mark.parametrize("module", ["graphkit.resolve.keys", "graphkit.resolve.merge", "graphkit.resolve.vote",
                                    "graphkit.resolve.corpus"])
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
