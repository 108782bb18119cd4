"""The reader classes of the robustness issue, each through the CLI (in-process, so fast):
a paper is read or a one-line skip names its file and line/record, counted in the summary
and listed in skipped.tsv; no traceback, no silent drop, no wrong merge."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from graphkit.cli import main

ABS = "We introduce SoftZoo, a soft robot co-design platform for locomotion."


def run(*args) -> subprocess.CompletedProcess:
    out, err, code = io.StringIO(), io.StringIO(), 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main([str(a) for a in args])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    assert "Traceback" not in err.getvalue()
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


@pytest.fixture(autouse=True)
def _quiet(monkeypatch):
    monkeypatch.setenv("GRAPHKIT_PROGRESS", "0")


def build(tmp_path, *inputs, extra=()):
    proc = run("build", *inputs, "--out", tmp_path / "out", "--no-html", "--no-store", "--json", *extra)
    return proc


def summary(proc):
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def papers(tmp_path):
    return [json.loads(l) for l in (tmp_path / "out" / "papers.jsonl").read_text().splitlines()]


def skipped_tsv(tmp_path):
    return (tmp_path / "out" / "skipped.tsv").read_text().splitlines()[1:]


def write_jsonl(path: Path, *records, raw_lines=()):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + "".join(raw_lines),
                    encoding="utf-8")
    return path


# --- crashes -------------------------------------------------------------------------

def test_nan_infinity_and_huge_numbers(tmp_path):
    f = tmp_path / "n.jsonl"
    f.write_text(
        '{"title": "A NaN paper", "abstract": "%s", "authors": NaN, "upvotes": Infinity}\n'
        '{"title": "An infinite paper", "abstract": "%s", "authors": 1e999, "upvotes": -Infinity}\n'
        '{"title": "A counted paper", "abstract": "%s", "authors": 3, "upvotes": 1e999}\n' % (ABS, ABS, ABS))
    s = summary(build(tmp_path, f))
    assert s["papers"] == 3 and s["skipped"] == 0
    rows = {p["title"]: p for p in papers(tmp_path)}
    assert rows["A NaN paper"]["upvotes"] is None and rows["A NaN paper"]["author_count"] is None
    assert rows["A counted paper"]["author_count"] == 3


def test_api_authors_of_every_shape(tmp_path):
    items = [{"paper": {"id": f"2401.0000{i}", "title": f"Paper {i}", "summary": ABS, "authors": a}}
             for i, a in enumerate([7, "Ada Lovelace, Alan Turing", {"name": "Grace Hopper"},
                                    [{"name": "Ada Lovelace"}, {"name": "Hidden One", "hidden": True}], {"x": 1}])]
    f = tmp_path / "api.json"
    f.write_text(json.dumps(items))
    s = summary(build(tmp_path, f))
    assert s["papers"] == 5 and s["skipped"] == 0
    got = {p["title"]: (p["authors"], p["author_count"]) for p in papers(tmp_path)}
    assert got["Paper 0"] == ([], 7)
    assert got["Paper 1"] == (["Ada Lovelace", "Alan Turing"], 2)  # not one author per character
    assert got["Paper 2"] == (["Grace Hopper"], 1)
    assert got["Paper 3"] == (["Ada Lovelace"], 1)
    assert got["Paper 4"] == ([], None)


def test_deep_json_file_does_not_kill_the_folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    write_jsonl(d / "good.jsonl", {"title": "Good", "abstract": ABS})
    (d / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (d / "deep-line.jsonl").write_text(json.dumps({"title": "Fine", "abstract": ABS}) + "\n"
                                       + '{"a":' * 50_000 + "1" + "}" * 50_000 + "\n")
    (d / "deep-list.json").write_text(json.dumps([{"title": "Kept", "abstract": ABS}]).rstrip("]")
                                      + ",\n" + "[" * 50_000 + "]" * 50_000
                                      + ",\n" + json.dumps({"title": "After", "abstract": ABS}) + "]")
    proc = build(tmp_path, d)
    s = summary(proc)
    assert {p["title"] for p in papers(tmp_path)} == {"Good", "Fine", "Kept", "After"}
    assert s["skipped"] == 3
    assert "deep.json:1: malformed JSON: nested too deeply (record 1)" in proc.stderr
    assert "deep-line.jsonl:2: malformed JSON: nested too deeply" in proc.stderr
    assert "deep-list.json:2: malformed JSON: nested too deeply (record 2)" in proc.stderr


def test_lone_surrogate_escape_is_cleaned(tmp_path):
    f = tmp_path / "s.jsonl"
    f.write_text('{"title": "Robots \\ud800 at scale", "abstract": "We use \\udfff and \\udc80 too. %s"}\n' % ABS)
    s = summary(build(tmp_path, f))
    assert s["papers"] == 1 and s["skipped"] == 0
    p = papers(tmp_path)[0]
    assert p["title"] == "Robots \ufffd at scale" and "\ufffd and \ufffd" in p["abstract"]


# --- wrong results -------------------------------------------------------------------

def test_unicode_line_separators_inside_jsonl_strings(tmp_path):
    f = write_jsonl(tmp_path / "u.jsonl", *({"title": f"Paper{sep}{i}", "abstract": f"{ABS}{sep}More."}
                                            for i, sep in enumerate(["\u2028", "\u2029", "\x85", "\x0c"])))
    s = summary(build(tmp_path, f))
    assert s["papers"] == 4 and s["skipped"] == 0
    assert sorted(p["title"] for p in papers(tmp_path)) == ["Paper 0", "Paper 1", "Paper 2", "Paper 3"]


def test_titles_without_latin_letters_stay_apart(tmp_path):
    titles = ["机器人学习的综述", "Обучение роботов", "ロボット学習", "!!!", "???", "深度强化学习"]
    f = write_jsonl(tmp_path / "t.jsonl", *({"title": t, "abstract": f"{ABS} ({i})"} for i, t in enumerate(titles)),
                    {"title": "Обучение  роботов", "abstract": ABS + " (again)"})  # the same title: merged
    s = summary(build(tmp_path, f))
    assert s["papers"] == 6 and s["duplicates_merged"] == 1
    assert len({p["id"] for p in papers(tmp_path)}) == 6


def test_same_title_different_arxiv_ids_are_two_papers(tmp_path):
    f = write_jsonl(tmp_path / "a.jsonl",
                    {"title": "Introduction", "abstract": ABS, "arxiv_id": "2401.00001"},
                    {"title": "Introduction", "abstract": ABS + " Other.", "arxiv_id": "2402.00002"},
                    {"title": "Introduction", "abstract": ABS},  # no id: joins the first
                    {"title": "Introduction", "abstract": ABS, "doi": "10.1/a", "arxiv_id": "2402.00002"})
    s = summary(build(tmp_path, f))
    assert s["papers"] == 2 and s["duplicates_merged"] == 2
    ids = sorted(p["id"] for p in papers(tmp_path))
    assert ids == ["arxiv:2401.00001", "arxiv:2402.00002"]


def test_field_shapes(tmp_path):
    f = write_jsonl(tmp_path / "shapes.jsonl",
                    {"title": ["Robix:", "A Unified Model"], "abstract": ["We introduce Robix.", "It plans."]},
                    {"title": {"en": "Dict title"}, "abstract": ABS},
                    {"title": "Good title", "abstract": {"text": ABS}},
                    {"title": "Authors string", "abstract": ABS, "authors": "Ada Lovelace, Alan Turing"},
                    {"title": "Number title", "abstract": ABS, "url": ["not", "a", "url"]})
    proc = build(tmp_path, f)
    s = summary(proc)
    assert s["papers"] == 3 and s["skipped"] == 2
    rows = {p["title"]: p for p in papers(tmp_path)}
    assert rows["Robix: A Unified Model"]["abstract"] == "We introduce Robix. It plans."
    assert rows["Authors string"]["authors"] == ["Ada Lovelace", "Alan Turing"]
    assert rows["Number title"]["url"] is None
    assert "shapes.jsonl:2: title is not text: got an object" in proc.stderr
    assert "shapes.jsonl:3: abstract is not text: got an object ('Good title')" in proc.stderr
    assert s["skipped_by_reason"] == {"title is not text": 1, "abstract is not text": 1}
    assert not any("{'" in p["title"] or "['" in p["title"] for p in papers(tmp_path))


# --- inputs that must not vanish -----------------------------------------------------

def test_fifo_dangling_symlink_and_symlinked_folder(tmp_path):
    d = tmp_path / "in"
    (d / "real").mkdir(parents=True)
    write_jsonl(d / "real" / "a.jsonl", {"title": "Through a symlink", "abstract": ABS})
    (d / "sub").mkdir()
    (d / "sub" / "link").symlink_to(d / "real", target_is_directory=True)
    os.mkfifo(d / "pipe.jsonl")
    (d / "gone.jsonl").symlink_to(tmp_path / "nowhere.jsonl")
    (d / "loop").symlink_to(d, target_is_directory=True)
    proc = build(tmp_path, d)
    s = summary(proc)
    assert s["papers"] == 1 and s["skipped"] == 4
    assert "pipe.jsonl: not a regular file (a FIFO)" in proc.stderr
    assert "gone.jsonl: dangling symlink" in proc.stderr
    assert "in/loop: folder already read" in proc.stderr  # the loop back to in/
    assert "in/sub/link: folder already read" in proc.stderr  # real/ was read (sorted) before
    assert len(skipped_tsv(tmp_path)) == 4
    # a folder holding only a symlink to a folder is not "empty"
    only = tmp_path / "only"
    only.mkdir()
    (only / "link").symlink_to(d / "real", target_is_directory=True)
    s = summary(build(tmp_path, only))
    assert s["papers"] == 1 and s["skipped"] == 0


def test_fifo_and_dangling_symlink_named_on_the_command_line(tmp_path, fixtures_dir):
    os.mkfifo(tmp_path / "p.jsonl")
    (tmp_path / "gone.bib").symlink_to(tmp_path / "nowhere.bib")
    proc = build(tmp_path, tmp_path / "p.jsonl", tmp_path / "gone.bib", fixtures_dir / "readers" / "papers.jsonl")
    s = summary(proc)
    assert s["papers"] == 4 and s["skipped"] == 2
    assert "p.jsonl: not a regular file (a FIFO)" in proc.stderr and "gone.bib: dangling symlink" in proc.stderr


def test_header_only_csv_and_empty_list(tmp_path):
    (tmp_path / "h.csv").write_text("title,abstract\n")
    (tmp_path / "e.json").write_text("[]\n")
    proc = build(tmp_path, tmp_path / "h.csv", tmp_path / "e.json")
    assert proc.returncode == 2
    last = proc.stderr.strip().splitlines()[-1]
    assert "h.csv: no records: this csv file holds no papers" in last
    assert "e.json: no records" in last and "no input files" not in last


def test_fifo_as_gazetteer_is_refused(tmp_path, fixtures_dir):
    os.mkfifo(tmp_path / "g.tsv")
    proc = build(tmp_path, fixtures_dir / "readers" / "papers.jsonl", extra=("--gazetteer", tmp_path / "g.tsv"))
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith(f"graphkit: error: {tmp_path / 'g.tsv'}: cannot read gazetteer: not a regular file")
    assert len(proc.stderr.strip().splitlines()) == 1


# Unreadable files and folders: root reads anything whatever the mode bits, so as root
# the CLI runs in a real subprocess without the capabilities that let root ignore them
# (setpriv drops CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH); as another user chmod is enough.

def _without_root_powers() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    caps = "-dac_override,-dac_read_search"
    if not setpriv or subprocess.run([setpriv, f"--bounding-set={caps}", "true"]).returncode:
        pytest.skip("running as root without setpriv: mode bits cannot make a file unreadable")
    return [setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}"]


def test_unreadable_file_and_folder(tmp_path, fixtures_dir):
    prefix = _without_root_powers()
    d = tmp_path / "in"
    (d / "locked").mkdir(parents=True)
    write_jsonl(d / "locked" / "hidden.jsonl", {"title": "Locked away", "abstract": ABS})
    write_jsonl(d / "ok.jsonl", {"title": "Readable", "abstract": ABS})
    secret = write_jsonl(tmp_path / "secret.jsonl", {"title": "Secret", "abstract": ABS})
    (d / "locked").chmod(0)
    secret.chmod(0)
    try:
        env = {**os.environ, "GRAPHKIT_PROGRESS": "0", "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
        proc = subprocess.run([*prefix, sys.executable, "-m", "graphkit", "build", str(secret), str(d),
                               str(fixtures_dir / "readers" / "papers.jsonl"), "--out", str(tmp_path / "out"),
                               "--no-html", "--no-store", "--json"], capture_output=True, text=True, env=env,
                              timeout=600)
    finally:
        (d / "locked").chmod(0o755)
        secret.chmod(0o644)
    assert "Traceback" not in proc.stderr
    s = summary(proc)
    assert s["papers"] == 5 and s["skipped"] == 2
    assert "secret.jsonl: cannot read: Permission denied" in proc.stderr
    assert "locked: cannot read folder: Permission denied" in proc.stderr


# --- BibTeX through a real parser ----------------------------------------------------

def test_bibtex_macros_concatenation_and_accents(tmp_path):
    f = tmp_path / "refs.bib"
    f.write_text(
        '@string{conf = "the Robot Learning Conference"}\n'
        "@string{name = {Pok\\'eChamp}}\n\n"
        "@article{poke,\n"
        "  title = {{Pok\\'eChamp}: an {\\o}pen Stra\\ss{}e agent},\n"
        "  author = {M{\\\"u}ller, J{\\o}rn and {Barnes and Noble}},\n"
        '  abstract = "We introduce " # name # ", shown at " # conf # {, winning 40% of games.},\n'
        "  year = 2024,\n"
        "  note = {this field comes after the concatenation}\n"
        "}\n\n"
        "@misc{broken title={x}}\n\n"
        "@article{json, title={Same as JSON}, abstract={We propose Pok\\'eChamp.}}\n", encoding="utf-8")
    proc = build(tmp_path, f)
    s = summary(proc)
    assert s["papers"] == 2 and s["skipped"] == 1
    assert "refs.bib:12: malformed BibTeX entry @misc" in proc.stderr
    p = next(p for p in papers(tmp_path) if p["title"].startswith("Pok"))
    assert p["title"] == "PokéChamp: an øpen Straße agent"
    assert p["abstract"] == "We introduce PokéChamp, shown at the Robot Learning Conference, winning 40% of games."
    assert p["authors"] == ["Müller, Jørn", "Barnes and Noble"] and p["year"] == 2024
    # the entity is named as extraction names it from JSON's raw LaTeX ("Pok\\'eChamp")
    ents = [json.loads(l) for l in (tmp_path / "out" / "extractions.jsonl").read_text().splitlines()]
    assert "PokéChamp" in {e["name"] for x in ents for e in x["entities"]}
