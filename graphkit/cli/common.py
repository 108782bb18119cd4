"""Shared CLI helpers: option types and how skipped records are reported."""

from __future__ import annotations

import sys
from pathlib import Path

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:  # not imported at run time: `graphkit query` has no use for graphkit.model
    from graphkit.model import ReadReport

MAX_SKIP_LINES = 20

GraphDir = typer.Option(Path("graphkit-out"), "--graph", "-g",
                        help="Build folder holding graph.json and the embedded store.")
Gazetteer = typer.Option([], "--gazetteer", help="Extra gazetteer TSV: entries, aliases, stop words (repeatable).")


def report_skips(report: ReadReport, out_dir: Path | None = None, *,
                 listed_in: Path | None = None) -> None:
    """One stderr line per skipped record (capped), and the full list in out_dir/skipped.tsv
    (or only a pointer to ``listed_in``, a list the library already wrote)."""
    skipped = report.skipped
    if not skipped:
        return
    for s in skipped[:MAX_SKIP_LINES]:
        print(f"graphkit: skipped {s}", file=sys.stderr)
    more = len(skipped) - MAX_SKIP_LINES
    where = ""
    if listed_in is not None:
        where = f" (all listed in {listed_in})"
    elif out_dir is not None:
        path = out_dir / "skipped.tsv"
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("source\treason\n")
            for s in skipped:
                fh.write(f"{s.source}\t{s.reason}\n")
        where = f" (all listed in {path})"
    if more > 0:
        print(f"graphkit: ... and {more} more skipped{where}", file=sys.stderr)
    elif where:
        print(f"graphkit: {len(skipped)} skipped{where}", file=sys.stderr)
