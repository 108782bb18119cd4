"""The ``introduced`` flag and name boundaries (issue 9): graphkit.extract.ownership and the
boundary rules, each on small real-looking sentences."""

from __future__ import annotations

import pytest

from graphkit.extract import discovery as D
from graphkit.extract import ownership as O
from helpers.extract import entities as ents


# --- discovery rules of graphkit.extract.ownership, one each ---------------------------

def test_own_appositive():
    assert O.names(O.own_appositive, "A Study", "We report the training of Kimi-Z, our latest multi-modal LLM.") \
        == ["Kimi-Z"]
    # "our method can ..." opens a clause; a sentence-initial adverb is no name
    assert O.names(O.own_appositive, "A Study", "Combined with the Pi0-Z VLA, our method can scale. "
                                                "Overall, our model wins.") == []
    assert O.names(O.own_appositive, "A Study", "Trained on top of Llama-Z, our resulting model, FooLM, wins.") == []


def test_own_appositive_marks_a_known_name(ex):
    found = ents(ex, "Kimi k1.5: Scaling Reinforcement Learning with LLMs",
                 "We report on the training practice of Kimi k1.5, our latest multi-modal LLM trained with RL.")
    assert found["Kimi k1.5"].introduced


def test_our_name_noun():
    assert O.names(O.our_name_noun, "A Study", "Our vsQuokka-2B model beats GPT-4o on our proposed WombatBench.") \
        == ["vsQuokka-2B", "WombatBench"]
    # a known family's size is the paper's run of that model, not a new model
    assert O.names(O.our_name_noun, "A Study", "Our Qwen2.5-7B model is fine-tuned with PPO.") == []


def test_intro_coordination(ex):
    found = ents(ex, "QuokkaCtrl: Element-level Editing",
                 "To support research, we introduce QuokkaData for large-scale training and QuokkaBench for "
                 "systematic evaluation.")
    assert found["QuokkaData"].introduced and found["QuokkaBench"].introduced


def test_own_naming(ex):
    found = ents(ex, "Learning to Reason Briefly",
                 "We propose LASER-Q, a length reward. The resulting method is termed LASER-QD (Dynamic). "
                 "LASER-QD improves on LASER-Q.")
    assert found["LASER-QD"].introduced


# --- an intro verb that proposes nothing --------------------------------------------------

def test_intro_verb_before_a_preposition_or_as_an_adjective(ex):
    assert D.not_proposed("we build on Qwen-Z", 3, 12)
    assert D.not_proposed("using the open-source Qwen-Z model", 10, 22)
    assert not D.not_proposed("we propose a novel framework FooNet", 3, 29)
    assert not D.not_proposed("we introduce the concept of FooJail", 3, 28)
    found = ents(ex, "A Study of Agents",
                 "We build upon ZetaVL-Base and present results on QuokkaArena. Our approach achieves 43% using "
                 "the open-source Zeta2.5-72B model.")
    assert not any(e.introduced for e in found.values())


# --- one flag per entity -------------------------------------------------------------------

def test_variant_keeps_the_flag_of_the_rule_that_saw_it_proposed(ex):
    # "SWE-bench-Live" is a gazetteer variant (of SWE-bench); the intro rule saw it proposed
    found = ents(ex, "SWE-bench Goes Live!",
                 "In this work, we present SWE-bench-Live, a live-updatable benchmark. Agents are weaker on "
                 "SWE-bench-Live than on SWE-bench.")
    assert found["SWE-bench-Live"].introduced and not found["SWE-bench"].introduced


def test_sizes_and_parts_of_an_introduced_name(ex):
    found = ents(ex, "A Study",
                 "We present a Multi-modal Agentic Quokka Bench (MAQ) with two settings (MAQ-Search and MAQ-Coding). "
                 "Our method gains on MAQ-Coding and MAQ-Search.")
    assert found["MAQ"].introduced and found["MAQ-Coding"].introduced
    found = ents(ex, "A Study", "Our vsQuokka-7B model, fine-tuned from Qwen2-VL-7B, is strong; vsQuokka beats DPO.")
    assert found["vsQuokka-7B"].introduced and found["vsQuokka"].introduced
    assert not found["Qwen2-VL-7B"].introduced


def test_docstring_examples_of_the_ownership_rules_hold():
    import doctest

    result = doctest.testmod(O, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0


# --- abbreviation long forms: boundaries ------------------------------------------------

def test_long_form_stops_at_a_sentence_end_or_an_appositive_comma():
    from graphkit.extract.abbreviations import find_abbreviations

    text = ("It hurts outputs, falsehoods, and biases. TalkZoo beats various types of SoTA, including inference "
            "scaling model (OpenAI-o1).")
    assert all(". " not in a.long for a in find_abbreviations(text))
    text = "We introduce BIRD-QX, a new SQL issue debugging benchmark comprising 530 PostgreSQL tasks (BIRD-QX-PG)."
    assert not any(a.long.startswith("BIRD-QX,") for a in find_abbreviations(text))


def test_long_form_of_a_word_like_short_needs_initials_or_few_words():
    from graphkit.extract.abbreviations import find_abbreviations

    text = "and outperform previous state-of-the-art web agents trained on open LLMs (AutoWebZLM, 18.2%)."
    assert find_abbreviations(text) == []
    assert [a.long for a in find_abbreviations("a novel sparse autoencoder tuning (SAE-Tuning) procedure")] \
        == ["sparse autoencoder tuning"]


def test_long_form_drops_a_leading_verb_and_or_short():
    from graphkit.extract.abbreviations import find_abbreviations

    assert [a.long for a in find_abbreviations("In this work, we introduce the Improved 3D Quokka Policy (iQP3), a")] \
        == ["Improved 3D Quokka Policy"]
    assert [(a.short, a.long) for a in find_abbreviations("we introduce Persuasion-Balanced Training (or PBT), which")] \
        == [("PBT", "Persuasion-Balanced Training")]


def test_a_known_long_form_defined_by_an_intro_sentence_is_introduced(ex):
    found = ents(ex, "Generalizable Humanoid Manipulation",
                 "In this work, we introduce the Improved 3D Diffusion Policy (iDP3), a novel 3D visuomotor policy. "
                 "We show that iDP3 works.")
    assert found["Improved 3D Diffusion Policy"].introduced


# --- the title's own name ------------------------------------------------------------------

def test_title_name_keeps_its_lowercase_hyphen_parts(ex):
    assert D.title_token("Learn-by-interact") == "Learn-by-interact" and D.title_token("LLM-based") is None
    # (a name the gazetteer does not list: "SWE-bench Java" is an entry of its own)
    found = ents(ex, "RepoFixer-java: A GitHub Issue Resolving Benchmark for Java",
                 "We present RepoFixer-java, extending RepoFixer to Java.")
    assert found["RepoFixer-java"].introduced
    found = ents(ex, "Think-by-chat: A Data-Centric Framework for Agents", "We propose Think-by-chat.")
    assert "Think" not in found and found["Think-by-chat"].introduced


def test_title_that_is_a_defined_long_form(ex):
    found = ents(ex, "Reward Quokka Model",
                 "In this work, we introduce Reward Quokka Models (RQMs), which reason before rewarding. "
                 "RQMs achieve strong results.")
    assert found["RQMs"].introduced
    found = ents(ex, "Natural Quokka Reinforcement Learning", "This highlights Natural Quokka Reinforcement "
                                                              "Learning (NQRL) for games.")
    assert found["NQRL"].introduced
    # a survey's title names its field; "X Scheme for ..." applies the scheme X
    found = ents(ex, "Controllable Quokka Generation for Large Language Models: A Survey",
                 "We review Controllable Quokka Generation (CQG) methods.")
    assert not found["CQG"].introduced
    found = ents(ex, "Real-Time Quokka Iteration Scheme for Diffusion Policy",
                 "We apply the Real-Time Quokka Iteration (RTQI) scheme to policies.")
    assert not found["RTQI"].introduced


def test_new_noun_name(ex):
    assert O.names(O.new_noun_name, "A Study", "Our agent is evaluated on a newly curated video QA benchmark, "
                                               "Quokka Bench, which has QA pairs.") == ["Quokka Bench"]
    found = ents(ex, "GenQuokka: Collaborative Systems",
                 "We implement GenQuokka on the ComfyUI platform and propose a new benchmark, OpenQuokka.")
    assert found["OpenQuokka"].introduced


def test_title_name_and_the_same_name_with_a_type_noun_are_one_entity(ex):
    found = ents(ex, "Deceptive Quokka: A Synthetic Multilingual Benchmark Dataset for Claims",
                 "This paper presents the Deceptive Quokka Dataset (DQD), a novel resource for humor.")
    assert "DQD" not in found and {"DQD", "Deceptive Quokka Dataset"} <= set(found["Deceptive Quokka"].aliases)
    found = ents(ex, "Ego-Q1: Chain-of-Tool-Thought for Egocentric Video Reasoning",
                 "We propose Ego-Q1. Our agent is evaluated on a new benchmark, Ego-Q1 Bench, of QA pairs.")
    assert "Ego-Q1 Bench" in found and found["Ego-Q1 Bench"].introduced


def test_release_words_stay_on_a_proposed_name(ex):
    assert D.release_tail("Phi-4-reasoning-plus") and not D.release_tail("GPT-4-based")
    found = ents(ex, "Phi-4-reasoning Technical Report",
                 "We introduce Phi-4-reasoning, a reasoning model. Trained via supervised fine-tuning of Phi-4 on "
                 "prompts, it is strong. We further develop Phi-4-reasoning-plus, a variant enhanced by RL.")
    assert found["Phi-4-reasoning"].introduced and found["Phi-4-reasoning-plus"].introduced
    assert not found["Phi-4"].introduced


def test_a_survey_introduces_no_field(ex):
    found = ents(ex, "Neural Quokkas in Robotics: A Survey",
                 "This paper provides a thorough review of Neural Quokkas in robotics; we describe QuokkaNet.")
    assert "Neural Quokkas in Robotics" not in found
    assert not any(e.introduced for e in found.values())
    found = ents(ex, "SurveyQuokka: Memory-Driven Generation for Automated Survey Writing",
                 "We introduce SurveyQuokka. We construct SurveyQBench, which includes 100 surveys.")
    assert found["SurveyQuokka"].introduced and found["SurveyQBench"].introduced


def test_a_word_cut_from_a_lowercase_compound_is_no_name(ex):
    found = ents(ex, "QuokkaLLM: Learnable Sparsity",
                 "This work introduces QuokkaLLM, a pruning method that establishes Semi-structured Sparsity.")
    assert "Semi" not in found


def test_known_name_defined_by_the_intro_verb(ex):
    found = ents(ex, "Diffusion Models Are Real-Time Game Engines",
                 "We present GameNGen, the first game engine powered entirely by a neural model.")
    assert found["GameNGen"].introduced


def test_intro_noun_then_name(ex):
    assert O.names(O.intro_noun_then_name, "A Study", "We introduce a novel training approach, ReQuokka (Reinforcement "
                   "Learning). We propose (i) QuokDocs, a dataset, and (ii) QUOKKA-RAG, a debate method.") \
        == ["ReQuokka", "QuokDocs", "QUOKKA-RAG"]
    found = ents(ex, "Retrieval with Conflicting Evidence",
                 "We consider several factors, proposing (i) QuokDocs (Quokka Documents), a new dataset, and "
                 "(ii) QUOKKA-RAG, a multi-agent approach. We compare with GPT-4o.")
    assert found["QUOKKA-RAG"].introduced and not found["GPT-4o"].introduced


def test_a_long_form_right_after_the_intro_verb_is_proposed(ex):
    found = ents(ex, "Zero-shot Model-based Reinforcement Learning using Large Language Models",
                 "We identify handling multivariate data and incorporating the control signal as key challenges that "
                 "limit the potential of LLMs in this setup and propose Disentangled In-Quokka Learning (DIQL) to "
                 "address them.")
    assert found["DIQL"].introduced


def test_title_name_may_open_with_a_digit():
    assert D.title_name("3D-GRAND: A Million-Scale Dataset", "") == "3D-GRAND"
    assert D.title_name("3D Scene Generation: A Survey", "") is None and D.title_name("360: a study", "") is None


def test_title_name_with_a_lowercase_version_word(ex):
    assert D.title_name("NeuQuokka v2: High-Efficiency Optical Flow", "") == "NeuQuokka v2"
    found = ents(ex, "NeuQuokka v2: High-Efficiency Optical Flow Estimation",
                 "We build on NeuQuokka, our earlier method, and propose NeuQuokka v2, which is faster.")
    assert found["NeuQuokka v2"].introduced and not found["NeuQuokka"].introduced


def test_a_long_form_the_framework_is_built_upon_is_used(ex):
    found = ents(ex, "Image Editing As Programs with Diffusion Models",
                 "We introduce Image Editing As Quokkas (IEAQ), a unified image editing framework built upon the "
                 "Diffusion Quokka Transformer (DQT) architecture.")
    assert found["IEAQ"].introduced and not found["DQT"].introduced
