"""CSV / TSV with a ``title`` column and an ``abstract`` (or ``summary``) column."""

from __future__ import annotations

import csv
import io
import sys
from typing import Iterator

from graphkit.model import Paper, Skip
from graphkit.readers.base import clean, paper_from_record

NAME = "csv"
FIELD_SIZE_LIMIT = min(sys.maxsize, 2**31 - 1)  # abstracts can exceed csv's 128 KiB default


def _rows(reader: csv.DictReader) -> Iterator[dict]:
    """The rows of ``reader``, with csv's field size limit raised only while a row is
    parsed: ``csv.field_size_limit`` is process-wide, so it is restored before each row is
    handed on (other csv users in the process keep their limit)."""
    while True:
        old = csv.field_size_limit(FIELD_SIZE_LIMIT)
        try:
            row = next(reader, None)
        finally:
            csv.field_size_limit(old)
        if row is None:
            return
        yield row


def _header(reader: csv.DictReader) -> list[str] | None:
    """``reader.fieldnames`` (parses the header row) under the raised limit."""
    old = csv.field_size_limit(FIELD_SIZE_LIMIT)
    try:
        return reader.fieldnames
    finally:
        csv.field_size_limit(old)


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
    fields = [f.strip().lower() for f in (_header(reader) or [])]
    shown = ", ".join(clean(f) for f in fields)  # for messages: printable, no surrogates
    if "title" not in fields:
        yield Skip(f"{path}:1", f"CSV has no 'title' column (columns: {shown or 'none'})")
        return
    if not {"abstract", "summary"} & set(fields):
        yield Skip(f"{path}:1", f"CSV has no 'abstract' or 'summary' column (columns: {shown})")
        return
    try:
        for row in _rows(reader):
            line = reader.line_num
            if None in row:  # more cells than headers
                extra = row.pop(None)
                if any(x.strip() for x in extra):
                    yield Skip(f"{path}:{line}", f"CSV row has {len(extra)} more cells than the header")
                    continue
            yield paper_from_record(row, f"{path}:{line}")
    except csv.Error as e:
        yield Skip(f"{path}:{reader.line_num}", f"malformed CSV: {e} (the rest of the file is skipped)")
