"""``graphkit eval``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from graphkit.cli import app
from graphkit.cli.common import Gazetteer


@app.command("eval")
def eval_(
    paths: List[Path] = typer.Argument(..., readable=False, help="Input files or folders holding the gold papers."),
    gold: Path = typer.Option(..., "--gold", help="Gold JSONL (../shared/eval/GUIDELINES.md format)."),
    gazetteer: List[Path] = Gazetteer,
    errors: bool = typer.Option(False, "--errors", help="Also list every FP / FN / TYPE error (tab-separated)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    pred_out: Optional[Path] = typer.Option(None, "--pred-out", help="Also write the predictions (JSONL) here."),
) -> None:
    """Precision, recall and F1 (typed and untyped, per type) and introduced accuracy against a gold file.

    The numbers are those of ../shared/eval/score.py on the same predictions.

    Example:

        graphkit eval --gold ../shared/eval/dev-gold.jsonl data/
    """
    from graphkit.extract.evaluate import evaluate, format_report

    report, errs, missing, pred = evaluate(gold, paths, gazetteers=[str(g) for g in gazetteer])
    if pred_out is not None:
        with open(pred_out, "w", encoding="utf-8") as fh:
            for rec in pred.values():
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if errors:
        for e in sorted(errs, key=lambda e: tuple(map(str, e))):
            print("\t".join(map(str, e)))
        for t in missing:
            print("MISSING PAPER\t" + t)
    print(json.dumps(report) if as_json else format_report(report))
