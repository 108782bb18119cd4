"""User-facing errors: one clear line, no traceback, a non-zero exit from the CLI."""

from __future__ import annotations


class GraphkitError(Exception):
    """An error caused by the user's input or environment (bad file, unreachable server...).

    The CLI prints ``graphkit: error: <message>`` on stderr and exits with ``exit_code``.
    """

    exit_code = 1

    def __init__(self, message: str, *, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(GraphkitError):
    """Nothing usable could be read from the inputs."""

    exit_code = 2
