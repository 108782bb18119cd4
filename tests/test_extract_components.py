"""Each extraction component on small real sentences: gazetteer, abbreviations, discovery,
type inference, resolution, introduced, provenance, and the spaCy wiring."""

from __future__ import annotations

import pytest
from spacy.language import Language

from graphkit.errors import GraphkitError
from graphkit.extract import Extractor
from graphkit.extract.abbreviations import find_abbreviations
from graphkit.extract.components import COMPONENTS
from graphkit.extract.discovery import is_shape, title_name
from graphkit.extract.gazetteer import Gazetteer
from graphkit.extract.sentences import sentence_starts
from graphkit.model import Paper


def ents(ex, title, abstract=""):
    r = ex.extract_one(Paper("p", title, abstract))
    return {e.name: e for e in r.entities}


# --- gazetteer ---------------------------------------------------------------------

def test_gazetteer_has_the_promised_size_and_types():
    g = Gazetteer.load()
    scored = [e for e in g.entries if e.type in ("Method", "Benchmark", "Dataset", "Robot", "Simulator")]
    assert len(scored) >= 400
    assert {e.type for e in scored} == {"Method", "Benchmark", "Dataset", "Robot", "Simulator"}
    for name, typ in [("LIBERO", "Benchmark"), ("Open X-Embodiment", "Dataset"), ("MuJoCo", "Simulator"),
                      ("Unitree Go1", "Robot"), ("PPO", "Method"), ("GPT-4o", "Method")]:
        assert g.lookup(name).type == typ


def test_spelling_variants_are_one_entry_and_versions_stay_distinct():
    g = Gazetteer.load()
    found = [(m.entry.name, m.text) for m in g.find(
        "We test on Meta-World, MetaWorld and Meta World; GPT-4 vs GPT-4o; ManiSkill and ManiSkill2.")]
    assert found[:3] == [("Meta-World", "Meta-World"), ("Meta-World", "MetaWorld"), ("Meta-World", "Meta World")]
    names = [n for n, _ in found]
    assert "GPT-4" in names and "GPT-4o" in names
    assert g.lookup("ManiSkill") is not g.lookup("ManiSkill2")


def test_plain_word_entries_match_only_in_their_case():
    g = Gazetteer.load()
    assert [m.text for m in g.find("We deploy on Spot. A spot on the floor.")] == ["Spot"]


def test_user_gazetteer_adds_entries_aliases_and_stop_words(fixtures_dir, ex):
    user = str(fixtures_dir / "extract" / "user_gazetteer.tsv")
    mine = Extractor([user])
    assert mine.version != ex.version  # the cache key changes with the user's file
    text = "We introduce Robix and evaluate it on TT50 with the Robby robot and on TableTop-50."
    found = {e.name: e for e in mine.extract_one(Paper("p", "Robix: A Model", text)).entities}
    assert "Robix" not in found  # a STOP word in the user's file
    assert found["TableTop-50"].type == "Benchmark" and "TT50" in found["TableTop-50"].aliases
    assert found["Robby"].type == "Robot"


def test_user_gazetteer_contents_change_the_version(tmp_path):
    f = tmp_path / "g.tsv"
    f.write_text("name\ttype\taliases\tflags\nFooBench\tBenchmark\t\t\n")
    v1 = Extractor([str(f)]).version
    f.write_text("name\ttype\taliases\tflags\nFooBench\tDataset\t\t\n")
    assert Extractor([str(f)]).version != v1


def test_user_gazetteer_errors_are_one_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\ttype\nFoo\tGadget\n")
    with pytest.raises(GraphkitError, match=r"bad.tsv:2: unknown type 'Gadget'"):
        Gazetteer.load([str(bad)])
    with pytest.raises(GraphkitError, match="cannot read gazetteer"):
        Gazetteer.load([str(tmp_path / "missing.tsv")])


# --- abbreviations -----------------------------------------------------------------

@pytest.mark.parametrize("text,short,long", [
    ("trained on the Open X-Embodiment (OXE) dataset", "OXE", "Open X-Embodiment"),
    ("Video PreTraining (VPT): learning to act", "VPT", "Video PreTraining"),
    ("we propose Adaptive Advantage-guided Policy Regularization (A2PR), obtaining",
     "A2PR", "Adaptive Advantage-guided Policy Regularization"),
    ("we call our algorithm offline experience replay (OER).", "OER", "offline experience replay"),
])
def test_schwartz_hearst_pairs(text, short, long):
    assert [(a.short, a.long) for a in find_abbreviations(text)] == [(short, long)]


def test_short_and_long_form_are_one_entity(ex):
    e = ents(ex, "Scaling Robot Data", "We train on Open X-Embodiment (OXE). OXE has 1M episodes.")
    assert list(e) == ["Open X-Embodiment"]
    assert e["Open X-Embodiment"].type == "Dataset" and "OXE" in e["Open X-Embodiment"].aliases
    assert e["Open X-Embodiment"].count == 3


# --- discovery, types, stop list ---------------------------------------------------

def test_title_name_rules():
    assert title_name("Robix: A Unified Model for Robot Interaction", "") == "Robix"
    assert title_name("Towards Diverse Behaviors: A Benchmark", "") is None
    assert title_name("Harnessing Uncertainty: Entropy-Modulated Policy Gradients", "") is None
    assert title_name("Code as Policies: Language Model Programs", "this paper presents code as policies") \
        == "Code as Policies"


def test_shapes():
    assert all(map(is_shape, ["OptoPrime", "PPO", "GPT-4o", "iCub", "OS-Genesis", "Vid2Robot"]))
    assert not any(map(is_shape, ["Open-World", "Human-in-the-Loop", "III", "Robix", "3D"]))


def test_proposed_names_are_found_and_introduced(ex):
    e = ents(ex, "Trace is the New AutoDiff",
             "We propose an end-to-end optimization framework, Trace, which treats the workflow as a graph. "
             "Using Trace, we develop a general-purpose optimizer called OptoPrime that can solve problems.")
    assert e["Trace"].introduced and e["OptoPrime"].introduced


def test_names_in_evaluation_context_are_typed(ex):
    e = ents(ex, "A Policy",
             "We evaluate on FooSuite and BarWorld and train on the KitchenLogs dataset. "
             "Baselines such as ZapNet are outperformed.")
    assert e["FooSuite"].type == "Benchmark" and e["BarWorld"].type == "Benchmark"
    assert e["KitchenLogs"].type == "Dataset"
    assert e["ZapNet"].type == "Method" and not e["ZapNet"].introduced


def test_bench_names_and_title_benchmarks(ex):
    e = ents(ex, "SoftZoo: A Soft Robot Co-design Benchmark For Locomotion",
             "We introduce SoftZoo. We also report results on VLABench and on the new MiniArena.")
    assert e["SoftZoo"].type == "Benchmark" and e["SoftZoo"].introduced
    assert e["VLABench"].type == "Benchmark"


def test_generic_paradigms_and_acronyms_are_not_scored_entities(ex):
    e = ents(ex, "Offline RL for LLM Agents",
             "Reinforcement learning (RL) and large language models (LLMs) with chain-of-thought (CoT), "
             "RLHF and SFT on a GUI via an API reach SOTA on 3D tasks.")
    scored = {n for n, x in e.items() if x.type != "Topic"}
    assert scored == set()


# --- resolution and introduced -----------------------------------------------------

def test_resolution_merges_variants_and_keeps_versions(ex):
    e = ents(ex, "A Study",
             "We compare GPT-4 and GPT-4o on MetaWorld and Meta-World, then ManiSkill and ManiSkill2, "
             "with Qwen2.5 and Qwen2.5-7B-Instruct.")
    assert {"GPT-4", "GPT-4o", "Meta-World", "ManiSkill", "ManiSkill2", "Qwen2.5", "Qwen2.5-7B-Instruct"} <= set(e)
    assert e["Meta-World"].aliases == ["MetaWorld"]
    assert e["Qwen2.5-7B-Instruct"].type == "Method"


def test_introduced_versus_used(ex):
    e = ents(ex, "GiGPO for Agents",
             "In this work, we propose Group-in-Group Policy Optimization (GiGPO), a novel RL algorithm. "
             "GiGPO improves over the GRPO baseline and PPO on ALFWorld and WebShop.")
    assert e["GiGPO"].introduced and "Group-in-Group Policy Optimization" in e["GiGPO"].aliases
    for used in ("GRPO", "PPO", "ALFWorld", "WebShop"):
        assert not e[used].introduced
    assert e["ALFWorld"].type == "Benchmark"


def test_mentions_carry_sentence_and_offsets(ex):
    p = Paper("p", "Robix: A Unified Model", "We present Robix. It beats GPT-4o. Robix is fast.")
    r = ex.extract_one(p)
    robix = next(e for e in r.entities if e.name == "Robix")
    assert [m.sentence for m in robix.mentions] == [0, 1, 3]
    for e in r.entities:
        for m in e.mentions:
            assert p.text[m.start:m.end] == m.text


def test_sentence_splitter_keeps_abbreviations():
    text = "A Title\n\nWe use e.g. PPO. It works on Meta-World. Done!"
    starts = sentence_starts(text)
    assert [text[s:s + 6] for s in starts] == ["A Titl", "We use", "It wor", "Done!"]


# --- spaCy wiring ------------------------------------------------------------------

def test_components_are_spacy_factories_in_a_blank_pipeline(ex):
    for name in COMPONENTS:
        assert Language.has_factory(name)
    assert ex.nlp.pipe_names == COMPONENTS
    assert ex.nlp.lang == "en"


def test_token_aligned_spans_when_asked():
    from graphkit.extract.components import build_nlp
    from graphkit.extract.stages import new_state

    nlp = build_nlp(Gazetteer.load(), spans=True)
    st = new_state("A Study", "We evaluate PPO on LIBERO.")
    doc = nlp.make_doc(st.text)
    doc._.graphkit = st
    doc = nlp(doc)
    assert [(s.text, s.label_) for s in doc.spans["graphkit"]] == [("PPO", "Method"), ("LIBERO", "Benchmark")]


def test_extract_streams_in_order_and_counts(ex):
    papers = [Paper(f"p{i}", f"Paper {i}", f"We use PPO {i} times.") for i in range(300)]
    calls = []
    out = list(ex.extract(papers, on_paper=lambda: calls.append(1)))
    assert [r.paper_id for r in out] == [p.id for p in papers]
    assert len(calls) == 300
    assert out[0].text_hash and out[0].text_hash != out[1].text_hash
