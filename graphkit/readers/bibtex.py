r"""BibTeX entries with ``title`` and ``abstract`` fields, split by bibtexparser 2.

bibtexparser finds the blocks (linear time, with their line numbers) and reports the
malformed ones; field values are then resolved here, because bibtexparser 2 replaces a
bare ``@string`` macro but not a ``#`` concatenation (``"We " # conf # {, and more}``).
LaTeX becomes Unicode through :mod:`graphkit.latex` (``Pok\'eChamp`` -> ``PokéChamp``,
``\ss`` -> ``ß``), and authors are split on ``and`` outside braces.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Iterator

from graphkit.latex import to_unicode
from graphkit.model import Paper, Skip
from graphkit.readers.base import clean, paper_from_record

if TYPE_CHECKING:  # bibtexparser is imported when a BibTeX file is read (~0.09 s CPU)
    from bibtexparser.model import Entry, ParsingFailedBlock

NAME = "bibtex"
_log = logging.getLogger("bibtexparser")
_log.addHandler(logging.NullHandler())  # its warnings duplicate our skips
_log.propagate = False

MONTHS = {m[:3]: m for m in ("january", "february", "march", "april", "may", "june", "july",
                              "august", "september", "october", "november", "december")}
_VERBATIM = {"url", "doi", "eprint", "arxiv", "arxiv_id", "id", "link"}  # no LaTeX decoding


def sniff(text: str) -> bool:
    return bool(re.match(r"\s*(%[^\n]*\n\s*)*@\s*[A-Za-z]+\s*[{(]", text))


def _parts(value: str) -> list[str]:
    """``value`` split on the ``#`` that are outside braces and quotes."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, c in enumerate(value):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == '"' and depth == 0 and (i == 0 or value[i - 1] != "\\"):
            quoted = not quoted
        elif c == "#" and depth == 0 and not quoted:
            parts.append(value[start:i])
            start = i + 1
    parts.append(value[start:])
    return parts


def resolve(value: str, strings: dict[str, str]) -> str:
    """A raw field value (delimiters included) as text: quotes/braces removed, macros
    replaced, ``#`` concatenated.

    >>> resolve('"We " # conf # {, and more}', {"conf": "Robot Conf"})
    'We Robot Conf, and more'
    """
    if "#" not in value:
        return _one(value.strip(), strings)
    return "".join(_one(p.strip(), strings) for p in _parts(value))


def _one(part: str, strings: dict[str, str]) -> str:
    if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
        return part[1:-1]
    if part.isdigit():
        return part
    key = part.lower()
    return strings.get(key, MONTHS.get(key, part))


def _fields(entry: Entry, strings: dict[str, str]) -> dict[str, object]:
    from bibtexparser.middlewares.names import split_multiple_persons_names

    out: dict[str, object] = {}
    for f in entry.fields:
        name = f.key.lower()
        value = resolve(str(f.value), strings)
        if name in ("author", "authors"):
            try:
                names = split_multiple_persons_names(value)
            except Exception:  # noqa: BLE001 - its splitter rejects some malformed name lists
                names = [value]
            out[name] = [to_unicode(n) for n in names]
        elif name in _VERBATIM:
            out[name] = value.replace("{", "").replace("}", "")
        else:
            out[name] = to_unicode(value)
    return out


def _failure(block: ParsingFailedBlock, path: str) -> Skip:
    raw = block.raw or ""
    m = re.match(r"@\s*(\w+)", raw)
    kind = m.group(1).lower() if m else "?"
    err = block.error
    msg = " ".join(str(getattr(err, "abort_reason", None) or err or "malformed").split())
    line = (block.start_line or 0) + 1
    if "block start" in msg or "end of file" in msg:
        return Skip(f"{path}:{line}", f"BibTeX entry @{clean(kind)} has no closing brace")
    return Skip(f"{path}:{line}", f"malformed BibTeX entry @{clean(kind)}: {clean(msg[:120])}")


def read(path: str, text: str) -> Iterator[Paper | Skip]:
    import bibtexparser
    from bibtexparser.model import Entry, ParsingFailedBlock

    library = bibtexparser.parse_string(text, parse_stack=[])
    strings: dict[str, str] = {}
    for s in library.strings:  # in file order: a macro may use the ones before it
        strings[s.key.lower()] = to_unicode(resolve(str(s.value), strings))
    for block in library.blocks:
        if isinstance(block, ParsingFailedBlock):
            entry = block.ignore_error_block  # a duplicate key or field: the entry itself is fine
            if not isinstance(entry, Entry):
                yield _failure(block, path)
                continue
        elif isinstance(block, Entry):
            entry = block
        else:
            continue
        fields = _fields(entry, strings)
        if "url" not in fields and fields.get("eprint"):
            fields["url"] = f"https://arxiv.org/abs/{fields['eprint']}"
        rec = dict(fields)
        rec.setdefault("id", fields.get("eprint") or fields.get("doi"))
        if "year" in fields and "date" not in fields:
            rec["date"] = fields["year"]
        paper = paper_from_record(rec, f"{path}:{(entry.start_line or 0) + 1}")
        if isinstance(paper, Skip):
            paper.reason = f"{paper.reason} (entry {clean(entry.key) or '?'})"
        yield paper
