"""``graphkit extract``."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from graphkit.cli import app
from graphkit.cli.common import Gazetteer, report_skips


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


def _json_line(d: dict) -> str:
    """One JSON line; ASCII escapes only when the text holds a lone surrogate (not UTF-8)."""
    line = json.dumps(d, ensure_ascii=False)
    if line.isascii():  # O(1): nothing to check
        return line
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(d)
    return line


def _text(s: str) -> str:
    """Text for the terminal: a lone surrogate (not encodable) becomes U+FFFD."""
    return s.encode("utf-8", "surrogatepass").decode("utf-8", "replace") if any(
        "\ud800" <= ch <= "\udfff" for ch in s) else s


@app.command()
def extract(
    paths: List[Path] = typer.Argument(..., readable=False, help="Input files or folders."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.table, "--format", "-f", help="jsonl (one paper per line) or table."),
    gazetteer: List[Path] = Gazetteer,
    mentions: bool = typer.Option(False, "--mentions", help="With jsonl: include every mention (offsets, sentence, rule, type cues)."),
    explain: bool = typer.Option(False, "--explain", help="Print, per entity, the rules that found it, the cues that typed it and why it is introduced."),
    html: Optional[Path] = typer.Option(None, "--html", help="Also write the papers' entities as an HTML page (displacy, offline)."),
) -> None:
    """Extract the entities of every paper (no graph). JSONL is what ../shared/eval/score.py reads.

    Example:

        graphkit extract data/ --format jsonl > pred.jsonl

        graphkit extract data/robix.json --explain --html entities.html
    """
    from graphkit.extract import Extractor
    from graphkit.extract.explain import explain as explain_paper
    from graphkit.extract.explain import write_html
    from graphkit.progress import progress
    from graphkit.readers import read_paths
    from graphkit.resolve import resolved

    report = read_paths(paths)
    report_skips(report)
    extractor = Extractor([str(g) for g in gazetteer])
    kept = []
    with progress("extracting", len(report.papers)) as advance:
        for paper, ex in zip(report.papers, resolved(extractor.extract(report.papers, on_paper=advance))):
            if html is not None:
                kept.append((paper, ex))
            if explain:
                print(_text(explain_paper(paper, ex)))
            elif fmt is ExtractFormat.jsonl:
                print(_json_line(ex.to_dict(mentions)))
            else:
                ents = "; ".join(f"{e.name} [{e.type}{', new' if e.introduced else ''}]" for e in ex.entities)
                print(_text(f"{ex.title}\n    {ents or '-'}"))
    if html is not None:
        n = write_html(html, kept)
        typer.echo(f"wrote {html} ({n} papers)", err=True)
