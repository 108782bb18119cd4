"""An append-only JSONL file that survives being killed: the resume set of a fetch.

Each batch of records is appended, flushed and ``fsync``-ed, so whatever was fetched
before a crash is on disk. On open, a torn last line (the process died mid-write) is cut
off, and the ``id`` of every complete record forms :attr:`done`, the set a restarted
run skips.

>>> j = Journal("refs.jsonl")            # doctest: +SKIP
>>> j.append([{"id": "arxiv:1", "references": []}]); "arxiv:1" in j.done   # doctest: +SKIP
True
"""

from __future__ import annotations

import json
import os
from pathlib import Path


class Journal:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.done: set[str] = set()
        self.torn = 0  # bytes of a torn last line cut off on open
        if self.path.exists():
            data = self.path.read_bytes()
            keep = data.rfind(b"\n") + 1
            if keep < len(data):
                self.torn = len(data) - keep
                with open(self.path, "r+b") as fh:
                    fh.truncate(keep)
            for line in data[:keep].splitlines():
                if line.strip():
                    try:
                        self.done.add(json.loads(line)["id"])
                    except (ValueError, KeyError, TypeError):
                        continue  # not ours: left alone, not counted as done
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)

    def append(self, records: list[dict]) -> None:
        if not records:
            return
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        self.done.update(r["id"] for r in records)
