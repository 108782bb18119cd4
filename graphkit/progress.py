"""Progress bars and stage messages on stderr (stdout is for data)."""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator

_console = None


def _stderr():
    """The rich console on stderr, made (and rich imported, ~0.1 s CPU) on first use."""
    global _console
    if _console is None:
        from rich.console import Console

        _console = Console(stderr=True, highlight=False)
    return _console


def __getattr__(name: str):
    if name == "stderr":  # graphkit.progress.stderr: the console, made when asked for
        return _stderr()
    raise AttributeError(f"module 'graphkit.progress' has no attribute {name!r}")


def enabled() -> bool:
    flag = os.environ.get("GRAPHKIT_PROGRESS")
    if flag is not None:
        return flag not in ("0", "", "no")
    return sys.stderr.isatty()


@contextmanager
def progress(description: str, total: int | None, *, show: bool | None = None
             ) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on stderr; yields ``advance(n=1)``. Silent when not wanted."""
    if not (enabled() if show is None else show):
        yield lambda n=1: None
        return
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TimeRemainingColumn(), console=_stderr(), transient=False) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)


def log(message: str) -> None:
    _stderr().print(message, markup=False, soft_wrap=True)


class Clock:
    """Stage timings: ``lap(name)`` stores the seconds since the previous lap (or since the
    clock was made) in ``times[prefix + name]``, and the CPU seconds spent meanwhile (user +
    system, this process and its finished children, e.g. extraction workers) in
    ``cpu[prefix + name]``: on a shared machine the wall time says how loaded it was, the CPU
    time what the stage costs.

    >>> c = Clock(); c.lap("read"); list(c.times), list(c.cpu)
    (['read'], ['read'])
    """

    def __init__(self, times: dict[str, float] | None = None, *, prefix: str = "",
                 cpu: dict[str, float] | None = None) -> None:
        self.times = {} if times is None else times
        self.cpu = {} if cpu is None else cpu
        self.prefix = prefix
        self._t = time.perf_counter()
        self._c = _cpu_seconds()

    def lap(self, name: str) -> None:
        now, cpu = time.perf_counter(), _cpu_seconds()
        self.times[self.prefix + name] = round(now - self._t, 3)
        self.cpu[self.prefix + name] = round(cpu - self._c, 3)
        self._t, self._c = now, cpu


def _cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system
