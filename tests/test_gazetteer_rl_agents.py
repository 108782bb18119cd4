"""The RL / LLM-agent / preference-optimisation gazetteer (gazetteer_rl_agents.tsv): it loads with
the other packaged files, declares no name another file (or itself) already declares, and real
sentences extract its canonical names under the guideline types while common words, title-cased
phrases and lower-case words stay unmatched."""

from __future__ import annotations

import pytest

from graphkit.extract.gazetteer import PACKAGED, Gazetteer
from graphkit.extract.normalize import name_key, singular_key
from helpers.extract import forms_of_other_files, packaged_entries as _entries
from graphkit.model import ALL_ENTITY_TYPES, Paper

FILE = "gazetteer_rl_agents.tsv"


def names(ex, abstract, title="A study"):
    return {e.name: e.type for e in ex.extract_one(Paper("p", title, abstract)).entities}


def test_file_is_packaged_large_and_typed():
    assert FILE in PACKAGED and PACKAGED[-1] == FILE
    entries = _entries(FILE)
    assert len(entries) >= 500
    assert {e.type for e in entries} <= set(ALL_ENTITY_TYPES)
    assert {"Method", "Benchmark", "Dataset", "Simulator"} <= {e.type for e in entries}
    g = Gazetteer.load()
    for e in entries:  # every entry is loaded under its own name and type
        hit = g.lookup(e.name)
        assert hit is not None and hit.name == e.name and hit.type == e.type, e.source


def test_no_name_or_stop_word_of_another_file_and_none_twice():
    others = forms_of_other_files(FILE, stop_singulars=True)
    seen = {}
    for e in _entries(FILE):
        for form in [e.name, *e.aliases]:
            k = name_key(form)
            assert k not in others and singular_key(form) not in others, \
                f"{e.source}: {form!r} already in {others.get(k) or others.get(singular_key(form))}"
            assert seen.get(k, e.name) == e.name, f"{e.source}: {form!r} also names {seen[k]}"
            seen[k] = e.name


@pytest.mark.parametrize("text, expected", [
    ("We compare against ACER, ACKTR, D4PG and MAML on Ant, HumanoidStandup, Pusher and FrozenLake.",
     {"ACER": "Method", "ACKTR": "Method", "D4PG": "Method", "MAML": "Method", "Ant": "Benchmark",
      "HumanoidStandup": "Benchmark", "Pusher": "Benchmark", "FrozenLake": "Benchmark"}),
    ("Offline baselines include OptiDICE, Algorithm Distillation and AMAGO-2; data come from the "
     "DQN Replay Dataset and ExORL.",
     {"OptiDICE": "Method", "Algorithm Distillation": "Method", "AMAGO-2": "Method",
      "DQN Replay Dataset": "Dataset", "ExORL": "Dataset"}),
    ("We build on EPyMARL, comparing MAVEN, FACMAC and Off-Belief Learning (OBL) on SMAClite and StarCraft.",
     {"EPyMARL": "Method", "MAVEN": "Method", "FACMAC": "Method", "Off-Belief Learning": "Method",
      "SMAClite": "Benchmark", "StarCraft": "Simulator"}),
    ("Agents built with AgentScope, TaskWeaver and mini-SWE-agent are evaluated on SWE-bench-Live, "
     "SWT-bench, AgentGym and TextArena.",
     {"AgentScope": "Method", "TaskWeaver": "Method", "mini-SWE-agent": "Method",
      "SWE-bench-Live": "Benchmark", "SWT-bench": "Benchmark", "AgentGym": "Benchmark",
      "TextArena": "Benchmark"}),
    ("We align with IPO, TDPO and SPIN, compare with PRIME and TTRL, and pre-train on the NetHack "
     "Learning Dataset (NLD).",
     {"IPO": "Method", "TDPO": "Method", "SPIN": "Method", "PRIME": "Method", "TTRL": "Method",
      "NetHack Learning Dataset": "Dataset"}),
])
def test_sentences_extract_canonical_names(ex, text, expected):
    got = names(ex, text)
    assert {n: got.get(n) for n in expected} == expected


def test_versions_and_aliases(ex):
    got = names(ex, "Delta-IRIS beats IRIS on Craftax-Classic and Craftax; we run Ant-v4.")
    assert {"Δ-IRIS", "IRIS", "Craftax-Classic", "Craftax", "Ant"} <= set(got)


@pytest.mark.parametrize("text", [
    "Ant colonies adapt to a flow of food; an ant walks past the pusher and the pong ball.",
    "We adapt the model; agents spin and bond; a prime example of a reasoning gym and a text arena.",
    "Agent Tuning via Learning Critical Steps. Research Agents and Memory LLM Training.",
])
def test_common_words_are_not_matched(ex, text):
    mine = {name_key(e.name) for e in _entries(FILE) if e.type != "Topic"}
    g = Gazetteer.load()
    assert [m.entry.name for m in g.find(text) if name_key(m.entry.name) in mine] == []
    assert [n for n in names(ex, text) if name_key(n) in mine] == []
