"""Typing rules (issue 9): each error class on small invented sentences, through the whole
extractor (graphkit.extract.typecues and the rules that call it)."""

from __future__ import annotations

import doctest

import pytest

from graphkit.extract import typecues
from helpers.extract import entities as ents


def test_docstring_examples_hold():
    result = doctest.testmod(typecues, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0


def test_the_nearest_verb_types_on_x(ex):
    """"trained on Y ... achieves 61.2 on X": X is reported on, not trained on."""
    found = ents(ex, "A Study", "Our policy, trained on QuokkaSet, achieves 61.2 on WombatQA and 70.1 on NumbatNav.")
    assert found["QuokkaSet"].type == "Dataset"
    assert found["WombatQA"].type == "Benchmark" and found["NumbatNav"].type == "Benchmark"
    found = ents(ex, "A Study", "We evaluate policies trained on QuokkaSet.")
    assert found["QuokkaSet"].type == "Dataset"


def test_the_type_noun_of_an_adverbial_phrase_is_not_the_subjects(ex):
    found = ents(ex, "A Study", "On the QuokkaNet-256 benchmark, WombatGen achieves an FID of 1.48. "
                                "When evaluated on the NumbatEgo dataset, SkillWombat achieves the best accuracy. "
                                "We train with a synthetic dataset, QuokkaQuery, which has 35k queries.")
    assert found["WombatGen"].type == "Method" and found["SkillWombat"].type == "Method"
    assert found["QuokkaQuery"].type == "Dataset"  # an apposition still types the name


def test_an_evaluation_subtitle_makes_a_benchmark(ex):
    found = ents(ex, "WombatVision: Evaluating Vision-Language Models in the Wild",
                 "We present WombatVision, built from real user questions.")
    assert found["WombatVision"].type == "Benchmark"
    assert any("evaluation subtitle" in c for c in found["WombatVision"].mentions[0].type_cues)
    found = ents(ex, "Wombat-R1: Evaluating and Enhancing Financial Reasoning in LLMs",
                 "We present Wombat-R1, a reasoning model.")
    assert found["Wombat-R1"].type == "Method"


def test_title_case_words_after_on_in_a_title_are_no_benchmark(ex):
    found = ents(ex, "WombatBench: Evaluating VLMs for Strategic Reasoning in Multi-Agent Environments",
                 "We evaluate agents on WombatBench and on NumbatWorld.")
    assert "Multi-Agent Environments" not in found
    assert found["WombatBench"].type == "Benchmark"
    found = ents(ex, "Agents Evaluated on QuokkaNav and Numbat Tasks", "We study agents.")
    assert found["QuokkaNav"].type == "Benchmark"  # a name-shaped word still counts


def test_a_method_head_before_the_subtitle_type_noun_keeps_a_method(ex):
    found = ents(ex, "WombatAct: Few-Shot Mobile GUI Agent with a Unified Demonstration Benchmark",
                 "We present WombatAct, which learns from few demonstrations.")
    assert found["WombatAct"].type == "Method"
    found = ents(ex, "DA-Wombat: Agent Data Science Code Generation Benchmark for LLMs",
                 "We present DA-Wombat, built from real tasks.")
    assert found["DA-Wombat"].type == "Benchmark"


def test_a_compound_adjective_is_no_data_verb(ex):
    found = ents(ex, "QuokkaFeedback: A Large-scale Human-annotated Benchmark For Personalization", "We study it.")
    assert "Benchmark For Personalization" not in found


def test_name_shapes_world_sizes_engines_and_hardware(ex):
    from graphkit.extract.vocabulary import name_shape_type

    assert name_shape_type("LongWombat-45k") == "Dataset" and name_shape_type("QuokkaV360K") == "Dataset"
    assert name_shape_type("Phi-3-mini-4k") is None and name_shape_type("Qwen2.5-7B-Instruct-1M") is None
    assert name_shape_type("Madrona Game Engine") == "Simulator"
    assert name_shape_type("RTX5090") == "-" and name_shape_type("A100") == "-"
    found = ents(ex, "WombatWorld: Training World Models with Reinforcement Learning",
                 "We present WombatWorld, a framework that trains world models. It runs on an RTX5090 GPU.")
    assert found["WombatWorld"].type == "Method"  # "-World" alone is a weak cue
    assert "RTX5090" not in found
    found = ents(ex, "A Study", "Results on QuokkaWorld improve.")
    assert found["QuokkaWorld"].type == "Benchmark"


def test_evaluation_knowledge_base_and_simulation_appositives(ex):
    found = ents(ex, "A Study", "We present WombatEval, a comprehensive evaluation framework for agents. "
                                "We build QuokkaWiki, the first large-scale multimodal soccer knowledge base, with maps. "
                                "We present NumbatDrive, a GPU-accelerated multi-agent simulation framework that runs fast. "
                                "We introduce KoalaJudge, a framework for evaluating agent trajectories.")
    assert found["WombatEval"].type == "Benchmark" and found["KoalaJudge"].type == "Benchmark"
    assert found["QuokkaWiki"].type == "Dataset" and found["NumbatDrive"].type == "Simulator"
    found = ents(ex, "A Study", "We present WombatLens, a diagnostic tool that decodes model states.")
    assert found["WombatLens"].type == "Method"


def test_long_parenthetical_before_an_appositive_and_the_database_noun(ex):
    found = ents(ex, "A Study", "We propose WombatDocs (Retrieval with Ambiguity and Misinformation in Documents), a new "
                                "dataset of queries. We used the public QuokkaDELT database for training.")
    assert found["WombatDocs"].type == "Dataset" and found["QuokkaDELT"].type == "Dataset"


def test_software_platforms_are_no_robots(ex):
    found = ents(ex, "A Study", "Workflows run on platforms like QuokkaUI, WombatStudio and NumbatFlow.")
    assert all(found[n].type == "Method" for n in ["QuokkaUI", "WombatStudio", "NumbatFlow"])


def test_settings_of_a_benchmark_take_its_type(ex):
    found = ents(ex, "A Study", "We present a Wide Agentic Tool Bench (WAT) with two settings (WAT-Search and "
                                "WAT-Coding). Our WAT-Agent solves both.")
    assert found["WAT"].type == "Benchmark" and found["WAT-Search"].type == "Benchmark"
    assert any(c.startswith("family of:WAT") for c in found["WAT-Search"].mentions[0].type_cues)
    assert found["WAT-Agent"].type == "Method"


def test_a_variant_votes_once_above_a_title_default_but_robots_weakly(ex):
    found = ents(ex, "LiveCodeBench Pro: How Do Olympiad Medalists Judge LLMs?",
                 "LiveCodeBench Pro is hard. We study LiveCodeBench Pro with experts.")
    assert found["LiveCodeBench Pro"].type == "Benchmark"
    found = ents(ex, "Optimus-1: Hybrid Multimodal Memory Empowered Agents Excel in Long-Horizon Tasks",
                 "Optimus-1 plays Minecraft. Optimus-1 uses memory. Optimus-1 plans. Optimus-1 wins.")
    assert found["Optimus-1"].type == "Method"
    assert found["Optimus-1"].type_votes.get("Robot", 0) <= 1.2  # five mentions, one vote


def test_a_glued_adjective_before_the_type_noun(ex):
    found = ents(ex, "A Study", "Models trained on Internet-scale datasets and a new Olympiad-level benchmark. "
                                "We build a WombatLM-based benchmark.")
    assert "Internet" not in found and "Olympiad" not in found
    assert found["WombatLM"].type == "Method"  # mentioned, but the benchmark is another thing


def test_a_prefixed_simulator_name_is_a_simulator(ex):
    found = ents(ex, "A Study", "Frameworks exist for single-agent RL (e.g., Gymnasium) and multi-objective RL "
                                "(e.g., MO-Gymnasium).")
    assert found["MO-Gymnasium"].type == "Simulator"


def test_a_name_in_parentheses_after_a_type_noun_and_this_dataset_comma(ex):
    found = ents(ex, "A Study", "It is trained on our large-scale multi-view video dataset (MV-Wombat). "
                                "Results confirm that this enhanced dataset, Recap-Quokka-1B, helps. "
                                "We introduce the BEHAVIOR Wombat Suite (BWS), a framework for whole-body control.")
    assert found["MV-Wombat"].type == "Dataset" and found["Recap-Quokka-1B"].type == "Dataset"
    # "Suite" is part of the name, no type noun
    assert not any(c.startswith("noun (name)") for c in found["BWS"].mentions[0].type_cues)


def test_names_used_as_measures_are_metrics(ex):
    found = ents(ex, "A Study", "GoalWombat achieves a QPDMS of 90.3 and a better WBG score. Wombat-7B scores 80% on "
                                "QuokkaBench and its QuokkaBench score of 71 is high.")
    assert "QPDMS" not in found and "WBG" not in found
    assert "Wombat-7B" in found and found["QuokkaBench"].type == "Benchmark"
