"""JSON and JSONL: records with ``title`` and ``abstract`` (or ``summary``).

Also the entry point for Hugging Face API dumps, which are JSON lists of
``{"paper": {...}}`` items (see :mod:`graphkit.readers.hf_api`). A truncated JSON list
still yields every complete record before the damage, and reports the line.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from graphkit.model import Paper, Skip
from graphkit.readers import hf_api
from graphkit.readers.base import paper_from_record

NAME = "json"
_decoder = json.JSONDecoder()


def sniff(text: str) -> bool:
    return text.lstrip()[:1] in ("[", "{")


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _to_paper(obj: Any, source: str) -> Paper | Skip:
    if hf_api.is_api_item(obj):
        return hf_api.paper_from_item(obj, source)
    return paper_from_record(obj, source)


def _iter_array(path: str, text: str, start: int) -> Iterator[Paper | Skip]:
    """Decode a JSON list element by element, so damage loses only what follows it."""
    pos, k, n = start + 1, 0, len(text)
    while True:
        while pos < n and text[pos] in " \t\r\n,":
            pos += 1
        if pos < n and text[pos] == "]":
            return
        if pos >= n:
            yield Skip(f"{path}:{_line(text, pos)}", "malformed JSON: the list is not closed (truncated file?)")
            return
        try:
            obj, end = _decoder.raw_decode(text, pos)
        except json.JSONDecodeError as e:
            yield Skip(f"{path}:{_line(text, e.pos)}",
                       f"malformed JSON: {e.msg} (record {k + 1}; the rest of the file is skipped)")
            return
        k += 1
        yield _to_paper(obj, f"{path}:{_line(text, pos)}")
        pos = end


def read(path: str, text: str) -> Iterator[Paper | Skip]:
    stripped = text.lstrip()
    start = len(text) - len(stripped)
    if stripped.startswith("["):
        yield from _iter_array(path, text, start)
        return
    # one JSON object, or JSONL (one object per line)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        obj = None
    if isinstance(obj, dict):
        inner = next((obj[k] for k in ("papers", "records", "data", "items") if isinstance(obj.get(k), list)), None)
        if inner is not None:
            for k, item in enumerate(inner, 1):
                yield _to_paper(item, f"{path}:record {k}")
        else:
            yield _to_paper(obj, f"{path}:1")
        return
    yield from read_jsonl(path, text)


def read_jsonl(path: str, text: str) -> Iterator[Paper | Skip]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Skip(f"{path}:{n}", f"malformed JSON line: {e.msg} at column {e.colno}")
            continue
        yield _to_paper(obj, f"{path}:{n}")
