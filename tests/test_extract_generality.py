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
