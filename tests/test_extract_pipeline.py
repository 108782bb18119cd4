"""The extraction as a real spaCy pipeline: load_pipeline(), doc.spans, save & reload, own
pipelines; --explain and --html; offsets under case folding; long texts; lone surrogates."""

from __future__ import annotations

import json
import sys

import pytest
import spacy

from graphkit.extract import Extractor, load_pipeline
from graphkit.extract.normalize import fold
from graphkit.model import Paper

TEXT = ("Robix: A Unified Model for Robot Interaction\n\nWe present Robix, a model that we evaluate on LIBERO "
        "and ALFWorld against GPT-4o and OpenVLA.")


def spans(doc):
    return [(s.start_char, s.end_char, s.label_, s._.canonical, s._.introduced, s._.rule, tuple(s._.type_cues))
            for s in doc.spans["graphkit"]]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_docs_carry_typed_spans_with_extensions(nlp):
    doc = nlp(TEXT)
    got = {(s.text, s.label_, s._.introduced) for s in doc.spans["graphkit"]}
    assert {("Robix", "Method", True), ("LIBERO", "Benchmark", False), ("GPT-4o", "Method", False)} <= got
    libero = next(s for s in doc.spans["graphkit"] if s.text == "LIBERO")
    assert libero._.canonical == "LIBERO" and libero._.rule == "gazetteer"


def test_save_and_reload_gives_the_same_spans(nlp, tmp_path, fixtures_dir):
    user = str(fixtures_dir / "extract" / "user_gazetteer.tsv")
    mine = load_pipeline([user])
    text = "Robix: A Model\n\nWe evaluate on TT50 with the Robby robot and compare with GPT-4o."
    before = spans(mine(text))
    assert any(s[3] == "TableTop-50" for s in before)  # from the user's file
    mine.to_disk(tmp_path / "pipe")
    reloaded = spacy.load(tmp_path / "pipe")  # the user file is not read again: it travels inside
    assert reloaded.pipe_names == mine.pipe_names
    assert spans(reloaded(text)) == before
    nlp.to_disk(tmp_path / "plain")
    assert spans(spacy.load(tmp_path / "plain")(TEXT)) == spans(nlp(TEXT))
    assert not (tmp_path / "pipe" / "graphkit_gazetteer" / "gazetteer.json.tmp").exists()


def test_components_join_a_users_own_pipeline():
    own = spacy.blank("en")
    own.add_pipe("sentencizer")
    for name in ["graphkit_sentences", "graphkit_gazetteer", "graphkit_abbreviations", "graphkit_discovery",
                 "graphkit_types", "graphkit_resolve", "graphkit_spans"]:
        own.add_pipe(name)
    doc = own(TEXT)
    assert {s.text for s in doc.spans["graphkit"]} >= {"Robix", "LIBERO", "ALFWorld", "OpenVLA"}
    assert doc.has_annotation("SENT_START")  # the user's own component still ran


def test_extractor_agrees_with_the_pipeline(nlp):
    title, _, abstract = TEXT.partition("\n\n")
    ex = Extractor().extract_one(Paper("p", title, abstract))
    doc = nlp(TEXT)
    assert {(e.name, e.type) for e in ex.entities} == {(s._.canonical, s.label_) for s in doc.spans["graphkit"]}


# --- offsets, long texts, surrogates (issue 12) -------------------------------------

def test_fold_keeps_one_character_per_character():
    for ch in ["İ", "ß", "ﬁ", "e\u0301", "Σ", "ǅ"]:
        assert len(fold(ch)) == len(ch)
    assert all(len(fold(chr(i))) == 1 for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)


@pytest.mark.parametrize("odd", ["İ", "ß", "ﬁ", "e\u0301\u0301", "İİİ ßß ﬁﬁ"])
def test_offsets_stay_exact_after_case_changing_characters(odd):
    p = Paper("p", f"{odd} with PPO", f"We use {odd} PPO on LIBERO and MuJoCo with the Franka Emika Panda arm.")
    r = Extractor().extract_one(p)
    names = {e.name for e in r.entities}
    assert {"PPO", "LIBERO", "MuJoCo", "Franka Emika Panda"} <= names
    for e in r.entities:
        for m in e.mentions:
            assert p.text[m.start:m.end] == m.text


def test_long_texts_are_extracted_in_windows_without_loss():
    filler = "We describe the setting in detail and discuss it at length. " * 800  # ~48,000 characters
    p = Paper("p", "Robix: A Model", "We use PPO on LIBERO. " + filler + "Finally we test on ALFWorld with "
              "MuJoCo. " + filler + "A last note on RoboCasa.")
    r = Extractor().extract_one(p)
    found = {e.name: e for e in r.entities}
    assert {"Robix", "PPO", "LIBERO", "ALFWorld", "MuJoCo", "RoboCasa"} <= set(found)
    assert found["Robix"].introduced and found["Robix"].count == 1
    for e in r.entities:
        for m in e.mentions:
            assert p.text[m.start:m.end] == m.text


def test_lone_surrogates_do_not_crash_extraction():
    p = Paper("p", "Robix\ud800: A Model", "We use PPO\udfff on LIBERO.\ud800")
    r = Extractor().extract_one(p)
    assert {"PPO", "LIBERO"} <= {e.name for e in r.entities}
    json.dumps(r.to_dict())


def test_extraction_dict_is_asdict_plus_ids(fixtures_dir):
    """The hand-written ``to_dict`` keeps asdict's keys, order and values (and copies)."""
    from dataclasses import asdict

    from graphkit.readers import read_paths

    papers = read_paths([fixtures_dir / "extract" / "papers.jsonl"]).papers
    for r in Extractor().extract(papers):
        d = r.to_dict()
        want = [dict(asdict(e), id=e.id) for e in r.entities]
        assert d["entities"] == want and [list(e) for e in d["entities"]] == [list(e) for e in want]
        assert [list(e) for e in r.to_dict(mentions=False)["entities"]] == \
            [[k for k in e if k != "mentions"] for e in want]
        if r.entities:
            d["entities"][0]["aliases"].append("x")
            assert "x" not in r.entities[0].aliases


# --- CLI: --explain, --html, --mentions ---------------------------------------------

def _run(args, capsys):
    from graphkit.cli import main

    with pytest.raises(SystemExit) as e:
        main(args)
    out = capsys.readouterr()
    return e.value.code, out.out, out.err


@pytest.fixture
def one_paper(tmp_path):
    f = tmp_path / "p.jsonl"
    f.write_text(json.dumps({"title": "Robix: A Unified Model", "abstract": "We present Robix, evaluated on "
                             "FooArena and LIBERO with PPO. Robix\ud800 wins."}) + "\n", encoding="utf-8",
                 errors="surrogatepass")
    return f


def test_cli_explain_says_why(one_paper, capsys):
    code, out, _ = _run(["extract", str(one_paper), "--explain"], capsys)
    assert code in (0, None)
    assert "FooArena  [Benchmark]" in out and "found:      eval_list" in out
    assert "context:evaluated on->Benchmark" in out and "introduced: title_prefix in the title" in out


def test_cli_html_writes_displacy_page(one_paper, tmp_path, capsys):
    page = tmp_path / "e.html"
    code, _, err = _run(["extract", str(one_paper), "--html", str(page)], capsys)
    assert code in (0, None) and "wrote" in err
    h = page.read_text(encoding="utf-8")
    assert "FooArena" in h and "Benchmark" in h and "http" not in h.replace("http-equiv", "")
    code, _, err = _run(["extract", str(one_paper), "--html", str(tmp_path / "no" / "dir" / "e.html")], capsys)
    assert code == 1 and "cannot write" in err and "e.html" in err and "Traceback" not in err


def test_cli_survives_a_surrogate_in_the_title(tmp_path, capsys):
    f = tmp_path / "s.jsonl"
    f.write_text(json.dumps({"title": "Robix\ud800: A Model", "abstract": "We use PPO on LIBERO."}) + "\n")
    for args in ([], ["--explain"], ["--format", "jsonl"]):
        code, out, err = _run(["extract", str(f), *args], capsys)
        assert code in (0, None) and "Traceback" not in err and "PPO" in out


def test_cli_mentions_carry_rule_and_cues(one_paper, capsys):
    _, out, _ = _run(["extract", str(one_paper), "--format", "jsonl", "--mentions"], capsys)
    d = json.loads(out.splitlines()[0])
    m = next(e for e in d["entities"] if e["name"] == "FooArena")["mentions"][0]
    assert m["rule"] == "eval_list" and any("->Benchmark" in c for c in m["type_cues"])
