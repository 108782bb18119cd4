"""Atomic file writes: a crash or an error never leaves half a file behind.

The data goes to a temporary file next to ``path`` whose name is unique per call
(``.graph.json.<random>.tmp``: two runs never share one), which replaces ``path`` when the
block ends without an exception and is removed otherwise. An ``OSError`` (disk full, a
read-only or impossible path) becomes one :class:`GraphkitError` line naming the path and
the cause. A path that is a device or a pipe (``/dev/stdout``) is written in place.

>>> with atomic_open("graph.json") as fh:   # doctest: +SKIP
...     fh.write("{}")
"""

from __future__ import annotations

import os
import secrets
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from graphkit.errors import GraphkitError


def os_error(path: str | os.PathLike, e: OSError, doing: str = "cannot write") -> GraphkitError:
    """``OSError`` -> one line: ``PATH: cannot write: No space left on device``."""
    return GraphkitError(f"{path}: {doing}: {e.strerror or e}")


def temp_name(path: Path) -> Path:
    """A fresh temporary name next to ``path`` (hidden, unique per call)."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _special(path: Path) -> bool:
    """A device, pipe or socket (``/dev/stdout``): written in place, never replaced."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode))


@contextmanager
def atomic_open(path: str | os.PathLike, *, encoding: str = "utf-8", newline: str | None = None,
                binary: bool = False) -> Iterator[IO]:
    """A file for writing that replaces ``path`` when the block ends without an exception.

    ``binary=True`` gives a byte stream (for writers such as ``nx.write_graphml``)."""
    path = Path(path)
    if _special(path):
        try:  # a device or a pipe: nothing to replace
            with (open(path, "wb") if binary else open(path, "w", encoding=encoding, newline=newline)) as fh:
                yield fh
        except BrokenPipeError:
            raise  # `... -o /dev/stdout | head`: the CLI ends quietly
        except OSError as e:
            raise os_error(path, e) from None
        return
    tmp = temp_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies, as for open()
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline=newline)) as fh:
            yield fh
        os.replace(tmp, path)
    except OSError as e:
        raise os_error(path, e) from None
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def make_dir(folder: str | os.PathLike) -> Path:
    """``mkdir -p folder``; an impossible or read-only place is one GraphkitError line."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise GraphkitError(f"{folder}: cannot create the folder: a file is in the way") from None
    except OSError as e:
        raise os_error(folder, e, "cannot create the folder") from None
    return folder


def make_parent(path: str | os.PathLike) -> Path:
    """:func:`make_dir` of the folder ``path`` goes in; returns ``path``."""
    path = Path(path)
    make_dir(path.parent)
    return path
