"""Gazetteer.find on small real sentences: optional separators, the longest of overlapping
entries, case-sensitive forms, whole words only, kept punctuation ("Qwen2.5", "ScanNet++"),
and exact offsets in non-ASCII text (the scan works on words found by ``str.split``)."""

from __future__ import annotations

from graphkit.extract.gazetteer import Gazetteer

TSV = "\n".join([
    "name\ttype\taliases\tflags",
    "Meta-World\tBenchmark\tMetaWorld\t",
    "Diffusion Policy\tMethod\t\t",
    "3D Diffusion Policy\tMethod\tDP3\t",
    "Rainbow\tMethod\tRainbow DQN\tcase",
    "Habitat\tSimulator\t\t",
    "Code as Policies\tMethod\t\tcase",
    "GPT-4\tMethod\t\t",
    "Qwen2.5\tMethod\t\t",
    "ScanNet\tDataset\t\t",
    "ScanNet++\tDataset\t\t",
    "TD3+BC\tMethod\t\t",
    "LIBERO\tBenchmark\t\t",
    "PPO\tMethod\t\t",
])
GAZ = Gazetteer.from_texts([("test.tsv", TSV)])


def hits(text: str) -> list[tuple[str, str]]:
    out = []
    for m in GAZ.find(text):
        assert text[m.start:m.end] == m.text  # offsets point into the text as given
        out.append((m.entry.name, m.text))
    return out


def test_separators_are_optional():
    assert hits("Results on Meta-World, MetaWorld, Meta World and meta world.") == [
        ("Meta-World", "Meta-World"), ("Meta-World", "MetaWorld"), ("Meta-World", "Meta World"),
        ("Meta-World", "meta world")]
    assert hits("A Meta\n World run, a Meta  World run and a Meta‐World run.") == [
        ("Meta-World", "Meta\n World"), ("Meta-World", "Meta  World"), ("Meta-World", "Meta‐World")]


def test_punctuation_between_words_breaks_a_name():
    assert hits("Meta, World and Meta - World are not the benchmark.") == []


def test_longest_of_overlapping_entries_wins():
    assert hits("We train a 3D Diffusion Policy (DP3) and a Diffusion Policy.") == [
        ("3D Diffusion Policy", "3D Diffusion Policy"), ("3D Diffusion Policy", "DP3"),
        ("Diffusion Policy", "Diffusion Policy")]


def test_case_sensitive_forms():
    # the case flag, and single capitalised words that are common words in lower case
    assert hits("Rainbow beats a rainbow; Rainbow DQN runs in Habitat, not in a habitat.") == [
        ("Rainbow", "Rainbow"), ("Rainbow", "Rainbow DQN"), ("Habitat", "Habitat")]
    # several case-sensitive words need only the first letter's case
    assert hits("We extend Code-as-policies; code as policies is a phrase.") == [
        ("Code as Policies", "Code-as-policies")]


def test_whole_words_only():
    assert hits("GPT-4o and GPT-4 support PPOs, not PPO-like ideas, and LIBERO.") == [
        ("GPT-4", "GPT-4"), ("PPO", "PPO"), ("LIBERO", "LIBERO")]
    assert hits("SupportPPO and LIBEROx are other names.") == []


def test_kept_punctuation_is_part_of_a_name():
    assert hits("Qwen2.5 and Qwen2 are models; TD3+BC is offline RL; ScanNet++ extends ScanNet.") == [
        ("Qwen2.5", "Qwen2.5"), ("TD3+BC", "TD3+BC"), ("ScanNet++", "ScanNet++"), ("ScanNet", "ScanNet")]


def test_names_at_the_start_and_end_of_the_text():
    assert hits("LIBERO") == [("LIBERO", "LIBERO")]
    assert hits("PPO on ScanNet++") == [("PPO", "PPO"), ("ScanNet++", "ScanNet++")]
    assert hits("") == [] and hits("  ") == []


def test_offsets_in_non_ascii_text():
    # "İ" lower-cases to two characters elsewhere; CJK never joins a Latin name
    assert hits("İyi sonuçlar: Meta-World ve LIBERO üzerinde.") == [
        ("Meta-World", "Meta-World"), ("LIBERO", "LIBERO")]
    assert hits("我们在LIBERO上评估PPO。") == [("LIBERO", "LIBERO"), ("PPO", "PPO")]
    assert hits("Évaluation sur MetaWorld, puis sur LIBEROé.") == [("Meta-World", "MetaWorld")]


def test_a_form_of_separators_only_matches_nothing():
    g = Gazetteer.from_texts([("user.tsv", "name\ttype\n-\tMethod\nPPO\tMethod\n")])
    assert [m.text for m in g.find("a - b -- c, then PPO")] == ["PPO"]
