"""What every reader shares: decoding, record -> Paper, and the Reader protocol.

A reader is a module with ``NAME``, ``sniff(text) -> bool`` and
``read(path, text) -> Iterator[Paper | Skip]``; register it in
:data:`graphkit.readers.READERS`. Readers never raise on bad records: they yield a
:class:`~graphkit.model.Skip` naming the file and line (or record) instead.
"""

from __future__ import annotations

import re
from datetime import date as _date
from typing import Any, Iterable

from graphkit.ids import paper_id, parse_arxiv_id, parse_doi
from graphkit.model import Paper, Skip

_SURROGATE = re.compile(r"[\udc80-\udcff]")
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
    return any(isinstance(v, str) and _SURROGATE.search(v) for v in values)


def first_bad_line(text: str) -> int | None:
    m = _SURROGATE.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None




def clean(text: Any) -> str:
    """Whitespace folded (API dumps wrap lines), control characters removed."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    # the common case, already clean: printable (no control characters, no tabs, newlines
    # or Unicode separators), no double space, nothing to strip
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(_CONTROL.sub(" ", text).split())


def parse_date(raw: Any) -> tuple[str | None, int | None]:
    """(ISO date, year) from ISO timestamps, "Jan 9, 2024", "2024", "2024-05-01"...

    A date without a year ("Jul 10") gives (None, None): callers keep the raw text.
    """
    if raw is None:
        return None, None
    s = str(raw).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", int(m.group(1))
    m = re.match(r"^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$", s)
    if m and m.group(1).lower() in _MONTHS:
        y, mo, d = int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2))
        try:
            return _date(y, mo, d).isoformat(), y
        except ValueError:
            return None, y
    m = re.match(r"^(\d{4})(?:-(\d{2}))?$", s)
    if m:
        return (f"{m.group(1)}-{m.group(2)}-01" if m.group(2) else None), int(m.group(1))
    m = re.search(r"\b(19\d\d|20\d\d)\b", s)
    return None, (int(m.group(1)) if m else None)


def as_list(value: Any) -> list[str]:
    """Authors / references given as a list, a list of dicts with ``name``/``id``, or a
    string separated by ``;``, `` and `` or ``|``."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [p.strip() for p in re.split(r"\s*(?:;|\|| and )\s*", value) if p.strip()]
    out = []
    for v in value if isinstance(value, (list, tuple)) else [value]:
        if isinstance(v, dict):
            v = v.get("name") or v.get("id") or v.get("arxiv_id") or v.get("title") or ""
        v = clean(v)
        if v:
            out.append(v)
    return out


def make_paper(source: str, *, title: Any, abstract: Any, arxiv_id: Any = None,
               doi: Any = None, authors: Iterable[str] = (), author_count: int | None = None,
               date: Any = None, upvotes: Any = None, url: Any = None,
               project_url: Any = None, code_url: Any = None,
               references: Iterable[str] = ()) -> Paper | Skip:
    """Validate one record and turn it into a :class:`Paper`, or a :class:`Skip` saying why."""
    if bad_utf8(title, abstract):
        return Skip(source, "not UTF-8: undecodable bytes in this record")
    title, abstract = clean(title), clean(abstract)
    if not title:
        return Skip(source, "no title")
    if not abstract:
        return Skip(source, f"no abstract: {title[:60]!r}")
    arxiv = parse_arxiv_id(clean(arxiv_id)) if arxiv_id else None
    if not arxiv and url and "arxiv" in str(url):
        arxiv = parse_arxiv_id(str(url))
    doi_ = parse_doi(clean(doi)) if doi else None
    iso, year = parse_date(date)
    raw = clean(date) or None
    authors = [a for a in (clean(a) for a in authors) if a]
    try:
        upv = int(upvotes) if upvotes not in (None, "") else None
    except (TypeError, ValueError):
        upv = None
    page = clean(url) or None
    if not page and arxiv:
        page = f"https://arxiv.org/abs/{arxiv}"
    return Paper(
        id=paper_id(arxiv_id=arxiv, doi=doi_, title=title),
        title=title,
        abstract=abstract,
        arxiv_id=arxiv,
        doi=doi_,
        authors=authors,
        author_count=author_count if author_count is not None else (len(authors) or None),
        date=iso,
        date_raw=raw if (raw and not iso) else None,
        year=year,
        upvotes=upv,
        url=page,
        project_url=clean(project_url) or None,
        code_url=clean(code_url) or None,
        references=list(references),
        sources=[source],
    )


def lower_keys(record: dict) -> dict:
    """The record with keys lower-cased and stripped (``Title`` -> ``title``)."""
    return {(k.lower().strip() if isinstance(k, str) else str(k).lower()): v for k, v in record.items()}


def pick(lower: dict, *names: str) -> Any:
    """The first present, non-empty field among ``names`` of a :func:`lower_keys` record."""
    for n in names:
        v = lower.get(n)
        if v not in (None, "", []):
            return v
    return None


def paper_from_record(record: dict, source: str) -> Paper | Skip:
    """A generic title/abstract record (JSON, JSONL, CSV, BibTeX fields)."""
    if not isinstance(record, dict):
        return Skip(source, f"not an object with title and abstract (got {type(record).__name__})")
    record = lower_keys(record)
    ident = pick(record, "arxiv_id", "arxiv", "eprint", "id")
    arxiv = parse_arxiv_id(str(ident)) if ident is not None else None
    doi = pick(record, "doi") or (str(ident) if ident and str(ident).startswith("10.") else None)
    authors = pick(record, "authors", "author")
    count = None
    if isinstance(authors, (int, float)) or (isinstance(authors, str) and authors.strip().isdigit()):
        count, authors = int(authors), None
    return make_paper(
        source,
        title=pick(record, "title"),
        abstract=pick(record, "abstract", "summary"),
        arxiv_id=arxiv,
        doi=doi,
        authors=as_list(authors),
        author_count=count,
        date=pick(record, "date", "published", "publishedat", "year"),
        upvotes=pick(record, "upvotes"),
        url=pick(record, "url", "link"),
        project_url=pick(record, "project_url", "projectpage", "project"),
        code_url=pick(record, "code_url", "githubrepo", "github", "code"),
        references=as_list(pick(record, "references", "refs", "cites")),
    )
