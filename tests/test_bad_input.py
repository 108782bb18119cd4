"""Every bad-input case of the foundation issue, through the real CLI: one clear line
naming the file and line/record, counted in the summary, no traceback; a non-zero exit
only when nothing usable is left."""

import json

import pytest

GOOD = {"title": "SoftZoo: A Soft Robot Co-design Benchmark", "abstract": "We introduce SoftZoo, a soft robot co-design platform for locomotion."}


def good_line(i=0):
    return json.dumps({**GOOD, "title": f"{GOOD['title']} {i}"})


def build(cli, tmp_path, *inputs):
    return cli("build", *inputs, "--out", tmp_path / "out", "--no-html", "--no-store", "--json")


def assert_clean(proc):
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout


def summary(proc):
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


# --- cases where nothing usable is left: one line, non-zero exit ---------------------

@pytest.mark.parametrize("name, content, expected", [
    ("empty.jsonl", b"", "empty.jsonl: empty file"),
    ("blank.txt", b"  \n\n  \n", "blank.txt: empty file"),
    ("notes.txt", b"just some notes\nnothing like a paper here\n", "notes.txt: unknown format"),
    ("blob.bin", bytes(range(256)) * 4, "blob.bin: unknown format"),
    ("no-title.csv", b"name,abstract\nfoo,bar baz\n", "no-title.csv:1: CSV has no 'title' column (columns: name, abstract)"),
    ("truncated.json", b'[{"title": "A", "abstract": ', "truncated.json:1: malformed JSON"),
])
def test_nothing_usable_exits_non_zero(cli, tmp_path, name, content, expected):
    f = tmp_path / name
    f.write_bytes(content)
    proc = build(cli, tmp_path, f)
    assert_clean(proc)
    assert proc.returncode == 2
    assert expected in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("graphkit: error: no usable papers")


def test_missing_path(cli, tmp_path):
    proc = build(cli, tmp_path, tmp_path / "nope")
    assert_clean(proc)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert "nope: no such file or folder" in proc.stderr


# --- cases where the run goes on, counting what it skipped ---------------------------

def test_missing_path_next_to_good_input(cli, tmp_path, fixtures_dir):
    proc = build(cli, tmp_path, tmp_path / "nope.jsonl", fixtures_dir / "readers" / "papers.jsonl")
    assert_clean(proc)
    s = summary(proc)
    assert s["papers"] == 4 and s["skipped"] == 1
    assert "skipped" in proc.stderr and "nope.jsonl: no such file or folder" in proc.stderr


def test_truncated_json_list_keeps_complete_records(cli, tmp_path):
    f = tmp_path / "cut.json"
    f.write_text("[\n" + ",\n".join(good_line(i) for i in range(3)) + ',\n{"title": "Broken", "abs')
    proc = build(cli, tmp_path, f)
    assert_clean(proc)
    s = summary(proc)
    assert s["papers"] == 3 and s["skipped"] == 1
    assert "cut.json:5: malformed JSON" in proc.stderr


def test_malformed_jsonl_line(cli, tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text("\n".join([good_line(0), '{"title": "x", "abstract": "y"', good_line(2), "not json at all"]) + "\n")
    proc = build(cli, tmp_path, f)
    assert_clean(proc)
    s = summary(proc)
    assert s["papers"] == 2 and s["skipped"] == 2
    assert "bad.jsonl:2: malformed JSON line" in proc.stderr
    assert "bad.jsonl:4: malformed JSON line" in proc.stderr
    assert (tmp_path / "out" / "skipped.tsv").read_text().count("\n") == 3


def test_non_utf8_bytes(cli, tmp_path):
    f = tmp_path / "latin1.jsonl"
    bad = json.dumps({"title": "Caf\u00e9 robots", "abstract": "na\u00efve policies"}, ensure_ascii=False).encode("latin-1")
    f.write_bytes(good_line(0).encode() + b"\n" + bad + b"\n" + good_line(2).encode() + b"\n")
    proc = build(cli, tmp_path, f)
    assert_clean(proc)
    s = summary(proc)
    assert s["papers"] == 2 and s["skipped"] == 1
    assert "latin1.jsonl:2: not UTF-8" in proc.stderr


def test_record_without_abstract(cli, tmp_path):
    f = tmp_path / "noabs.jsonl"
    f.write_text("\n".join([good_line(0), json.dumps({"title": "Only a title"}), json.dumps({"abstract": "no title"})]) + "\n")
    proc = build(cli, tmp_path, f)
    assert_clean(proc)
    s = summary(proc)
    assert s["papers"] == 1 and s["skipped"] == 2
    assert s["skipped_by_reason"] == {"no abstract": 1, "no title": 1}
    assert "noabs.jsonl:2: no abstract: 'Only a title'" in proc.stderr
    assert "noabs.jsonl:3: no title" in proc.stderr


def test_csv_row_without_abstract_and_ragged_row(cli, tmp_path):
    f = tmp_path / "p.csv"
    f.write_text('title,abstract\n"A good one","We propose X, a method."\n"No abstract",\n"x","y","extra"\n')
    proc = build(cli, tmp_path, f)
    assert_clean(proc)
    s = summary(proc)
    assert s["papers"] == 1 and s["skipped"] == 2
    assert "p.csv:3: no abstract" in proc.stderr and "p.csv:4: CSV row has 1 more cells" in proc.stderr


def test_bibtex_entry_without_closing_brace(cli, tmp_path):
    f = tmp_path / "refs.bib"
    f.write_text(
        "@article{a,\n  title={First},\n  abstract={We propose Alpha, a planner.}\n}\n\n"
        "@article{b,\n  title={Broken},\n  abstract={This entry never closes.\n\n"
        "@inproceedings{c,\n  title={Third},\n  abstract={We introduce Gamma, a benchmark.}\n}\n")
    proc = build(cli, tmp_path, f)
    assert_clean(proc)
    s = summary(proc)
    assert s["papers"] == 2 and s["skipped"] == 1
    assert "refs.bib:6: BibTeX entry @article has no closing brace" in proc.stderr


def test_bibtex_entry_without_abstract_names_the_key(cli, tmp_path):
    f = tmp_path / "refs.bib"
    f.write_text("@article{good,\n title={Good},\n abstract={We propose Beta.}\n}\n@misc{nokey2024,\n title={Nothing}\n}\n")
    proc = build(cli, tmp_path, f)
    s = summary(proc)
    assert s["papers"] == 1 and "refs.bib:5: no abstract: 'Nothing' (entry nokey2024)" in proc.stderr


def test_record_that_is_not_an_object(cli, tmp_path):
    f = tmp_path / "mixed.json"
    f.write_text(json.dumps([json.loads(good_line(0)), "a string", 42]))
    proc = build(cli, tmp_path, f)
    s = summary(proc)
    assert s["papers"] == 1 and s["skipped"] == 2
    assert "not an object with title and abstract (got str)" in proc.stderr


def test_out_is_a_file(cli, tmp_path, fixtures_dir):
    (tmp_path / "out").write_text("x")
    proc = build(cli, tmp_path, fixtures_dir / "readers" / "papers.jsonl")
    assert_clean(proc)
    assert proc.returncode == 1 and "--out must be a folder" in proc.stderr


def test_usage_error_is_short(cli):
    proc = cli("build")
    assert proc.returncode == 2 and "Missing argument" in proc.stderr
    assert_clean(proc)
