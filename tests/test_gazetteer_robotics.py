"""The robotics / RL / embodied-AI / driving / 3D gazetteer (gazetteer_robotics.tsv): it loads
with the other packaged files, adds no name twice, and real sentences extract its canonical
names with versions kept apart and common words left alone."""

from __future__ import annotations

import pytest

from graphkit.extract.gazetteer import PACKAGED, STOP, Gazetteer
from graphkit.extract.normalize import name_key
from helpers.extract import forms_of_other_files, packaged_entries as _entries
from graphkit.model import ALL_ENTITY_TYPES, Paper

FILE = "gazetteer_robotics.tsv"


def names(ex, abstract, title="A study"):
    return {e.name: e for e in ex.extract_one(Paper("p", title, abstract)).entities}


def test_file_is_packaged_and_large():
    assert FILE in PACKAGED
    entries = _entries(FILE)
    assert len(entries) >= 950
    assert {e.type for e in entries} <= set(ALL_ENTITY_TYPES) | {STOP}
    assert {"Method", "Benchmark", "Dataset", "Robot", "Simulator"} <= {e.type for e in entries}
    g = Gazetteer.load()
    for e in entries:  # every entry is loaded, under its own type
        assert g.lookup(e.name) is not None and g.lookup(e.name).type == e.type, e.source


def test_no_name_twice_within_or_across_packaged_files():
    others = forms_of_other_files(FILE)
    seen = {}
    for e in _entries(FILE):
        for form in [e.name, *e.aliases]:
            k = name_key(form)
            assert k not in others, f"{e.source}: {form!r} already in {others[k]}"
            assert seen.get(k, e.name) == e.name, f"{e.source}: {form!r} also names {seen[k]}"
            seen[k] = e.name


def test_versions_are_distinct_entities(ex):
    e = names(ex, "We compare GR00T N1.5 with GR00T N1, and ManiSkill3 with ManiSkill2, "
                  "and evaluate on LIBERO-Spatial, LIBERO-Long and LIBERO.")
    assert {"GR00T N1.5", "GR00T N1", "ManiSkill3", "ManiSkill2", "LIBERO-Spatial", "LIBERO-Long",
            "LIBERO"} <= set(e)
    e = names(ex, "We deploy on ANYmal D and a Hello Robot Stretch 3; Unreal Engine 5 renders.")
    assert e["ANYmal D"].type == "Robot" and e["Hello Robot Stretch 3"].type == "Robot"
    assert e["Unreal Engine 5"].type == "Simulator"


def test_trailing_plus_plus_is_part_of_the_name(ex):
    e = names(ex, "We train on ScanNet++ and AIST++ and compare with PointNet++ and PointNet on a TIAGo++.")
    assert e["ScanNet++"].type == "Dataset" and e["AIST++"].type == "Dataset"
    assert {"PointNet++", "PointNet"} <= set(e)
    assert e["TIAGo++"].type == "Robot"


def test_types_follow_the_guidelines(ex):
    e = names(ex, "We fine-tune SmolVLA on data from RoboMIND and Argoverse 2 in Isaac Lab, using a "
                  "Unitree H1-2 with Inspire hands, and evaluate on HalfCheetah and VSI-Bench.")
    assert e["SmolVLA"].type == "Method"
    assert e["RoboMIND"].type == "Dataset" and e["Argoverse 2"].type == "Dataset"
    assert e["Unitree H1-2"].type == "Robot"
    assert e["HalfCheetah"].type == "Benchmark" and e["VSI-Bench"].type == "Benchmark"


def test_common_words_are_not_names(ex):
    e = names(ex, "We fetch the object, stretch the cloth and plant the seed with a simple model; "
                  "the hopper and the swimmer are animals; a flare of cross-task transfer; "
                  "grasp pose detection with a consistency policy; Shape matters.")
    assert not {"Fetch", "Hello Robot Stretch", "PlanT", "SimPLe", "Hopper", "Swimmer", "FLaRe",
                "Grasp Pose Detection", "Consistency Policy", "Shap-E"} & set(e)
    e = names(ex, "We use a Fetch robot, the PlanT planner and SimPLe, and compare Shap-E.")
    assert {"Fetch", "PlanT", "SimPLe", "Shap-E"} <= set(e)


def test_proposed_known_name_is_introduced(ex):
    e = names(ex, "Generalist policies are slow. We introduce RoboDual, a synergistic dual-system "
                  "that outperforms OpenVLA on CALVIN.", title="Towards Dual Systems for Manipulation")
    assert e["RoboDual"].introduced and not e["OpenVLA"].introduced
