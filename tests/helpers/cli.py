"""Run the graphkit CLI in this process (fast; exit code, stdout, stderr).

A subprocess costs ~2-3 s of CPU per call (Python start-up, typer/rich/spaCy imports); in
process the imports are paid once per test session. Tests that are about the process itself
(``python -m graphkit``, start-up imports, peak memory, signals, kill -9, rlimits, no
terminal on stdin) run a real subprocess instead (``run_cli`` in conftest).

>>> r = run("stats", "--help"); r.returncode, "Example" in r.stdout
(0, True)
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import traceback
from pathlib import Path

from graphkit.cli import main

ROOT = Path(__file__).resolve().parents[2]


def gk(capsys, *args) -> tuple[int, str, str]:
    """Run the CLI in process with pytest's ``capsys``: (exit code, stdout, stderr)."""
    try:
        main([str(a) for a in args])
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    out, err = capsys.readouterr()
    return code, out, err


class _Out(io.StringIO):
    """stdout/stderr of an in-process run: text, not a terminal (like a pipe)."""

    def isatty(self) -> bool:
        return False


@contextlib.contextmanager
def _environ(env: dict):
    saved = os.environ.copy()
    os.environ.update({k: str(v) for k, v in env.items()})
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run(*args, cwd: Path | None = None, input: str | None = None,
        env: dict | None = None) -> subprocess.CompletedProcess:
    """``graphkit ARGS`` in this process, as a :class:`subprocess.CompletedProcess` (the
    ``run_cli`` interface): environment ``GRAPHKIT_PROGRESS=0`` plus ``env`` for the run,
    working folder ``cwd`` (default: the repository), stdin ``input`` (never a terminal).
    An exception that escapes ``main`` ends as a Python process would: its traceback on
    stderr and exit code 1 (the tests assert there is none)."""
    argv = [str(a) for a in args]
    out, err = _Out(), _Out()
    sigint = signal.getsignal(signal.SIGINT)  # main() installs its own
    here = os.getcwd()
    stdin = sys.stdin
    code = 0
    try:
        os.chdir(cwd or ROOT)
        sys.stdin = io.StringIO(input or "")
        with _environ({"GRAPHKIT_PROGRESS": "0", **(env or {})}), \
                contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(argv)
            except SystemExit as e:
                if e.code is None or isinstance(e.code, int):
                    code = e.code or 0
                else:
                    print(e.code, file=sys.stderr)
                    code = 1
            except Exception:  # noqa: BLE001 - what the interpreter would print
                traceback.print_exc()
                code = 1
    finally:
        sys.stdin = stdin
        os.chdir(here)
        signal.signal(signal.SIGINT, sigint)
    return subprocess.CompletedProcess(["graphkit", *argv], code, out.getvalue(), err.getvalue())
