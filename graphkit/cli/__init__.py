"""The ``graphkit`` command line: thin commands over the library (one module each).

Every command parses its arguments, calls one library function and prints: data on
stdout, progress and logs on stderr. User errors end as one line and a non-zero exit.
"""

from __future__ import annotations

import sys

import typer

from graphkit.errors import GraphkitError

app = typer.Typer(
    name="graphkit",
    help=(
        "Turn paper abstracts into a typed knowledge graph (papers, methods, benchmarks, "
        "datasets, robots, simulators) and export it to Cypher stores, files and HTML.\n\n"
        "Example:\n\n    graphkit build data/ --out graphkit-out\n\n"
        "    graphkit query 'MATCH (p:Paper)-[:MENTIONS]->(b:Benchmark {name: \"LIBERO\"}) RETURN p.title'"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _group() -> None:
    """(Keeps ``app`` a group of commands when only one command module is loaded.)"""


# Every module in this package (but ``common``) defines commands on ``app``: adding a
# command is adding one file. Listed in this order, the rest alphabetically.
_FIRST = ["build", "extract", "eval", "stats", "query", "push", "export", "html"]


def command_modules() -> list[str]:
    """The command modules of this package, in the order ``graphkit --help`` lists them."""
    import pkgutil

    names = [m.name for m in pkgutil.iter_modules(__path__) if m.name != "common"]
    return sorted(names, key=lambda n: (_FIRST.index(n) if n in _FIRST else len(_FIRST), n))


def load_commands(only: str | None = None) -> typer.Typer:
    """Register the commands on ``app`` and return it: all of them, or with ``only`` just
    the module of that command (``graphkit query`` then imports no spaCy, networkx or
    readers: each command module imports the library inside its function).

    >>> "query" in [c.name or c.callback.__name__ for c in load_commands().registered_commands]
    True
    """
    import importlib

    names = command_modules()
    for name in ([only] if only in names else names):
        importlib.import_module(f"graphkit.cli.{name}")
    order = {n: i for i, n in enumerate(names)}
    app.registered_commands.sort(  # the --help order, whatever was imported first
        key=lambda c: order.get(c.callback.__module__.rsplit(".", 1)[-1], len(order)))
    return app


def _command_name(argv: list[str]) -> str | None:
    """The command a command line runs (its first word), if it names one."""
    return next((a for a in argv if not a.startswith("-")), None) if argv else None


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: runs the app, turning user errors into one line.

    Usage errors are click's (exit 2); :class:`GraphkitError` ends as
    ``graphkit: error: <message>`` on stderr with its exit code, and so does an
    ``OSError`` (``PATH: Permission denied``, exit 1); no traceback for any of them.
    """
    import signal

    interrupted = []

    def on_sigint(signum, frame):  # typer turns KeyboardInterrupt into a silent exit 130
        interrupted.append(signum)
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGINT, on_sigint)
    except ValueError:  # not the main thread
        pass
    try:
        load_commands(only=_command_name(sys.argv[1:] if argv is None else argv))
        app(args=argv, standalone_mode=True)
    except SystemExit as e:
        if interrupted and e.code == 130:
            print("graphkit: interrupted", file=sys.stderr)
        raise
    except GraphkitError as e:
        print(f"graphkit: error: {e}", file=sys.stderr)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        print("graphkit: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:  # `graphkit extract ... | head`
        sys.stderr.close()
        sys.exit(0)
    except OSError as e:  # a path the library did not name itself (every writer tries to)
        where = f"{e.filename}: " if e.filename is not None else ""
        print(f"graphkit: error: {where}{e.strerror or e}", file=sys.stderr)
        sys.exit(1)
    finally:
        if argv is None:  # the process ends here (console script, python -m graphkit)
            _skip_exit_collection()


def _skip_exit_collection() -> None:
    """Moves every object to the collector's permanent generation (``gc.freeze``): the
    interpreter's exit would otherwise walk the whole heap once more looking for cycles to
    free, ~0.03 s of CPU with the Neo4j driver loaded (a tenth of ``graphkit query --uri``),
    for memory the process is about to return anyway. Finalizers still run (``atexit``,
    ``weakref.finalize``); objects freed by reference counting are freed as before."""
    import gc

    gc.freeze()
