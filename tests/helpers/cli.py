"""Run the graphkit CLI in this process (fast; exit code, stdout, stderr)."""

from __future__ import annotations

from graphkit.cli import main


def gk(capsys, *args) -> tuple[int, str, str]:
    """Run the CLI in process with pytest's ``capsys``: (exit code, stdout, stderr)."""
    try:
        main([str(a) for a in args])
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    out, err = capsys.readouterr()
    return code, out, err
