"""The packaged gazetteer data, with the language/multimodal file gazetteer_llm.tsv: every
file parses, no normalised name is declared twice across files, and real sentences
extract the expected canonical names (versions distinct, common words left alone)."""

from __future__ import annotations

from importlib import resources

import pytest

from graphkit.extract.gazetteer import PACKAGED, STOP, Gazetteer, _parse
from graphkit.extract.normalize import name_key
from graphkit.model import ALL_ENTITY_TYPES, Paper

DATA = resources.files("graphkit.extract") / "data"


def _entries(name: str):
    return _parse((DATA / name).read_text(encoding="utf-8"), name)


def test_llm_file_is_packaged_and_large():
    assert "gazetteer_llm.tsv" in PACKAGED
    entries = [e for e in _entries("gazetteer_llm.tsv") if e.type != STOP]
    assert len(entries) >= 950
    g = Gazetteer.load()
    assert g.lookup("Qwen2.5-Omni").name == "Qwen2.5-Omni"
    assert g.lookup("SWE-bench Lite").type == "Benchmark"


def test_every_type_is_valid_and_no_name_is_declared_twice():
    valid = set(ALL_ENTITY_TYPES) | {STOP}
    owner: dict[str, str] = {}
    dupes = []
    for fname in PACKAGED:
        if not (DATA / fname).is_file():
            continue
        for e in _entries(fname):
            assert e.type in valid, e.source
            if fname == "gazetteer_extra.tsv" and e.type == STOP:
                continue  # the extra file deliberately turns some base names into stop words
            for form in {name_key(f) for f in [e.name, *e.aliases]}:
                if form in owner and owner[form] != e.source:
                    dupes.append((form, owner[form], e.source))
                owner[form] = e.source
    # the base and extra files predate this check: only duplicates involving newer files fail
    assert [d for d in dupes if not all(s.startswith("gazetteer.tsv") or s.startswith("gazetteer_extra.tsv")
                                        for s in d[1:])] == []


def _names(ex, text: str) -> list[tuple[str, str]]:
    return [(e.name, e.type) for e in ex.extract_one(Paper("t", "", text)).entities]


@pytest.mark.parametrize("text, expected", [
    ("We compare Qwen2.5-Omni with Qwen2-Audio and Qwen3-VL on speech and vision tasks.",
     [("Qwen2.5-Omni", "Method"), ("Qwen2-Audio", "Method"), ("Qwen3-VL", "Method")]),
    ("Our agent is built on Claude Sonnet 4.5 and compared with Claude Opus 4.1 and Gemini 2.5 Flash-Lite.",
     [("Claude Sonnet 4.5", "Method"), ("Claude Opus 4.1", "Method"), ("Gemini 2.5 Flash-Lite", "Method")]),
    ("Results on SWE-bench Lite, ScreenSpot-Pro and HMMT25 improve over Phi-3.5-mini.",
     [("SWE-bench Lite", "Benchmark"), ("ScreenSpot-Pro", "Benchmark"), ("HMMT 2025", "Benchmark"),
      ("Phi-3.5-mini", "Method")]),
    ("We evaluate on MMStar, MathVerse and Video-MME, and on AMC23 and AlpacaEval 2.",
     [("MMStar", "Benchmark"), ("MathVerse", "Benchmark"), ("Video-MME", "Benchmark"),
      ("AMC 2023", "Benchmark"), ("AlpacaEval 2.0", "Benchmark")]),
    ("Videos are generated with Wan2.1 and HunyuanVideo, images with FLUX.1 Kontext and SD3.5.",
     [("Wan 2.1", "Method"), ("HunyuanVideo", "Method"), ("FLUX.1 Kontext", "Method"),
      ("Stable Diffusion 3.5", "Method")]),
])
def test_sentences_extract_canonical_names(ex, text, expected):
    got = _names(ex, text)
    for item in expected:
        assert item in got, (item, got)


def test_sizes_stay_variants_of_the_version(ex):
    got = [n for n, _ in _names(ex, "We fine-tune Qwen3-VL-8B-Instruct and Wan2.1-14B on our data.")]
    assert "Qwen3-VL-8B-Instruct" in got and "Wan2.1-14B" in got


@pytest.mark.parametrize("text", [
    "The model handles multiple objects and predicts the shape of each part.",
    "Multiple agents seem to help. Agents draft plans; Natural speech matters.",
    "Natural speech and fast text generation are goals; we move from SFT to RL with a memory bank.",
    "We check a draft of the agents' plans, which seem correct and beat the baseline.",
    "Taming the Titans of the field: a facial performer and a graph RAG pipeline.",
])
def test_common_words_are_not_matched(ex, text):
    g = Gazetteer.load()
    mine = {name_key(e.name) for e in _entries("gazetteer_llm.tsv")}
    hits = [m.entry.name for m in g.find(text) if name_key(m.entry.name) in mine]
    assert hits == []
    assert [n for n, _ in _names(ex, text) if name_key(n) in mine] == []
