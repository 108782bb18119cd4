"""Reading a CSV with a huge abstract does not change ``csv.field_size_limit`` for the
rest of the process (it used to be raised globally at import)."""

from __future__ import annotations

import csv
import importlib
import io

import pytest

import graphkit.readers.csv_records as csv_records
from graphkit.cli import main


def test_import_leaves_the_limit_alone():
    old = csv.field_size_limit(131072)  # csv's default
    try:
        importlib.reload(csv_records)
        assert csv.field_size_limit() == 131072
    finally:
        csv.field_size_limit(old)


def test_a_huge_field_is_read_and_the_limit_restored(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GRAPHKIT_PROGRESS", "0")
    before = csv.field_size_limit()
    assert before < 10**6  # nothing raised it at import
    abstract = "We propose RoboNet, a large policy. " * 20000  # ~720 KB, over csv's 128 KiB
    path = tmp_path / "big.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["title", "abstract"], ["RoboNet: big", abstract], ["Small", "A short one."]])
    papers = [p for p in csv_records.read(str(path), path.read_text(encoding="utf-8"))]
    assert [p.title for p in papers] == ["RoboNet: big", "Small"] and papers[0].abstract.startswith("We propose")
    assert csv.field_size_limit() == before
    # while a CSV is being read, other csv users in the process keep their limit
    reader = csv_records.read(str(path), path.read_text(encoding="utf-8"))
    next(reader)
    with pytest.raises(csv.Error, match="field larger than field limit"):
        list(csv.reader(io.StringIO("x" * (before + 1))))
    assert len(list(reader)) == 1
    # and through the CLI
    try:
        main(["extract", str(path), "--format", "jsonl"])
    except SystemExit as e:
        assert e.code in (0, None)
    out = capsys.readouterr().out
    assert out.count("\n") == 2 and csv.field_size_limit() == before
