"""``graphkit eval`` and ``graphkit extract --gazetteer`` through the real CLI, checked
against the library and (when present) ../shared/eval/score.py."""

from __future__ import annotations

import json
import subprocess
import sys

from graphkit.extract.evaluate import evaluate, format_report


def test_eval_prints_the_library_report(cli, fixtures_dir):
    d = fixtures_dir / "extract"
    proc = cli("eval", "--gold", d / "gold.jsonl", d / "papers.jsonl")
    assert proc.returncode == 0, proc.stderr
    report, *_ = evaluate(d / "gold.jsonl", [d / "papers.jsonl"])
    assert proc.stdout.strip() == format_report(report)
    first = proc.stdout.splitlines()[0]
    assert first.startswith("papers 5 (missing 0)") and "typed F1" in first and "introduced acc" in first
    assert [line.split()[0] for line in proc.stdout.splitlines()[1:]] == \
        ["Method", "Benchmark", "Dataset", "Robot", "Simulator"]


def test_eval_json_and_errors(cli, fixtures_dir, tmp_path):
    d = fixtures_dir / "extract"
    user = tmp_path / "stop.tsv"
    user.write_text("name\ttype\taliases\tflags\nGRPO\tSTOP\t\t\n")
    proc = cli("eval", "--gold", d / "gold.jsonl", d / "papers.jsonl", "--gazetteer", user, "--errors", "--json")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    report = json.loads(lines[-1])
    assert report["fn"] >= 1
    assert any(line.startswith("FN\tGroup-in-Group") and "GRPO" in line for line in lines[:-1])


def test_eval_agrees_with_score_py(cli, shared_dir, fixtures_dir, tmp_path):
    score_py = shared_dir / "eval" / "score.py"
    d = fixtures_dir / "extract"
    pred = tmp_path / "pred.jsonl"
    proc = cli("eval", "--gold", d / "gold.jsonl", d / "papers.jsonl", "--pred-out", pred)
    assert proc.returncode == 0, proc.stderr
    ref = subprocess.run([sys.executable, str(score_py), str(d / "gold.jsonl"), str(pred)],
                         capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == ref.stdout.strip()
    # and the JSONL of `graphkit extract` is what score.py reads
    ext = cli("extract", d / "papers.jsonl", "--format", "jsonl")
    (tmp_path / "ext.jsonl").write_text(ext.stdout)
    ref2 = subprocess.run([sys.executable, str(score_py), str(d / "gold.jsonl"), str(tmp_path / "ext.jsonl")],
                          capture_output=True, text=True, check=True)
    assert ref2.stdout.strip() == proc.stdout.strip()


def test_eval_bad_gold_is_one_line(cli, fixtures_dir, tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"title": "x", "entities": []}\nnot json\n')
    proc = cli("eval", "--gold", bad, fixtures_dir / "extract" / "papers.jsonl")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [f"graphkit: error: {bad}:2: not JSON: Expecting value"]


def test_extract_with_user_gazetteer(cli, fixtures_dir):
    d = fixtures_dir / "extract"
    base = cli("extract", d / "papers.jsonl", "--format", "jsonl")
    mine = cli("extract", d / "papers.jsonl", "--format", "jsonl", "--gazetteer", d / "user_gazetteer.tsv")
    assert base.returncode == mine.returncode == 0
    names = lambda out: {e["name"] for line in out.splitlines() for e in json.loads(line)["entities"]}
    assert "Robix" in names(base.stdout) and "Robix" not in names(mine.stdout)
    rec = json.loads(base.stdout.splitlines()[0])
    assert {"id", "title", "entities"} <= set(rec)
    assert {"name", "type", "introduced", "aliases", "count"} <= set(rec["entities"][0])


def test_eval_agrees_with_score_py_when_only_an_alias_matches(cli, shared_dir, fixtures_dir, tmp_path):
    """The gold names two entities only by a form the extraction lists as an alias (gold
    "Offline Experience Replay" for extracted "OER" + alias, gold "Franka" for "Franka Emika
    Panda" + alias): score.py matches them through the aliases, and so must graphkit eval."""
    from graphkit.extract.evaluate import load_jsonl_by_title, score

    score_py = shared_dir / "eval" / "score.py"
    d = fixtures_dir / "extract"
    pred = tmp_path / "pred.jsonl"
    assert cli("eval", "--gold", d / "gold.jsonl", d / "papers.jsonl", "--pred-out", pred).returncode == 0
    renamed = {"OER": "Offline Experience Replay", "Franka Emika Panda": "Franka"}
    gold = tmp_path / "gold.jsonl"
    with open(gold, "w", encoding="utf-8") as fh:
        for line in (d / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            for e in rec["entities"]:
                if e["name"] in renamed:
                    e["name"], e["aliases"] = renamed[e["name"]], []
            fh.write(json.dumps(rec) + "\n")
    for extra in ((), ("--errors",), ("--json",)):
        ours = cli("eval", "--gold", gold, d / "papers.jsonl", *extra)
        assert ours.returncode == 0, ours.stderr
        ref = subprocess.run([sys.executable, str(score_py), str(gold), str(pred), *extra],
                             capture_output=True, text=True, check=True)
        assert ours.stdout == ref.stdout
    # the alias path is what matched them: without the predicted aliases both become errors
    g, p = load_jsonl_by_title(gold), load_jsonl_by_title(pred)
    with_aliases = score(g, p)[0]
    for rec in p.values():
        for e in rec["entities"]:
            e["aliases"] = []
    assert score(g, p)[0]["tp"] == with_aliases["tp"] - 2
