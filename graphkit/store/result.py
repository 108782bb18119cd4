"""Query results, engine-neutral: columns, rows of plain Python values, counters.

Nodes come back as ``{"labels": [...], "properties": {...}}`` and relationships as
``{"type", "start", "end", "properties"}`` from both engines, so a query prints the same
on the embedded store and on Neo4j.

json and csv are imported by the formats (and cells) that use them: ``graphkit query
--uri`` prints a table of strings without loading either (~4 ms of its start-up).

>>> r = Result(["name", "papers"], [["LIBERO", 12]])
>>> print(format_result(r, "csv"), end="")
name,papers
LIBERO,12
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Result:
    columns: list[str]
    rows: list[list[Any]]
    counters: dict[str, float] = field(default_factory=dict)

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column name."""
        return [dict(zip(self.columns, r)) for r in self.rows]

    def column(self, name: str) -> list[Any]:
        i = self.columns.index(name)
        return [r[i] for r in self.rows]

    @property
    def wrote(self) -> bool:
        """True when the query changed the graph (created, deleted or set anything)."""
        return any(v for k, v in self.counters.items()
                   if k.endswith(("_created", "_deleted", "_set", "_added", "_removed")))


def node_value(labels: list[str], properties: dict) -> dict:
    return {"labels": list(labels), "properties": dict(properties)}


def rel_value(rel_type: str, start: Any, end: Any, properties: dict) -> dict:
    return {"type": rel_type, "start": start, "end": end, "properties": dict(properties)}


def _cell(v: Any, max_width: int | None) -> str:
    if v is None:
        s = ""
    elif isinstance(v, bool):
        s = "true" if v else "false"
    elif isinstance(v, float):
        s = f"{v:.4g}" if abs(v) < 1e6 else f"{v:.6g}"
    elif isinstance(v, dict) and "labels" in v and "properties" in v:
        p = v["properties"]
        s = f"(:{':'.join(v['labels'])} {p.get('id', p.get('name', ''))})"
    elif isinstance(v, dict) and "type" in v and "properties" in v and "start" in v:
        s = f"[:{v['type']}]"
    elif isinstance(v, (list, dict)):
        import json

        s = json.dumps(v, ensure_ascii=False, default=str)
    else:
        s = str(v)
    s = s.replace("\n", " ")
    if max_width and len(s) > max_width:
        s = s[: max_width - 1] + "…"
    return s


def format_table(r: Result, max_width: int | None = 60) -> str:
    """A plain-text table (header, rule, rows, and a row count)."""
    if not r.columns:
        return _counters_line(r)
    cells = [[_cell(v, max_width) for v in row] for row in r.rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(r.columns)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()
    out = [line(r.columns), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    out.append(f"({len(r.rows)} row{'s' if len(r.rows) != 1 else ''})")
    return "\n".join(out)


def _counters_line(r: Result) -> str:
    parts = [f"{k.replace('_', ' ')}: {int(v) if float(v).is_integer() else v}"
             for k, v in r.counters.items() if v and "time" not in k and k != "cached_execution"]
    return ", ".join(parts) or "(no rows)"


TABLE_SAMPLE = 1000  # rows a streamed table measures its column widths on


def write_result(r: Result, fmt: str, out) -> int:
    """Write ``r`` to the text stream ``out`` row by row (``r.rows`` may be an iterator, so
    a huge answer is never held whole); the same text as :func:`format_result`. Returns the
    number of rows written."""
    if fmt not in ("table", "json", "csv"):
        from graphkit.errors import GraphkitError

        raise GraphkitError(f"unknown format {fmt!r} (choose from table, json, csv)")
    rows = iter(r.rows)
    n = 0
    if fmt == "json":
        import json

        first = True
        for row in rows:
            text = json.dumps(dict(zip(r.columns, row)), ensure_ascii=False, indent=2, default=str)
            out.write(("[\n" if first else ",\n") + "\n".join("  " + ln for ln in text.split("\n")))
            first, n = False, n + 1
        out.write("[]\n" if first else "\n]\n")
        return n
    if fmt == "csv":
        import csv

        w = csv.writer(out, lineterminator="\n")
        w.writerow(r.columns)
        for row in rows:
            w.writerow([_cell(v, None) if not isinstance(v, (str, int, float)) or isinstance(v, bool)
                        else v for v in row])
            n += 1
        return n
    if not r.columns:
        out.write(_counters_line(r) + "\n")
        return 0
    head = []
    for row in rows:
        head.append([_cell(v, 60) for v in row])
        if len(head) >= TABLE_SAMPLE:
            break
    widths = [max([len(c)] + [len(row[i]) for row in head]) for i, c in enumerate(r.columns)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip() + "\n"
    out.write(line(r.columns) + line(["-" * w for w in widths]))
    for cells in head:
        out.write(line(cells))
    n = len(head)
    for row in rows:
        out.write(line([_cell(v, 60) for v in row]))
        n += 1
    out.write(f"({n} row{'s' if n != 1 else ''})\n")
    return n


def format_result(r: Result, fmt: str = "table") -> str:
    """``table`` (for people), ``json`` (a list of objects) or ``csv`` (header + rows)."""
    if fmt == "json":
        import json

        return json.dumps(r.records(), ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "csv":
        import csv

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(r.columns)
        for row in r.rows:
            w.writerow([_cell(v, None) if not isinstance(v, (str, int, float)) or isinstance(v, bool)
                        else v for v in row])
        return buf.getvalue()
    if fmt == "table":
        return format_table(r) + "\n"
    from graphkit.errors import GraphkitError

    raise GraphkitError(f"unknown format {fmt!r} (choose from table, json, csv)")
