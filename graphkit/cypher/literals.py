"""Graph attributes -> Cypher property values and literals both Neo4j and FalkorDB parse.

Property rules (the same for the embedded store, Neo4j, the CSV and script exports):
scalars stay scalars; lists of scalars of one kind become arrays; dicts, nested or mixed
lists become JSON strings; ``None`` (and NaN/inf) are omitted.

>>> props({"id": "p1", "authors": ["A", "B"], "meta": {"k": 1}, "year": None})
{'id': 'p1', 'authors': ['A', 'B'], 'meta': '{"k": 1}'}
>>> print(literal({"id": "p1", "title": 'say "hi"', "n": [1, 2]}))
{id: "p1", title: "say \\"hi\\"", n: [1, 2]}
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

_INT64 = (-(2 ** 63), 2 ** 63 - 1)
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _scalar(v: Any) -> Any:
    """A property scalar, or ``None`` when it cannot be stored as one."""
    if isinstance(v, bool) or isinstance(v, str):
        return v
    if isinstance(v, int):
        return v if _INT64[0] <= v <= _INT64[1] else str(v)
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    return None


def _kind(v: Any) -> str | None:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "str"
    return None


def _general(v: Any) -> Any:
    if isinstance(v, (list, tuple, set, frozenset)):
        items = sorted(v, key=str) if isinstance(v, (set, frozenset)) else list(v)
        kinds = {_kind(x) for x in items}
        if len(kinds) <= 1 and None not in kinds:
            if kinds == {"number"} and any(isinstance(x, float) for x in items):
                items = [float(x) for x in items]
            if all(_scalar(x) is not None and type(_scalar(x)) is type(x) for x in items):
                return items
        return json.dumps(items, ensure_ascii=False, default=str)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, default=str)
    s = _scalar(v)
    if s is None and not isinstance(v, float):
        return str(v)
    return s


def prop_value(v: Any) -> Any:
    """One attribute value as a property value (``None``: leave the property out)."""
    t = type(v)
    if t is str or t is bool:
        return v
    if t is int:
        return v if _INT64[0] <= v <= _INT64[1] else str(v)
    if t is float:
        return v if math.isfinite(v) else None
    if v is None:
        return None
    if t is list and (not v or all(type(x) is str for x in v)):
        return v
    return _general(v)


def props(attrs: dict, skip: tuple[str, ...] = ()) -> dict:
    """Attributes -> properties (``skip`` names are left out, as are ``None`` values)."""
    out = {}
    lo, hi = _INT64
    isfinite = math.isfinite
    for k, v in attrs.items():
        if v is None or k in skip:
            continue
        t = type(v)
        if t is str or t is bool:
            pass
        elif t is int:
            if not lo <= v <= hi:
                v = str(v)
        elif t is float:
            if not isfinite(v):
                continue
        elif t is list and all(type(x) is str for x in v):
            pass
        else:
            v = prop_value(v)
            if v is None:
                continue
        out[k] = v
    return out


_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"),
            ("\b", "\\b"), ("\f", "\\f"), ("\x00", ""))
_SPECIAL = re.compile(r'[\\"\n\r\t\b\f\x00]')


def string_literal(s: str) -> str:
    """A double-quoted Cypher string: the escapes both engines read (\\\\ \\" \\n \\r \\t \\b \\f).

    NUL characters are dropped (FalkorDB ends strings there)."""
    if _SPECIAL.search(s):
        for a, b in _ESCAPES:
            if a in s:
                s = s.replace(a, b)
    return '"' + s + '"'


def name(key: str) -> str:
    """A property key / map key / label as Cypher: bare when it can be, else in backticks."""
    if _IDENT.match(key):
        return key
    return "`" + key.replace("`", "``") + "`"  # openCypher/Neo4j: a backtick is doubled


def _backtick_key(v: Any) -> str | None:
    """The first map key (at any depth) holding a backtick, else ``None``."""
    if isinstance(v, dict):
        for k, x in v.items():
            if "`" in str(k):
                return str(k)
            found = _backtick_key(x)
            if found is not None:
                return found
    elif isinstance(v, (list, tuple)):
        for x in v:
            found = _backtick_key(x)
            if found is not None:
                return found
    return None


def _float(v: float) -> str:
    if not math.isfinite(v):
        return "null"
    return repr(v).replace("e+", "e")  # Neo4j reads 1e16, not 1e+16


def _list(v) -> str:
    return "[" + ", ".join([_LIT.get(type(x), _other)(x) for x in v]) + "]"


_names: dict[str, str] = {}


def _map(v: dict) -> str:
    parts = []
    for k, x in v.items():
        n = _names.get(k)
        if n is None:
            n = _names[k] = name(str(k))
        parts.append(n + ": " + _LIT.get(type(x), _other)(x))
    return "{" + ", ".join(parts) + "}"


def _other(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, float):
        return _float(float(v))
    if isinstance(v, str):
        return string_literal(str(v))
    if isinstance(v, (list, tuple)):
        return _list(v)
    if isinstance(v, dict):
        return _map(v)
    return string_literal(str(v))


_LIT = {str: string_literal, int: str, float: _float, list: _list, dict: _map, tuple: _list,
        bool: lambda v: "true" if v else "false", type(None): lambda v: "null"}


def literal(v: Any) -> str:
    """A Python value (as produced by :func:`prop_value`, or rows of them) as a Cypher literal."""
    return _LIT.get(type(v), _other)(v)


def _has_u_escape(s: str) -> bool:
    """Does this JSON text hold a ``\\uXXXX`` escape (a backslash-u not itself escaped)?"""
    i = s.find("\\u")
    while i >= 0:
        j = i
        while j > 0 and s[j - 1] == "\\":
            j -= 1
        if (i - j) % 2 == 0:
            return True
        i = s.find("\\u", i + 2)
    return False


def _unquote_keys(s: str) -> str | None:
    """JSON text -> Cypher map syntax: ``{"id":1}`` -> ``{id:1}`` (``None``: a key is not an
    identifier). In JSON a ``"`` inside a string is escaped, so an unescaped ``":`` always
    ends a key; one split and a walk over the pieces, no regex over the whole text."""
    parts = s.split('":')
    out: list[str] = []
    append = out.append
    keys: set[str] = set()  # keys already checked
    for p in parts[:-1]:
        i = p.rfind('"')
        key = p[i + 1:]
        if key in keys and p[i - 1] in "{,":
            append(p[:i] + key + ":")
            continue
        if p.endswith("\\") and (len(p) - len(p.rstrip("\\"))) % 2:
            append(p + '":')  # an escaped quote inside a string value
            continue
        if i < 1 or p[i - 1] not in "{," or not _IDENT.match(key):
            return None
        keys.add(key)
        append(p[:i] + key + ":")
    append(parts[-1])
    return "".join(out)


def fast_literal(v: Any) -> str:
    """:func:`literal`, fast for big parameter batches: ``json.dumps`` (C) with the map keys
    unquoted. JSON's string escapes (\\\\ \\" \\n \\r \\t \\b \\f) are Cypher's; when the
    JSON has anything else (``\\u`` escapes, keys that are not identifiers, NaN), falls back
    to :func:`literal`."""
    try:
        s = json.dumps(v, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return literal(v)
    if _has_u_escape(s):
        return literal(v)
    out = _unquote_keys(s) if '":' in s else s
    return literal(v) if out is None else out


def params_header(params: dict | None) -> str:
    """FalkorDB's way of passing parameters: ``CYPHER name=<literal> ... `` before the query."""
    if not params:
        return ""
    header = "CYPHER " + " ".join(f"{name(k)}={fast_literal(v)}" for k, v in params.items()) + " "
    if "``" in header:  # a doubled backtick: maybe a name escape, which FalkorDB cannot parse
        for k, v in params.items():
            bad = k if "`" in k else _backtick_key(v)
            if bad is not None:
                from graphkit.errors import GraphkitError

                raise GraphkitError(f"parameter ${k}: the map key {bad!r} holds a backtick, which "
                                    "the embedded store (FalkorDB) cannot parse in any quoting; "
                                    "rename the key, or run the query on Neo4j with --uri")
    return header
