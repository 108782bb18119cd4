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

# Every module in this package (but ``common``) defines commands on ``app``: adding a
# command is adding one file. Imported in this order, the rest alphabetically.
_FIRST = ["build", "extract", "eval", "stats", "query", "push", "export", "html"]


def _register_commands() -> None:
    import importlib
    import pkgutil

    names = [m.name for m in pkgutil.iter_modules(__path__) if m.name != "common"]
    for name in sorted(names, key=lambda n: (_FIRST.index(n) if n in _FIRST else len(_FIRST), n)):
        importlib.import_module(f"graphkit.cli.{name}")


_register_commands()


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
