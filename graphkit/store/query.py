"""``graphkit query``: Cypher text or a ``.cypher`` file, parameters, either engine.

A query file may declare default parameters in its header comment, one per line::

    // @param name = "LIBERO"
    // @param limit = 10

``--param name=value`` overrides them; values are read as JSON when they parse
(``5``, ``true``, ``["a","b"]``, ``"quoted"``), else taken as plain strings.

>>> q = load_query("cypher/papers_using_benchmark.cypher")          # doctest: +SKIP
>>> run_query(q.text, graph_dir="graphkit-out", params=q.defaults)  # doctest: +SKIP
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from graphkit.errors import GraphkitError
from graphkit.store.result import Result

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_PARAM_NAME = re.compile(_NAME)
_PARAM_DECL = re.compile(rf"^\s*//\s*@param\s+({_NAME})\s*=\s*(.+?)\s*$")
_PARAM_USE = re.compile(rf"\$({_NAME})")
_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.S)


@dataclass
class Query:
    text: str
    source: str = "<query>"
    defaults: dict = field(default_factory=dict)

    @property
    def parameters(self) -> list[str]:
        """``$names`` the query uses (outside strings and comments), in order."""
        bare = _STRINGS_AND_COMMENTS.sub(" ", self.text)
        return list(dict.fromkeys(_PARAM_USE.findall(bare)))


def parse_value(text: str):
    """``--param`` value: JSON when it parses, else the plain string."""
    import json  # here: a query without parameters needs no json module

    try:
        return json.loads(text)
    except ValueError:
        return text


def parse_params(items: list[str]) -> dict:
    """``["name=LIBERO", "k=5"]`` -> ``{"name": "LIBERO", "k": 5}``."""
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip().lstrip("$")
        if not sep or not _PARAM_NAME.fullmatch(key):
            raise GraphkitError(f"--param {item!r}: expected NAME=VALUE")
        out[key] = parse_value(value)
    return out


def looks_like_file(arg: str) -> bool:
    return arg.endswith(".cypher") or ("\n" not in arg and len(arg) < 4096 and os.path.isfile(arg))


def load_query(arg: str) -> Query:
    """Cypher text, or a path to a file of Cypher (with optional ``// @param`` defaults)."""
    if looks_like_file(arg):
        path = Path(arg)
        if not path.is_file():
            raise GraphkitError(f"{arg}: no such query file")
        text = path.read_text(encoding="utf-8")
        source = str(path)
    else:
        text, source = arg, "<query>"
    defaults = {}
    for line in text.splitlines():
        m = _PARAM_DECL.match(line)
        if m:
            defaults[m.group(1)] = parse_value(m.group(2))
    text = text.strip()
    while text.endswith(";"):
        text = text[:-1].rstrip()
    if not text or not _STRINGS_AND_COMMENTS.sub("", text).strip():
        raise GraphkitError(f"{source}: empty query")
    return Query(text, source, defaults)


def run_query(query: str | Query, *, graph_dir: str | os.PathLike = "graphkit-out",
              params: dict | None = None, uri: str | None = None, user: str | None = None,
              password: str | None = None, database: str | None = None, write: bool = False,
              limit: int | None = None) -> Result:
    """Run one query on the embedded store of ``graph_dir`` or, with ``uri``, on Neo4j.
    Read-only unless ``write``; at most ``limit`` rows."""
    with open_query(query, graph_dir=graph_dir, params=params, uri=uri, user=user,
                    password=password, database=database, write=write, limit=limit) as result:
        result.rows = list(result.rows)
        return result


@contextmanager
def open_query(query: str | Query, *, graph_dir: str | os.PathLike = "graphkit-out",
               params: dict | None = None, uri: str | None = None, user: str | None = None,
               password: str | None = None, database: str | None = None, write: bool = False,
               limit: int | None = None, warn=None) -> Iterator[Result]:
    """:func:`run_query` with ``rows`` streamed (an iterator valid inside the ``with``), so a
    big answer is printed row by row instead of held whole. ``warn(str)`` gets notices
    (e.g. a store older than graph.json)."""
    q = query if isinstance(query, Query) else load_query(query)
    values = {**q.defaults, **(params or {})}
    names = q.parameters  # computed per access: once here
    missing = [p for p in names if p not in values]
    if missing:
        raise GraphkitError(f"{q.source}: missing parameter{'s' if len(missing) > 1 else ''} "
                            + ", ".join(f"${m}" for m in missing)
                            + f" (pass --param {missing[0]}=VALUE)")
    used = {k: v for k, v in values.items() if k in names}
    if limit is not None and limit < 0:
        raise GraphkitError(f"--limit must be 0 or more, not {limit}")
    if uri:
        from graphkit.store.neo4j import Neo4jStore

        with Neo4jStore.connect(uri, user=user, password=password, database=database,
                                verify=False) as store:  # the query reports connection errors
            yield store.stream(q.text, used, write=write, limit=limit)
        return
    from graphkit.store.embedded import EmbeddedStore, stale_store

    notice = stale_store(graph_dir)
    if notice and warn:
        warn(notice)
    with EmbeddedStore.open(graph_dir) as store:
        yield store.stream(q.text, used, read_only=not write, limit=limit)
