"""Reference files (``graphkit build --references FILE``): JSONL written by ``graphkit fetch
references``, one line per citing paper::

    {"id": "arxiv:2405.15738", "references": [{"arxiv": "1706.03762", "doi": null,
     "s2": "...", "title": "Attention is All you Need", "year": 2017}, ...]}

``id`` is the citing paper (a graphkit id, arXiv id, DOI or title); a reference is an
object with any of ``arxiv``, ``doi``, ``s2``, ``openalex``, ``title``, ``year``, or a
plain string (id, arXiv id/URL, DOI or title). Lines of one paper in several files are
merged (duplicates dropped, first order kept). A bad line is a :class:`Skip` naming
file and line, never a silent drop.

>>> refs, skips = read_references(["refs.jsonl"])   # doctest: +SKIP
>>> refs["arxiv:2405.15738"][0]["title"]              # doctest: +SKIP
'Attention is All you Need'
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

from graphkit.errors import InputError
from graphkit.model import Skip

REF_KEYS = ("arxiv", "doi", "s2", "openalex", "title", "year")


def _ref(value) -> dict | None:
    if isinstance(value, str):
        return {"raw": value} if value.strip() else None
    if not isinstance(value, dict):
        return None
    out = {k: value.get(k) for k in REF_KEYS if value.get(k) not in (None, "")}
    return out if any(k in out for k in REF_KEYS[:5]) else None


def merge(into: dict[str, list[dict]], more: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Add ``more``'s references to ``into`` (per citing id, duplicates dropped)."""
    for pid, refs in more.items():
        have = into.setdefault(pid, [])
        seen = {json.dumps(r, sort_keys=True) for r in have}
        for r in refs:
            k = json.dumps(r, sort_keys=True)
            if k not in seen:
                seen.add(k)
                have.append(r)
    return into


def read_references(paths: Iterable[str | os.PathLike]) -> tuple[dict[str, list[dict]], list[Skip]]:
    """``({citing id: [reference, ...]}, skipped lines)``; a missing file is an InputError."""
    out: dict[str, list[dict]] = {}
    skips: list[Skip] = []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise InputError(f"{path}: no such references file")
        with open(path, encoding="utf-8", errors="replace") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    skips.append(Skip(where, f"malformed JSON line: {e.msg}"))
                    continue
                if not isinstance(row, dict) or not isinstance(row.get("id"), str) or not row["id"].strip():
                    skips.append(Skip(where, "a references line needs a string \"id\""))
                    continue
                refs = row.get("references")
                if not isinstance(refs, list):
                    skips.append(Skip(where, "\"references\" is not a list"))
                    continue
                good = [r for r in map(_ref, refs) if r]
                if len(good) < len(refs):
                    skips.append(Skip(where, f"{len(refs) - len(good)} references without id or title"))
                merge(out, {row["id"].strip(): good})
    return out, skips
