"""Atomic file writes: a crash or an error never leaves half a file behind.

>>> with atomic_open("graph.json") as fh:   # doctest: +SKIP
...     fh.write("{}")
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator


@contextmanager
def atomic_open(path: str | os.PathLike, *, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """A text file opened at ``path + ".tmp"``; it replaces ``path`` when the block ends
    without an exception, and is removed otherwise."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "w", encoding=encoding) as fh:
            yield fh
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
