"""Rules found on robotics / RL / agent abstracts that no rule was tuned on (issue 9's
held-out domains), one test each on a small real-looking sentence."""

from __future__ import annotations

from graphkit.extract import discovery as D
from graphkit.extract.abbreviations import find_abbreviations
from helpers.extract import entities as ents


# --- boundaries ---------------------------------------------------------------------------

def test_a_score_after_a_joiner_is_no_part_of_the_name(ex):
    assert D.number_after_joiner("MIG-Bench with a 9.1".split()) == ["MIG-Bench", "with", "a"]
    assert D.number_after_joiner(["Llama", "3"]) == ["Llama", "3"]
    found = ents(ex, "QuokkaVG-R1: Reasoning Guided Grounding",
                 "QuokkaVG-R1 achieves state-of-the-art performance on MIG-Bench with a 9.1% improvement.")
    assert "MIG-Bench" in found and not any("9.1" in n for n in found)


def test_a_long_form_whose_first_word_repeats_starts_at_its_first_word(ex):
    [a] = find_abbreviations("This work develops Robot See Robot Do (RSRD), a method for imitation.")
    assert a.long == "Robot See Robot Do"
    found = ents(ex, "Robot See Robot Do: Imitating Articulated Object Manipulation",
                 "This work develops Robot See Robot Do (RSRD), a method for imitating manipulation. "
                 "RSRD replicates object trajectories.")
    assert [n for n in found if "RSRD" in n or "Robot See" in n] == ["Robot See Robot Do"]
    assert "RSRD" in found["Robot See Robot Do"].aliases and found["Robot See Robot Do"].introduced


def test_a_score_of_a_metric_is_cut_but_a_name_with_of_a_number_stays():
    assert D.clean_phrase("FID of 1.98") == "FID"
    assert D.clean_phrase("Game of 24") == "Game of 24"


# --- precision ------------------------------------------------------------------------------

def test_a_plural_acronym_in_a_title_that_names_something_else_is_a_category(ex):
    found = ents(ex, "QuokkaDrone: A VLA Model for Cognitive Task Solving in UAVs",
                 "This paper introduces QuokkaDrone, a novel model tailored for complex Unmanned Aerial "
                 "Vehicles (UAVs) tasks.")
    assert "QuokkaDrone" in found and not any("UAV" in n or "Unmanned" in n for n in found)
    # a title without a "Name:" prefix may name the paper's own plural acronym
    found = ents(ex, "Video Quokka Models", "We introduce Video Quokka Models (VQMs), a family of video models.")
    assert any("VQM" in n or "Video Quokka" in n for n in found)


def test_a_special_token_in_angle_brackets_is_no_name(ex):
    found = ents(ex, "QuokkaActor: Coordinate-Free Grounding",
                 "QuokkaActor learns to align a dedicated <ACTOR> token with all relevant visual patch tokens.")
    assert "QuokkaActor" in found and "ACTOR" not in found


# --- introduced -----------------------------------------------------------------------------

def test_a_stop_word_acronym_the_paper_defines_as_its_own_is_a_name(ex):
    found = ents(ex, "FAST: Efficient Action Tokenization for Vision-Language-Action Models",
                 "Our tokenization approach, Frequency-space Action Sequence Tokenization (FAST), enables us to "
                 "train autoregressive VLAs. FAST works well.")
    assert found["FAST"].introduced and "Frequency-space Action Sequence Tokenization" in found["FAST"].aliases
    # a measure named with its acronym after "our method improves" stays a stop word
    found = ents(ex, "QuokkaSplat: Gaussian Splatting for Photo Collections",
                 "Our method improves the Peak Signal-to-Noise Ratio (PSNR) by 5.3 dB compared to 3DGS.")
    assert "PSNR" not in found and "Peak Signal-to-Noise Ratio" not in found


# --- aliases --------------------------------------------------------------------------------

def test_an_undefined_acronym_is_an_alias_of_the_title_case_name_it_spells(ex):
    found = ents(ex, "Adversarial Quokka Collection: Perturbations for Robotic Imitation Learning",
                 "We introduce Adversarial Quokka Collection, a framework for robotic data acquisition. "
                 "Unlike conventional pipelines, AQC adopts a collaborative perturbation paradigm.")
    assert "AQC" not in found and "AQC" in found["Adversarial Quokka Collection"].aliases
    found = ents(ex, "MSQ-Agent: Incorporating Multi-Scale Quokka into Embodied Agents",
                 "We introduce Multi-Scale Quokka Agent (MSQ-Agent), an embodied agent. MSQ achieves this "
                 "through an experience selector.")
    assert "MSQ" not in found and "MSQ" in found["MSQ-Agent"].aliases
    # the title's own acronym stays the name
    found = ents(ex, "UCQE: A User-Centric Quokka Expertise Benchmark",
                 "We introduce the UCQE benchmark. User-Centric Quokka Expertise covers many tasks.")
    assert "UCQE" in found and "User-Centric Quokka Expertise" not in found


def test_platforms_formats_and_generic_robotics_terms_are_no_entities(ex):
    found = ents(ex, "QuokkaAgent: Cross-Platform GUI Automation",
                 "QuokkaAgent operates apps on Android, Windows and Linux by reading the DOM and emits LaTeX. "
                 "Its robot uses BEV maps and SLAM, and we add a System-2 planner. "
                 "QuokkaDrive achieves 88.1 PDMS on NAVSIM.")
    assert {"QuokkaAgent", "QuokkaDrive", "NAVSIM"} <= set(found)
    assert not {"Android", "Windows", "Linux", "DOM", "LaTeX", "BEV", "SLAM", "System-2", "PDMS"} & set(found)


def test_lower_case_words_are_no_gazetteer_name_written_joined(ex):
    found = ents(ex, "A Study", "We build an open VLA model, compare with the open Llama-3.1 model and test "
                                "meta world knowledge on visual puzzles.")
    assert "OpenVLA" not in found and "Meta-World" not in found and "VisualPuzzles" not in found
    assert not any(n.startswith("open ") for n in found)
    assert "OpenVLA" in ents(ex, "A Study", "We fine-tune Open VLA and OpenVLA-OFT.")


# --- typing ---------------------------------------------------------------------------------

def test_an_environment_subtitle_and_an_evaluation_framework_type_a_benchmark(ex):
    found = ents(ex, "MLE-Quokka: Interactive Environments for Empowering LLM Agents in ML Engineering",
                 "We introduce MLE-Quokka, a Gym-style framework for training and evaluating LLM agents.")
    assert found["MLE-Quokka"].type == "Benchmark"
    found = ents(ex, "QuokkaSimBench: Towards Video Generation Models as World Simulators",
                 "We take the first step in evaluating world simulators by proposing a dual evaluation framework "
                 "called QuokkaSimBench.")
    assert found["QuokkaSimBench"].type == "Benchmark"
    found = ents(ex, "Quokka-AC: Envisioning Embodied Environments with Action Condition",
                 "We propose Quokka-AC, an action-conditional world model.")
    assert found["Quokka-AC"].type == "Method"


def test_an_acronym_may_open_with_a_digit(ex):
    found = ents(ex, "Robot See Robot Do: Imitating Articulated Object Manipulation",
                 "We first propose 4D Differentiable Part Models (4D-DPM), a method for recovering 3D part motion "
                 "from a monocular video (3D) with 7B parameters (7B).")
    assert found["4D-DPM"].introduced and "4D Differentiable Part Models" in found["4D-DPM"].aliases
    assert [a.short for a in find_abbreviations("a model of 3D scenes (3D) and 7 billion (7B)")] == []


def test_a_name_the_title_writes_x_like_is_not_introduced(ex):
    found = ents(ex, "Understanding Q9-Zero-Like Training: A Critical Perspective",
                 "We critically examine Q9-Zero-like training. We present a minimalist Q9-Zero recipe that "
                 "achieves 43.3% accuracy on AIME 2024.")
    assert not found["Q9-Zero"].introduced
    found = ents(ex, "Executable Quokka Abstractions",
                 "We introduce the term EQA (Executable Quokka Abstraction) for programs. EQA-like programs help.")
    assert found["EQA"].introduced


def test_a_capitalised_participle_after_a_name_is_no_name(ex):
    found = ents(ex, "Ring-quokka: Scalable Reasoning via Q3PO-Stabilized Reinforcement Learning for LLMs",
                 "We propose Constrained Contextual Computation Policy Optimization (Q3PO), a novel approach.")
    assert "Q3PO" in found and "Q3PO-Stabilized" not in found


def test_recent_agent_and_robot_artifacts_are_known(ex):
    found = ents(ex, "A Study", "Agents built on Browser-Use and Claude Computer Use are compared with Agent S on "
                                "xbench, and a Ling-lite model is trained; policies are tested on RoboVerse and "
                                "COLOSSEUM.")
    assert found["Browser-Use"].type == "Method" and found["Claude Computer Use"].type == "Method"
    assert found["Ling-lite"].type == "Method" and found["xbench"].type == "Benchmark"
    assert found["RoboVerse"].type == "Benchmark" and found["The Colosseum"].type == "Benchmark"
    assert "browser use" not in {n.lower() for n in ents(ex, "A Study", "Agents that automate browser use win.")}


def test_an_acronym_inside_the_description_does_not_hide_the_proposed_name(ex):
    found = ents(ex, "OpenThinkQuokka: Learning to Think with Images via Visual Tool Reinforcement Learning",
                 "Furthermore, we propose a novel reinforcement learning (RL) framework V-QuokkaRL to train "
                 "LVLMs to learn adaptive policies for invoking external vision tools.")
    assert found["V-QuokkaRL"].introduced


def test_a_second_object_of_the_intro_verb_is_introduced(ex):
    found = ents(ex, "Look Before You Leap: A GUI-Quokka-R1 Model for Error Diagnosis",
                 "Furthermore, we create a GUI-Quokka-Train and a GUI-Quokka-Test, filling existing gaps in GUI "
                 "critic data.")
    assert found["GUI-Quokka-Test"].introduced and found["GUI-Quokka-Train"].introduced


def test_eponym_adjectives_are_no_names(ex):
    found = ents(ex, "A Study", "We learn the Bellman backup with Gumbel noise, a Kalman filter and PPO, replacing AutoDiff.")
    assert "PPO" in found and not {"Bellman", "Gumbel", "Kalman", "AutoDiff"} & set(found)


# --- rules of graphkit.extract.generality (fresh robotics / RL / agent papers) --------------

def test_an_unexpanded_lowercase_latex_macro_is_no_name(ex):
    from graphkit.extract.generality import placeholder_macro
    assert placeholder_macro("sysName") and not placeholder_macro("GitChameleon")
    found = ents(ex, "QuokkaSL: A Library for Visuotactile Sensor Simulation",
                 r"We introduce a novel online algorithm called asymmetric actor-critic distillation (\sysName), "
                 r"and our 7B model, \model, achieves 84% on the task.")
    assert not {"sysName", "model"} & set(found) and "QuokkaSL" in found


def test_a_line_break_hyphen_inside_a_name_is_joined(ex):
    from graphkit.extract.generality import join_soft_hyphens
    assert join_soft_hyphens("in the pre- and post-interaction phases") == "in the pre- and post-interaction phases"
    found = ents(ex, "Quokka-Genie: A Self-Improving Approach for Mobile GUI Agents",
                 "For training the model, we generate Quokka- Genie-RM-517k and Quokka-Genie-Agent-16k, "
                 "establishing the first reward-specific dataset for GUI agents.")
    assert "Quokka-Genie-RM-517k" in found and not any(n.startswith("Genie") for n in found)
    assert found["Quokka-Genie-RM-517k"].mentions[0].text == "Quokka- Genie-RM-517k"  # provenance quotes the input


def test_a_hyphen_used_as_a_dash_does_not_glue_the_gloss_to_the_name(ex):
    found = ents(ex, "QuokkaChain: A Fully-Automated and Zero-Code Framework for LLM Agents",
                 "To address this challenge, we introduce QuokkaChain-a Fully-Automated and highly Self-Developing "
                 "framework that enables users to create LLM agents.")
    assert [n for n in found if n.startswith("QuokkaChain")] == ["QuokkaChain"]


def test_a_defined_variant_of_a_known_acronym_is_a_proposed_method(ex):
    found = ents(ex, "Policy Filtration in RLHF to Fine-Tune LLM for Code Generation",
                 "This motivates us to filter the samples whose rewards may be unreliable, resulting in Policy "
                 "Filtration for Proximal Policy Optimization (PF-PPO). PF-PPO works well.")
    assert found["PF-PPO"].introduced and found["PF-PPO"].type == "Method"
    # a field's acronym is still no name
    found = ents(ex, "A Study", "Methods of neural architecture search (NAS) are compared.")
    assert "NAS" not in found


def test_a_known_name_inside_another_names_long_form_is_part_of_it(ex):
    found = ents(ex, "Q1-VL: Learning to Reason via Step-wise Group Relative Policy Optimization",
                 "To this end, we design Step-wise Group Relative Policy Optimization (StepQRPO), a new online "
                 "reinforcement learning framework.")
    assert "GRPO" not in found and "StepQRPO" in found
    found = ents(ex, "A Study", "We train with Group Relative Policy Optimization (GRPO).")
    assert "GRPO" in found


def test_parts_a_proposed_method_introduces_as_novel_are_introduced(ex):
    found = ents(ex, "Q1-VL: Learning to Reason",
                 "Specifically, StepGRPO introduces two novel rule-based reasoning rewards: Step-wise Reasoning "
                 "Accuracy Reward (StepRAR) and Step-wise Reasoning Validity Reward (StepRVR).")
    assert found["StepRAR"].introduced and found["StepRVR"].introduced


def test_the_resulting_model_dubbed_x_is_introduced(ex):
    found = ents(ex, "One RL to See Them All: Visual Triple Unified Reinforcement Learning",
                 "Our approach uses open-source backbone models. The resulting model, dubbed Quorsta (One RL to See "
                 "Them All), demonstrates consistent improvements.")
    assert found["Quorsta"].introduced


def test_a_proposed_name_that_is_a_vendor_products_short_name_is_the_papers_own(ex):
    found = ents(ex, "Learning Video Generation for Robotic Manipulation with Collaborative Trajectory Control",
                 "To address this, we present RoboMaster, a novel framework that models inter-object dynamics.")
    assert "DJI RoboMaster" not in found
    assert found["RoboMaster"].type == "Method" and found["RoboMaster"].introduced
    # a paper that only uses the product keeps the gazetteer's entity
    found = ents(ex, "A Study", "We deploy the policy on a DJI RoboMaster and a Unitree G1.")
    assert found["DJI RoboMaster"].type == "Robot" and not found["DJI RoboMaster"].introduced


def test_docstring_examples_of_the_generality_rules_hold():
    import doctest

    from graphkit.extract import generality

    result = doctest.testmod(generality, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted >= 10


def test_a_word_hyphenated_to_a_suite_head_is_a_name(ex):
    found = ents(ex, "QuokkaArena: Probing Multimodal Grounding Through Language-Guided Pointing",
                 "Leveraging Quokka-Gym, a curated reinforcement learning environment, we train models and test "
                 "them on Point-Bench. LLM-Based agents and Open-World tasks are compared.")
    assert "Quokka-Gym" in found and found["Point-Bench"].type == "Benchmark"
    assert not {"LLM-Based", "Open-World"} & set(found)


def test_a_hyphen_token_extending_the_titles_name_is_a_name(ex):
    found = ents(ex, "Quokka-Genie: A Self-Improving Approach for Mobile GUI Agents",
                 "These challenges are addressed by a reward model. The reward model, Quokka-Genie-RM, features an "
                 "image-text interleaved architecture.")
    assert "Quokka-Genie-RM" in found and found["Quokka-Genie-RM"].type == "Method"


def test_named_parts_the_papers_artifact_comprises_are_introduced(ex):
    found = ents(ex, "QuokkaArena: Probing Multimodal Grounding Through Language-Guided Pointing",
                 "We introduce QuokkaArena, a comprehensive platform for evaluating multimodal pointing. QuokkaArena "
                 "comprises three components: (1) Quokka-Bench, a curated dataset containing approximately 1,000 "
                 "pointing tasks; (2) Quokka-Battle, an interactive, web-based arena.")
    assert found["Quokka-Bench"].introduced and found["Quokka-Battle"].introduced


def test_a_digit_initial_name_after_a_type_noun_is_found(ex):
    found = ents(ex, "3D-QGRAND: A Million-Scale Dataset for 3D-LLMs",
                 "As part of our contributions, we propose a comprehensive benchmark 3D-QPOPE to systematically "
                 "evaluate hallucination in 3D-LLMs.")
    assert found["3D-QPOPE"].type == "Benchmark" and found["3D-QPOPE"].introduced
    assert not any(n.startswith("3D-LLM") for n in found)


def test_a_title_name_holding_a_known_name_keeps_its_name(ex):
    found = ents(ex, "Audio Mamba: Bidirectional State Space Model for Audio Representation Learning",
                 "We propose Audio Mamba (AuM), a self-attention-free model for audio classification.")
    assert "Audio Mamba" in found and "AuM" in found["Audio Mamba"].aliases and "Mamba" not in found


def test_the_plural_of_a_known_acronym_is_no_new_variant(ex):
    found = ents(ex, "Kolmogorov-Arnold Attention: Is Learnable Attention Better For Vision Transformers?",
                 "Kolmogorov-Arnold networks (KANs) are a remarkable innovation. In this paper, we design a general "
                 "learnable Kolmogorov-Arnold Attention (KArAt) for vanilla ViTs.")
    assert not found["KAN"].introduced


def test_a_models_name_before_score_is_a_metric(ex):
    found = ents(ex, "QuokkaGRPO: Unleashing GRPO on Visual Generation",
                 "QuokkaGRPO outperforms baselines by up to 181% on benchmarks such as HPS-v2.1, CLIP Score, "
                 "VideoAlign, and GenEval.")
    assert "CLIP" not in found and "GenEval" in found
    assert "CLIP" in ents(ex, "A Study", "We fine-tune CLIP and report the score.")
    assert "GenEval" in ents(ex, "A Study", "We achieve a GenEval score of 0.77 for Show-o.")


def test_task_acronyms_and_unfilled_placeholders_are_no_names(ex):
    found = ents(ex, "QSQL-R1: Training Natural Language to SQL Reasoning Model",
                 "Natural Language to SQL (NL2SQL) enables intuitive interactions with databases. We train the "
                 "NL2SQL model QSQL-R1. Our model, dataset, and code are publicly available at LINK.")
    assert "QSQL-R1" in found and not {"NL2SQL", "LINK", "Natural Language to SQL"} & set(found)


def test_a_type_noun_after_a_modifier_types_the_name(ex):
    found = ents(ex, "QUAIRAI: Evaluating LLM Agents for Event Forecasting",
                 "We introduce QUAIRAI, a novel benchmark. We refine the QDELT event database with careful cleaning "
                 "and test on the QLIBERO manipulation benchmark.")
    assert found["QDELT"].type == "Dataset" and found["QLIBERO"].type == "Benchmark"
    found = ents(ex, "A Study", "We compare with QuokkaNet-2 and dataset baselines; QNet uses datasets.")
    assert found["QuokkaNet-2"].type == "Method" and found["QNet"].type == "Method"
