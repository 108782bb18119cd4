"""Each named extraction rule on small real sentences (graphkit.extract.rules, stages, vocabulary)."""

from __future__ import annotations

import pytest

from graphkit.extract import rules as R
from graphkit.extract.vocabulary import name_shape_type, noun_type
from helpers.extract import entities as ents
from graphkit.model import Paper


def rules_of(e):
    return {m.rule for m in e.mentions}


# --- discovery rules, one each ----------------------------------------------------

def test_title_prefix():
    assert R.names(R.title_prefix, "Robix: A Unified Model for Robot Interaction", "We present Robix.") == ["Robix"]
    assert R.names(R.title_prefix, "Towards Better Robots: A Study", "We study robots.") == []


def test_title_phrase():
    assert R.names(R.title_phrase, "Imitation via Procedure Cloning",
                   "We propose procedure cloning, which imitates the expert's search.") == ["Procedure Cloning"]
    assert R.names(R.title_phrase, "Imitation via Procedure Cloning", "We study imitation.") == []


def test_called_name():
    assert R.names(R.called_name, "A Study", "We introduce a new benchmark called GUI-Quokka for agents.") == ["GUI-Quokka"]


def test_appositive_name():
    assert R.names(R.appositive_name, "A Study",
                   "We propose an optimization framework, FlowTracer, which treats workflows as graphs.") == ["FlowTracer"]


def test_our_noun_name():
    assert R.names(R.our_noun_name, "A Study", "Experiments show that our model, RoboQuokka, generalizes.") \
        == ["RoboQuokka"]


def test_intro_sentence_names():
    assert R.names(R.intro_sentence_names, "A Study", "We present VLA-Tuner, a recipe for fine-tuning VLAs.") \
        == ["VLA-Tuner"]


def test_context_noun_list():
    assert R.names(R.context_noun_list, "A Study",
                   "We report results on the SimplerBench and TwinArmSuite benchmarks.") == ["SimplerBench", "TwinArmSuite"]


def test_example_list():
    assert R.names(R.example_list, "A Study",
                   "It beats baselines such as OctoNet, FlamingoBot and GRX-N1.") == ["OctoNet", "FlamingoBot",
                                                                                       "GRX-N1"]
    assert R.names(R.example_list, "A Study", "We use libraries such as NumPy, SciPy and Shapely.") == []


def test_eval_list():
    assert R.names(R.eval_list, "A Study", "Our agent is evaluated on WebShopX and MiniWoB++.")[:1] == ["WebShopX"]


def test_token_shape():
    st = R._state("A Study", "We fine-tune OptoPrime and a PPO-style loss; results on text-to-3D.")
    R.token_shape(st, st.gazetteer)
    assert [c.text for c in st.candidates] == ["OptoPrime", "PPO"]


# --- vocabulary -----------------------------------------------------------------

def test_vocabulary_maps():
    assert noun_type("benchmarks") == "Benchmark" and noun_type("simulator") == "Simulator"
    assert noun_type("corpus") == "Dataset" and noun_type("robotic arm") == "Robot" and noun_type("apple") is None
    assert name_shape_type("SWE-Gym") == "Benchmark" and name_shape_type("VisCode-200K") == "Dataset"
    assert name_shape_type("Qwen2.5-7B") is None


# --- rules and cues are recorded on every mention ----------------------------------

def test_mentions_record_rule_and_type_cues(ex):
    found = ents(ex, "Robix: A Unified Model", "We present Robix, evaluated on FooArena and LIBERO with PPO.")
    assert rules_of(found["LIBERO"]) == {"gazetteer"}
    assert rules_of(found["FooArena"]) == {"eval_list"}
    cues = found["FooArena"].mentions[0].type_cues
    assert any(c.startswith("context:evaluated") and c.endswith("->Benchmark") for c in cues)
    assert found["FooArena"].type == "Benchmark" and found["FooArena"].type_votes["Benchmark"] > 1
    assert "title_prefix" in rules_of(found["Robix"])


def test_gazetteer_variant_and_abbreviation_rules(ex):
    found = ents(ex, "A Study", "We fine-tune Qwen2.5-7B-Instruct and train with Group Relative Policy "
                                "Optimization (GRPO) using a Soft Actor Critic (SAC) baseline.")
    assert rules_of(found["Qwen2.5-7B-Instruct"]) == {"gazetteer_variant"}
    assert any(r.startswith("abbreviation") or r == "gazetteer" for r in rules_of(found["GRPO"]))


def test_apposition_and_noun_before_vote(ex):
    found = ents(ex, "A Study", "We run everything in TorqueSimX, a physics engine for contact, and on the "
                                "benchmark ZetaTasks.")
    assert found["TorqueSimX"].type == "Simulator"
    assert any(c.startswith("apposition:") for c in found["TorqueSimX"].mentions[0].type_cues)


# --- boundary and filter rules (issue 9 error classes) -------------------------------

def test_gazetteer_version_and_release_words(ex):
    found = ents(ex, "A Study", "Results on AlpacaEval 3.5 and AIME 2024 with Claude Code, GPT-4 Turbo and "
                                "Phi-3-mini-4k-instruct; ImageNet 256 x 256 and LIBERO 3 tasks.")
    assert {"AlpacaEval 3.5", "AIME 2024", "Claude Code", "GPT-4 Turbo", "Phi-3-mini-4k-instruct"} <= set(found)
    assert found["AlpacaEval 3.5"].type == "Benchmark" and found["Claude Code"].type == "Method"
    assert "ImageNet" in found and "LIBERO" in found  # resolutions and counts are no versions
    assert rules_of(found["AlpacaEval 3.5"]) == {"gazetteer_version"}  # 3.5 is listed nowhere


def test_full_stop_glued_to_a_version_is_not_part_of_the_name(ex):
    found = ents(ex, "A Study", "We compare with UI-TARS-1.5.To do so we train on FooSet.")
    assert "UI-TARS-1.5" in found and not any(n.endswith(".To") for n in found)


def test_latex_greek_names(ex):
    p = Paper("p", "A Study", r"We fine-tune $\pi_0$ and π_{0.5} and evaluate on $\tau$-bench.")
    r = ex.extract_one(p)
    assert {"π0", "π0.5", "τ-bench"} <= {e.name for e in r.entities}
    for e in r.entities:
        for m in e.mentions:
            assert p.text[m.start:m.end] == m.text  # provenance points into the raw LaTeX


def test_noun_then_list_and_sentence_initial_on(ex):
    assert R.names(R.noun_then_list, "A Study", "We test on two benchmarks: FooVQA and BarBench.") == ["FooVQA", "BarBench"]
    found = ents(ex, "A Study", "It is strong. On ZooLogic, the model improves.")
    assert found["ZooLogic"].type == "Benchmark"


def test_list_modifiers_before_the_type_noun(ex):
    found = ents(ex, "A Study", "Gains on the MSVD, ZebraVTT, TGIF, and TVQA short video benchmarks.")
    assert all(found[n].type == "Benchmark" for n in ["MSVD", "ZebraVTT", "TGIF", "TVQA"])


def test_apposition_after_the_type_noun(ex):
    found = ents(ex, "A Study", "We release a new benchmark, LoRB-X, of weights. The dataset they used, M3W, is private.")
    assert found["LoRB-X"].type == "Benchmark" and found["M3W"].type == "Dataset"


def test_metrics_are_no_entities(ex):
    found = ents(ex, "A Study", "We introduce a new metric, Trust-Score, and compare with BERTScore on FooBench.")
    assert "Trust-Score" not in found and "BERTScore" not in found


def test_acronym_of_a_generic_lowercase_phrase_is_dropped(ex):
    found = ents(ex, "A Study", "We add a reasoning pattern reward, RPR, and report the time to first token, or TTFT.")
    assert "RPR" not in found and "TTFT" not in found


def test_title_puns_and_glued_words(ex):
    found = ents(ex, "ReLiK: Retrieve and LinK, Fast and Accurate Entity Linking",
                 "We present ReLiK. Our OmniGen model is fast; OmniGenis characterized by speed.")
    assert "ReLiK" in found and "LinK" not in found
    assert "OmniGenis" not in found


def test_collected_and_part_of_rules(ex):
    assert R.names(R.collected_name, "A Study", "We collected RoboMind-X over six months.") == ["RoboMind-X"]
    found = ents(ex, "A Study", "It scores 49.7 on the Temporal Reasoning task of VidBenchX, beating rivals.")
    assert found["VidBenchX"].type == "Benchmark"


@pytest.mark.parametrize("module", ["rules", "vocabulary", "resolve", "stages", "normalize", "discovery"])
def test_docstring_examples_of_the_rules_hold(module):
    import doctest
    import importlib

    mod = importlib.import_module(f"graphkit.extract.{module}")
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0


def test_fragments_are_no_names():
    assert R.names(R.example_list, "A Study", "We compare methods such as Multi, Policy and FooNet.") == ["FooNet"]


def test_datasets_in_a_results_sentence_are_benchmarks(ex):
    found = ents(ex, "A Study", "Results across four datasets (ZetaMath24, ZetaMath25 and QuizBank) show gains. "
                                "We train on the datasets KiloText and MegaText.")
    assert found["ZetaMath24"].type == "Benchmark"
    assert found["KiloText"].type == "Dataset"
