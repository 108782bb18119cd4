"""CSV / TSV with a ``title`` column and an ``abstract`` (or ``summary``) column."""

from __future__ import annotations

import csv
import io
import sys
from typing import Iterator

from graphkit.model import Paper, Skip
from graphkit.readers.base import clean, paper_from_record

NAME = "csv"
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _dialect(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    return max(counts, key=counts.get)


def sniff(text: str) -> bool:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if first.lstrip()[:1] in ("{", "[", "@"):
        return False
    return any(first.count(d) for d in (",", "\t", ";")) and len(first) < 2000


def read(path: str, text: str) -> Iterator[Paper | Skip]:
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_dialect(first))
    fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    shown = ", ".join(clean(f) for f in fields)  # for messages: printable, no surrogates
    if "title" not in fields:
        yield Skip(f"{path}:1", f"CSV has no 'title' column (columns: {shown or 'none'})")
        return
    if not {"abstract", "summary"} & set(fields):
        yield Skip(f"{path}:1", f"CSV has no 'abstract' or 'summary' column (columns: {shown})")
        return
    try:
        for row in reader:
            line = reader.line_num
            if None in row:  # more cells than headers
                extra = row.pop(None)
                if any(x.strip() for x in extra):
                    yield Skip(f"{path}:{line}", f"CSV row has {len(extra)} more cells than the header")
                    continue
            yield paper_from_record(row, f"{path}:{line}")
    except csv.Error as e:
        yield Skip(f"{path}:{reader.line_num}", f"malformed CSV: {e} (the rest of the file is skipped)")
