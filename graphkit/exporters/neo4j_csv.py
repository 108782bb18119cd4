"""``--to neo4j-csv``: CSV files for ``neo4j-admin database import full`` (large loads).

One node file per label set (``nodes_Paper.csv``, ``nodes_Entity_Method.csv`` ...) with the
header ``id:ID,:LABEL,<prop>:<type>...`` and one relationship file per type
(``rels_MENTIONS.csv`` ...) with ``:START_ID,:END_ID,:TYPE,<prop>:<type>...``. Property
types are inferred per column (``long``, ``double``, ``boolean``, ``string`` and their
arrays). Arrays (and the labels) are separated by U+001F, so no text value can clash.
The folder also gets ``import.sh`` (the exact command) and ``schema.cypher`` (run it
after the import: constraints and indexes).

>>> export(G, Path("neo4j-import"))        # doctest: +SKIP
"""

from __future__ import annotations

import csv
import json
import shlex
from pathlib import Path

from graphkit.atomic import atomic_open, make_dir
from graphkit.cypher.statements import NEO4J_SCHEMA, group_rows

NAME = "neo4j-csv"
DESCRIPTION = "CSV files + command for neo4j-admin database import full"

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_FLAG = "U+001F"


def _kind(v) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "long"
    if isinstance(v, float):
        return "double"
    return "string"


def column_type(values) -> str:
    """The import type of a column: ``long``, ``double``, ``string[]`` ..."""
    kinds = set()
    arrays = set()
    for v in values:
        if v is None:
            continue
        if isinstance(v, list):
            arrays.add(True)
            kinds.update(_kind(x) for x in v)
        else:
            arrays.add(False)
            kinds.add(_kind(v))
    if len(arrays) > 1:
        return "string"  # some rows a list, some a scalar: JSON text
    if kinds == {"long", "double"}:
        kinds = {"double"}
    base = kinds.pop() if len(kinds) == 1 else "string"
    return base + "[]" if arrays == {True} else base


def _cell(v, typ: str) -> str | None:
    if v is None:
        return None
    if typ.endswith("[]"):  # column_type: every value of an array column is a list
        if not v:
            return None
        return ARRAY_DELIMITER.join(_scalar(x, typ[:-2]) for x in v)
    if isinstance(v, list):
        return json.dumps(v, ensure_ascii=False)
    return _scalar(v, typ)


def _scalar(x, typ: str) -> str:
    if isinstance(x, bool):
        return "true" if x else "false"
    if typ == "double" and isinstance(x, (int, float)):
        return repr(float(x))
    return str(x).replace(ARRAY_DELIMITER, " ")


def _write(path: Path, header: list[str], rows) -> None:
    with atomic_open(path, newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name)


def import_command(folder: Path, node_files: list[str], rel_files: list[str],
                   database: str = "neo4j") -> str:
    """The ``neo4j-admin database import full`` command for the files of ``folder``."""
    parts = ["neo4j-admin", "database", "import", "full", database, "--overwrite-destination",
             f"--array-delimiter={ARRAY_DELIMITER_FLAG}", "--multiline-fields=true"]
    parts += [f"--nodes={folder / f}" for f in node_files]
    parts += [f"--relationships={folder / f}" for f in rel_files]
    return " ".join(shlex.quote(p) for p in parts)


def export(G, path: Path, **_options) -> Path:
    """Write the CSV files, ``import.sh`` and ``schema.cypher`` into the folder ``path``."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        from graphkit.errors import GraphkitError

        raise GraphkitError(f"{folder}: --to neo4j-csv writes a folder, and this is a file")
    make_dir(folder)
    groups = group_rows(G)
    node_files, rel_files = [], []
    for labels, items in groups.nodes.items():
        rows = groups.node_rows(items)
        keys = sorted({k for r in rows for k in r} - {"id"})
        types = {k: column_type(r.get(k) for r in rows) for k in keys}
        header = ["id:ID", ":LABEL"] + [f"{k}:{types[k]}" for k in keys]
        label = ARRAY_DELIMITER.join(labels)
        fname = f"nodes_{_safe('_'.join(labels))}.csv"
        _write(folder / fname, header,
               ([r["id"], label] + [_cell(r.get(k), types[k]) for k in keys] for r in rows))
        node_files.append(fname)
    by_type: dict[str, list[dict]] = {}
    for (rel, _start, _end), items in groups.edges.items():
        by_type.setdefault(rel, []).extend(groups.edge_rows(items))
    for rel, rows in by_type.items():
        keys = sorted({k for r in rows for k in r["p"]})
        types = {k: column_type(r["p"].get(k) for r in rows) for k in keys}
        header = [":START_ID", ":END_ID", ":TYPE"] + [f"{k}:{types[k]}" for k in keys]
        fname = f"rels_{_safe(rel)}.csv"
        _write(folder / fname, header,
               ([r["s"], r["t"], rel] + [_cell(r["p"].get(k), types[k]) for k in keys] for r in rows))
        rel_files.append(fname)
    cmd = import_command(Path("."), node_files, rel_files)
    with atomic_open(folder / "import.sh") as fh:
        fh.write("#!/bin/sh\n# Bulk-load these CSVs into Neo4j's database `neo4j` (replaced; stop the server first;\n"
        "# neo4j-admin from $NEO4J_HOME/bin on PATH), then start Neo4j and add constraints and indexes:\n"
        "#   cypher-shell -u neo4j -p PASSWORD -f schema.cypher\n"
        "set -e\ncd \"$(dirname \"$0\")\"\n" + cmd + "\n")
    (folder / "import.sh").chmod(0o755)
    with atomic_open(folder / "schema.cypher") as fh:
        fh.write("".join(s + ";\n" for s in NEO4J_SCHEMA))
    return folder
