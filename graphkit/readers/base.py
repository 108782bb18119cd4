"""What every reader shares: decoding, record -> Paper, and the Reader protocol.

A reader is a module with ``NAME``, ``sniff(text) -> bool`` and
``read(path, text) -> Iterator[Paper | Skip]``; register it in
:data:`graphkit.readers.READERS`. Readers never raise on bad records: they yield a
:class:`~graphkit.model.Skip` naming the file and line (or record) instead.
"""

from __future__ import annotations

import math
import re
from datetime import date as _date
from typing import Any, Iterable

from graphkit.ids import paper_id, parse_arxiv_id, parse_doi
from graphkit.model import Paper, Skip

_SURROGATE = re.compile(r"[\udc80-\udcff]")  # undecodable bytes (``decode``'s surrogateescape)
_ANY_SURROGATE = re.compile(r"[\ud800-\udfff]")  # also lone surrogates from JSON escapes ("\ud800")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


def decode(data: bytes) -> str:
    """UTF-8 text; undecodable bytes survive as lone surrogates so the record holding
    them can be reported (:func:`bad_utf8`) while the rest of the file is still read."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", errors="surrogateescape")


def bad_utf8(*values: Any) -> bool:
    """Whether a value holds an undecodable byte (a surrogate of :func:`decode`)."""
    return any(isinstance(v, str) and has_surrogates(v) and _SURROGATE.search(v) for v in values)


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds any surrogate at all, at C speed (``isascii`` is O(1); a text
    that encodes to UTF-8 has none): the fast check before the regular expressions.

    >>> has_surrogates("Robix"), has_surrogates("Straße"), has_surrogates("x\\udc80")
    (False, False, True)
    """
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class LineCounter:
    """Line numbers of increasing offsets into one text, in linear total time.

    >>> lines = LineCounter("a\nb\nc"); lines.at(0), lines.at(2), lines.at(4)
    (1, 2, 3)
    """

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line = text, 0, 1

    def at(self, pos: int) -> int:
        if pos < self.pos:  # rare (going back): count from the start again
            self.pos, self.line = 0, 1
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def first_bad_line(text: str) -> int | None:
    m = _SURROGATE.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def clean(text: Any) -> str:
    """Whitespace folded (API dumps wrap lines), control characters removed, lone
    surrogates replaced by U+FFFD. Values that are not text give ``""``: use
    :func:`scalar_text` / :func:`field_text` to accept numbers or lists."""
    if not isinstance(text, str):
        return scalar_text(text) or ""
    # the common case, already clean: printable (no control characters, no tabs, newlines,
    # Unicode separators or surrogates), no double space, nothing to strip
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    if has_surrogates(text):
        text = _ANY_SURROGATE.sub("\ufffd", text)
    return " ".join(_CONTROL.sub(" ", text).split())


def scalar_text(value: Any) -> str | None:
    """A string, or a finite number written out; None for anything else (lists, objects,
    booleans, NaN, infinity)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value) if -10**30 < value < 10**30 else None
    if isinstance(value, float) and math.isfinite(value):
        return repr(value) if not value.is_integer() else str(int(value))
    return None


def field_text(value: Any) -> str | None:
    """A title or abstract as text: a string, a number, or a list of strings (paragraphs)
    joined; None when the value is not text (an object, a list of objects...)."""
    if isinstance(value, (list, tuple)):
        parts = [scalar_text(v) for v in value]
        if not parts or any(p is None for p in parts):
            return None
        return clean(" ".join(parts))
    return scalar_text(value)


def as_int(value: Any) -> int | None:
    """An integer count (upvotes, authors): ints, integral finite floats, digit strings."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if abs(value) < 10**15 else None
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() and abs(value) < 1e15 else None
    if isinstance(value, str):
        s = value.strip()
        return int(s) if s.isascii() and s.lstrip("-").isdigit() and len(s) < 16 else None
    return None


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH_DATE = re.compile(r"^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_ANY_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def parse_date(raw: Any) -> tuple[str | None, int | None]:
    """(ISO date, year) from ISO timestamps, "Jan 9, 2024", "2024", "2024-05-01"...

    A date without a year ("Jul 10") gives (None, None): callers keep the raw text.
    """
    if raw is None:
        return None, None
    s = str(raw).strip()
    m = _ISO_DATE.match(s)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", int(m.group(1))
    m = _MONTH_DATE.match(s)
    if m and m.group(1).lower() in _MONTHS:
        y, mo, d = int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2))
        try:
            return _date(y, mo, d).isoformat(), y
        except ValueError:
            return None, y
    m = _YEAR_MONTH.match(s)
    if m:
        return (f"{m.group(1)}-{m.group(2)}-01" if m.group(2) else None), int(m.group(1))
    m = _ANY_YEAR.search(s)
    return None, (int(m.group(1)) if m else None)


def _name(v: Any) -> str:
    if isinstance(v, dict):
        v = next((v[k] for k in ("name", "id", "arxiv_id", "title") if isinstance(v.get(k), str) and v[k].strip()), "")
    return clean(v) if isinstance(v, str) else ""


def as_list(value: Any, *, names: bool = False) -> list[str]:
    """Authors / references given as a list (of strings, or of objects with ``name``/``id``),
    one such object, or a string separated by ``;``, ``|``, `` and `` or, for ``names``
    whose parts are full names ("Ada Lovelace, Alan Turing"), by commas. Other values
    give ``[]``."""
    if isinstance(value, str):
        if re.search(r";|\|| and ", value):
            parts = re.split(r"\s*(?:;|\|| and )\s*", value)
        elif names and "," in value and any(" " in p.strip() for p in value.split(",")):
            parts = value.split(",")  # "Ada Lovelace, Alan Turing"; not "Lovelace, Ada"
        else:
            parts = [value]
        return [c for c in (clean(p) for p in parts) if c]
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return []
    return [n for n in (clean(v) if type(v) is str else _name(v) for v in value) if n]


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", tuple: "a list", bool: "true/false"}.get(type(value), type(value).__name__)


def make_paper(source: str, *, title: Any, abstract: Any, arxiv_id: Any = None,
               doi: Any = None, authors: Iterable[str] = (), author_count: Any = None,
               date: Any = None, upvotes: Any = None, url: Any = None,
               project_url: Any = None, code_url: Any = None,
               references: Iterable[str] = (), undecodable: bool = True,
               lists_clean: bool = False) -> Paper | Skip:
    """Validate one record and turn it into a :class:`Paper`, or a :class:`Skip` saying why.

    ``undecodable``: surrogates in the title/abstract stand for bytes that were not UTF-8
    (true for every reader but JSON, whose ``"\\ud800"`` escapes are cleaned to U+FFFD).
    ``lists_clean``: ``authors`` and ``references`` are :func:`as_list` results (cleaned,
    none empty: cleaning again would change nothing).
    """
    if undecodable and bad_utf8(title, abstract):
        return Skip(source, "not UTF-8: undecodable bytes in this record")
    raw_title, raw_abstract = title, abstract
    title, abstract = field_text(title), field_text(abstract)
    if title is None and raw_title not in (None, "", [], {}):
        return Skip(source, f"title is not text: got {_kind(raw_title)}")
    if not title:
        return Skip(source, "no title")
    if abstract is None and raw_abstract not in (None, "", [], {}):
        return Skip(source, f"abstract is not text: got {_kind(raw_abstract)} ({title[:60]!r})")
    if not abstract:
        return Skip(source, f"no abstract: {title[:60]!r}")
    url_ = scalar_text(url)
    arxiv_ = scalar_text(arxiv_id)
    arxiv = parse_arxiv_id(arxiv_) if arxiv_ else None
    if not arxiv and url_ and "arxiv" in url_:
        arxiv = parse_arxiv_id(url_)
    doi_ = scalar_text(doi)
    doi_ = parse_doi(doi_) if doi_ else None
    date_ = scalar_text(date)
    iso, year = parse_date(date_)
    raw = date_ or None
    authors = list(authors) if lists_clean else [a for a in (clean(a) for a in authors) if a]
    page = url_ or None
    if not page and arxiv:
        page = f"https://arxiv.org/abs/{arxiv}"
    count = as_int(author_count)
    return Paper(
        id=paper_id(arxiv_id=arxiv, doi=doi_, title=title, abstract=abstract),
        title=title,
        abstract=abstract,
        arxiv_id=arxiv,
        doi=doi_,
        authors=authors,
        author_count=count if count is not None and count >= 0 else (len(authors) or None),
        date=iso,
        date_raw=raw if (raw and not iso) else None,
        year=year,
        upvotes=as_int(upvotes),
        url=page,
        project_url=scalar_text(project_url) or None,
        code_url=scalar_text(code_url) or None,
        references=list(references) if lists_clean else [r for r in (clean(r) for r in references) if r],
        sources=[source],
    )


def lower_keys(record: dict) -> dict:
    """The record with keys lower-cased and stripped (``Title`` -> ``title``)."""
    return {(k.lower().strip() if isinstance(k, str) else str(k).lower()): v for k, v in record.items()}


def pick(lower: dict, *names: str) -> Any:
    """The first present, non-empty field among ``names`` of a :func:`lower_keys` record."""
    for n in names:
        v = lower.get(n)
        if v is not None and not (isinstance(v, (str, list, dict)) and not v):
            return v
    return None


def paper_from_record(record: dict, source: str, *, undecodable: bool = True) -> Paper | Skip:
    """A generic title/abstract record (JSON, JSONL, CSV, BibTeX fields)."""
    if not isinstance(record, dict):
        return Skip(source, f"not an object with title and abstract (got {type(record).__name__})")
    record = lower_keys(record)
    ident = scalar_text(pick(record, "arxiv_id", "arxiv", "eprint", "id"))
    arxiv = parse_arxiv_id(ident) if ident else None
    doi = pick(record, "doi") or (ident if ident and ident.startswith("10.") else None)
    authors = pick(record, "authors", "author")
    count = as_int(authors)
    if count is not None or isinstance(authors, (int, float)):
        authors = None
    return make_paper(
        source,
        title=pick(record, "title"),
        abstract=pick(record, "abstract", "summary"),
        arxiv_id=arxiv,
        doi=doi,
        authors=as_list(authors, names=True),
        author_count=count,
        date=pick(record, "date", "published", "publishedat", "year"),
        upvotes=pick(record, "upvotes"),
        url=pick(record, "url", "link"),
        project_url=pick(record, "project_url", "projectpage", "project"),
        code_url=pick(record, "code_url", "githubrepo", "github", "code"),
        references=as_list(pick(record, "references", "refs", "cites")),
        undecodable=undecodable,
        lists_clean=True,
    )
