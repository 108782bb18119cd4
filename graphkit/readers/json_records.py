"""JSON and JSONL: records with ``title`` and ``abstract`` (or ``summary``).

Also the entry point for Hugging Face API dumps, which are JSON lists of
``{"paper": {...}}`` items (see :mod:`graphkit.readers.hf_api`). A truncated JSON list
still yields every complete record before the damage, and reports the line. Every
path is linear in the size of the file (line numbers are counted incrementally);
JSONL is split on ``\\n`` only (a raw U+2028 inside a string is not a line break).
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from graphkit.model import Paper, Skip
from graphkit.readers import hf_api
from graphkit.readers.base import LineCounter, bad_utf8, has_surrogates, paper_from_record

NAME = "json"
_decoder = json.JSONDecoder()
_TOO_DEEP = "malformed JSON: nested too deeply"


def sniff(text: str) -> bool:
    return text.lstrip()[:1] in ("[", "{")


def _to_paper(obj: Any, source: str, undecodable: bool) -> Paper | Skip:
    """``undecodable``: the record's text holds bytes that were not UTF-8; without them,
    surrogates in ``obj`` come from escapes ("\\ud800") and are cleaned."""
    if hf_api.is_api_item(obj):
        return hf_api.paper_from_item(obj, source, undecodable=undecodable)
    return paper_from_record(obj, source, undecodable=undecodable)


def _skip_value(text: str, pos: int) -> int:
    """End of the JSON value starting at ``pos`` (brackets counted, strings skipped), for
    values too deep to decode; -1 when it never closes."""
    depth, i, n = 0, pos, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def _iter_array(path: str, text: str, start: int) -> Iterator[Paper | Skip]:
    """Decode a JSON list element by element, so damage loses only what follows it."""
    pos, k, n = start + 1, 0, len(text)
    lines = LineCounter(text)
    maybe_bad = has_surrogates(text)  # else no record holds an undecodable byte
    while True:
        while pos < n and text[pos] in " \t\r\n,":
            pos += 1
        if pos < n and text[pos] == "]":
            return
        if pos >= n:
            yield Skip(f"{path}:{lines.at(pos)}", "malformed JSON: the list is not closed (truncated file?)")
            return
        k += 1
        try:
            obj, end = _decoder.raw_decode(text, pos)
        except json.JSONDecodeError as e:
            yield Skip(f"{path}:{lines.at(e.pos)}",
                       f"malformed JSON: {e.msg} (record {k}; the rest of the file is skipped)")
            return
        except RecursionError:
            end = _skip_value(text, pos)
            yield Skip(f"{path}:{lines.at(pos)}", f"{_TOO_DEEP} (record {k})")
            if end < 0:
                return
            pos = end
            continue
        yield _to_paper(obj, f"{path}:{lines.at(pos)}", maybe_bad and bad_utf8(text[pos:end]))
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
    except RecursionError:
        if "\n" not in text.strip():
            yield Skip(f"{path}:1", _TOO_DEEP)
            return
        obj = None  # maybe JSONL with one deep line: read line by line
    if isinstance(obj, dict):
        inner = next((obj[k] for k in ("papers", "records", "data", "items") if isinstance(obj.get(k), list)), None)
        if inner is not None:
            undecodable = bad_utf8(text)
            for k, item in enumerate(inner, 1):
                yield _to_paper(item, f"{path}:record {k}", undecodable)
        else:
            yield _to_paper(obj, f"{path}:1", bad_utf8(text))
        return
    yield from read_jsonl(path, text)


def read_jsonl(path: str, text: str) -> Iterator[Paper | Skip]:
    maybe_bad = has_surrogates(text)  # else no line holds an undecodable byte
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Skip(f"{path}:{n}", f"malformed JSON line: {e.msg} at column {e.colno}")
            continue
        except RecursionError:
            yield Skip(f"{path}:{n}", _TOO_DEEP)
            continue
        yield _to_paper(obj, f"{path}:{n}", maybe_bad and bad_utf8(line))
