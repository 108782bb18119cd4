"""``graphkit extract``."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import List

import typer

from graphkit.cli import app
from graphkit.cli.common import Gazetteer, report_skips


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


@app.command()
def extract(
    paths: List[Path] = typer.Argument(..., readable=False, help="Input files or folders."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.table, "--format", "-f", help="jsonl (one paper per line) or table."),
    gazetteer: List[Path] = Gazetteer,
    mentions: bool = typer.Option(False, "--mentions", help="With jsonl: include every mention (offsets, sentence)."),
) -> None:
    """Extract the entities of every paper (no graph). JSONL is what ../shared/eval/score.py reads.

    Example:

        graphkit extract data/ --format jsonl > pred.jsonl
    """
    from graphkit.extract import Extractor
    from graphkit.progress import progress
    from graphkit.readers import read_paths

    report = read_paths(paths)
    report_skips(report)
    extractor = Extractor([str(g) for g in gazetteer])
    with progress("extracting", len(report.papers)) as advance:
        for ex in extractor.extract(report.papers, on_paper=advance):
            if fmt is ExtractFormat.jsonl:
                d = ex.to_dict()
                if not mentions:
                    for e in d["entities"]:
                        e.pop("mentions", None)
                print(json.dumps(d, ensure_ascii=False))
            else:
                ents = "; ".join(f"{e.name} [{e.type}{', new' if e.introduced else ''}]" for e in ex.entities)
                print(f"{ex.title}\n    {ents or '-'}")
