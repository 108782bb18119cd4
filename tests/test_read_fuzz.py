"""Property-based: arbitrary JSON values and Unicode through every reader, the merge
and the extractor never crash, and every record is accounted for (a paper or a skip).

Over 10,000 generated cases in all (see ``N``); each reader reads a real file through
:func:`graphkit.readers.read_file`, then the papers go through :class:`PaperIndex`.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.model import Paper, ReadReport, Skip
from graphkit.readers import PaperIndex, read_file

N = {"jsonl": 1700, "json_list": 1000, "json_object": 400, "hf_api": 900, "csv": 600,
     "bibtex": 500, "hf_page": 700, "any_bytes": 2200, "extractor": 200}
"""Examples per property."""
FILES = {"json_object": 2, "csv": 2, "bibtex": 3}
"""Files (cases) read per example where more than one: 10,000 cases in all."""
SCALE = float(os.environ.get("GRAPHKIT_FUZZ_SCALE", "1"))


def fuzz(n: int):
    return settings(max_examples=max(1, int(n * SCALE)), deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


# --- strategies ---------------------------------------------------------------------

SPECIAL = ["\n", "\r", "\r\n", "\t", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x00", "\x1f", "\x7f",
           "\ufeff", "\ufffe", "\uffff", "\ud800", "\udfff", "\udc80", "\ud83d", "İ", "ß", "ﬁ", "e\u0301",
           "{", "}", "\\", "@", "#", '"', "'", ",", ";", "|", " and ", "%", "$", "~", "=", "[", "]",
           "\\'e", "\\ss", "{\\o}", "\\\"o", "\\textbf{", "@string{", "中文", "Русский", "日本語", "!!!",
           "2405.15738", "10.1234/x", "https://arxiv.org/abs/2401.00001", " ", "  ", "NaN", "1e999"]
special = st.sampled_from(SPECIAL)
text = st.one_of(special, st.text(st.characters(exclude_categories=()), max_size=8),  # surrogates too
                 st.tuples(st.text(max_size=4), special, st.text(max_size=4)).map("".join))
FIELDS = ["title", "abstract", "summary", "authors", "author", "upvotes", "arxiv_id", "arxiv", "eprint",
          "id", "doi", "date", "published", "publishedAt", "year", "url", "link", "references", "refs",
          "project_url", "code_url", "Title", " ABSTRACT ", "papers", "paper", "name", "hidden"]
keys = st.one_of(st.sampled_from(FIELDS), text)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=-2**70, max_value=2**70),
                    st.floats(allow_nan=True, allow_infinity=True), text)
json_values = st.recursive(scalars, lambda c: st.lists(c, max_size=3) | st.dictionaries(keys, c, max_size=3),
                           max_leaves=4)
prose = st.one_of(text, st.tuples(st.sampled_from(["We introduce PokéBench, a benchmark.", "Robix"]), text)
                  .map(" ".join))
field_value = st.one_of(prose, json_values)
records = st.one_of(
    st.builds(lambda t, a, more: {**more, "title": t, "abstract": a}, field_value, field_value,
              st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=2)),
    st.dictionaries(keys, json_values, max_size=3),
    json_values,
)


def dump(obj, ascii_: bool) -> str:
    return json.dumps(obj, ensure_ascii=ascii_, allow_nan=True)


def encode(s: str) -> bytes:
    return s.encode("utf-8", "surrogatepass")  # raw surrogates = bytes that are not UTF-8


# --- the property -------------------------------------------------------------------

_TMP = Path(tempfile.mkdtemp(prefix="graphkit-fuzz-"))
_SURR = re.compile(r"[\ud800-\udfff]")


def check_text(s, what):
    assert isinstance(s, str), what
    assert not _SURR.search(s), f"{what} holds a lone surrogate"
    s.encode("utf-8")


def read_bytes(name: str, data: bytes) -> tuple[list[Paper], list[Skip]]:
    """Read ``data`` as a file called ``name``; check every paper is well-formed."""
    path = _TMP / name
    path.write_bytes(data)
    report = ReadReport()
    papers, skips = [], []
    for item in read_file(path, report):
        (skips if isinstance(item, Skip) else papers).append(item)
    index = PaperIndex()
    for p in papers:
        index.add(p)
    ids = [p.id for p in index.papers]
    assert len(ids) == len(set(ids)), "two papers kept apart share one id"
    for p in papers:
        check_text(p.title, "title")
        check_text(p.abstract, "abstract")
        assert p.title.strip() and p.abstract.strip() and p.id
        assert isinstance(p.authors, list) and isinstance(p.references, list)
        for a in p.authors + p.references:
            check_text(a, "author/reference")
        for f in ("arxiv_id", "doi", "date", "date_raw", "url", "project_url", "code_url"):
            v = getattr(p, f)
            if v is not None:
                check_text(v, f)
        for f in ("upvotes", "author_count", "year"):
            v = getattr(p, f)
            assert v is None or (type(v) is int), f"{f} = {v!r}"
        json.dumps(p.to_dict(), ensure_ascii=False, allow_nan=False).encode("utf-8")
    for s in skips:
        check_text(s.source, "skip source") if not _SURR.search(str(path)) else None
        check_text(s.reason, "skip reason")
    return papers, skips


@fuzz(N["jsonl"])
@given(st.lists(st.tuples(records, st.booleans()), min_size=1, max_size=3))
def test_jsonl(recs):
    lines = [dump(r, a) for r, a in recs]
    papers, skips = read_bytes("f.jsonl", encode("\n".join(lines) + "\n"))
    # one record per line: a paper or a skip for each, never more, never fewer
    # (a file that starts with an object and has more lines is JSONL)
    if isinstance(recs[0][0], dict) and len(recs) > 1:
        assert len(papers) + len(skips) == len(lines)


@fuzz(N["json_list"])
@given(st.lists(records, max_size=3), st.booleans(), st.sampled_from([None, 0, 1, 2]))
def test_json_list(recs, ascii_, indent):
    s = json.dumps(recs, ensure_ascii=ascii_, allow_nan=True, indent=indent)
    papers, skips = read_bytes("f.json", encode(s))
    assert len(papers) + len(skips) == max(len(recs), 1)  # "[]" is one skip: no records


@fuzz(N["json_object"])
@given(st.sampled_from(["papers", "records", "data", "items"]), st.lists(records, max_size=3), records)
def test_json_object(key, recs, extra):
    read_bytes("f.json", encode(dump({key: recs, "meta": extra}, False)))
    read_bytes("g.json", encode(dump(extra, False) if isinstance(extra, dict) else "{}"))


api_items = st.fixed_dictionaries(
    {"paper": st.one_of(st.fixed_dictionaries(
        {"id": st.one_of(st.sampled_from(["2405.15738", "2401.00001v2"]), json_values),
         "title": field_value, "summary": field_value},
        optional={"authors": st.one_of(json_values, st.lists(st.fixed_dictionaries(
            {"name": json_values}, optional={"hidden": json_values}), max_size=3)),
                  "upvotes": json_values, "publishedAt": json_values, "githubRepo": json_values,
                  "projectPage": json_values}), json_values)},
    optional={"title": json_values, "summary": json_values, "publishedAt": json_values})


@fuzz(N["hf_api"])
@given(st.lists(api_items, min_size=1, max_size=3))
def test_hf_api(items):
    papers, skips = read_bytes("api.json", encode(json.dumps(items, allow_nan=True, indent=1)))
    assert len(papers) + len(skips) == len(items)


cell = st.one_of(prose, text, st.sampled_from(["NaN", "inf", "1e999", "12", "-3", "9" * 5000, ""]))


@fuzz(N["csv"])
@given(st.lists(st.sampled_from(["title", "abstract", "summary", "authors", "upvotes", "arxiv_id",
                                 "year", "Title", "x"]), min_size=1, max_size=5, unique=True),
       st.lists(st.lists(cell, max_size=6), max_size=5), st.sampled_from([",", "\t", ";"]), text)
def test_csv(header, rows, delim, tail):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    read_bytes("f.csv", encode(buf.getvalue()))
    read_bytes("g.csv", encode(delim.join(header) + "\n" + tail))


bib_value = st.one_of(prose, text, st.sampled_from(["{Pok\\'eChamp}", "{\\ss}", "{\\o}", "a # b", "{{{x}}}",
                                                    "{unclosed", "}", '"quoted"', "jan", "1e999"]))
bib_field = st.tuples(st.sampled_from(["title", "abstract", "author", "year", "eprint", "doi", "url",
                                       "month", "Title", "x-y"]), bib_value,
                      st.sampled_from(["{}", '""', "", "#"]))


def bib_entry(kind, key, fields):
    parts = []
    for name, value, quote in fields:
        if quote == "{}":
            parts.append(f"  {name} = {{{value}}}")
        elif quote == '""':
            parts.append(f'  {name} = "{value}"')
        elif quote == "#":
            parts.append(f'  {name} = "{value}" # {{{value}}}')
        else:
            parts.append(f"  {name} = {value}")
    return f"@{kind}{{{key},\n" + ",\n".join(parts) + "\n}\n"


@fuzz(N["bibtex"])
@given(st.lists(st.tuples(st.sampled_from(["article", "misc", "string", "comment", "preamble", "Inproceedings"]),
                          st.one_of(st.sampled_from(["k1", "k2", ""]), text),
                          st.lists(bib_field, max_size=5)), min_size=1, max_size=4), text)
def test_bibtex(entries, tail):
    body = "\n".join(bib_entry(*e) for e in entries)
    read_bytes("f.bib", encode(body))
    read_bytes("g.bib", encode(body + tail))
    read_bytes("h.bib", encode("@article{x,\n title={" + tail + "},\n abstract={" + body + "}\n}\n"))


page_line = st.one_of(prose, text, st.sampled_from(["• 3 authors", "· ", "Jul 10", "Jan 9, 2024 12",
                                                    "• " + "9" * 5000 + " authors", "Jul 10 " + "9" * 5000,
                                                    "We propose a method for robots. " * 3]))


@fuzz(N["hf_page"])
@given(st.lists(page_line, max_size=12))
def test_hf_page(lines):
    read_bytes("page.txt", encode("Daily Papers\n" + "\n".join(lines)))


@fuzz(N["any_bytes"])
@given(st.one_of(st.binary(max_size=300), st.lists(st.sampled_from(
    [b"[", b"{", b"]", b"}", b"@article{", b"title", b"abstract", b",", b":", b'"', b"\n", b"\xff",
     b"\xed\xa0\x80", b"\xef\xbb\xbf", b"NaN", b"1e999", b"[" * 3000, b"{\"a\":" * 2000]), max_size=20).map(b"".join)))
def test_any_bytes(data):
    read_bytes("blob", data)


# --- the extractor on what the readers let through -----------------------------------

@pytest.fixture(scope="module")
def extractor():
    from graphkit.extract import Extractor
    return Extractor()


@fuzz(N["extractor"])
@given(records)
def test_extractor(extractor, rec):
    papers, _ = read_bytes("x.jsonl", encode(dump(rec, False) + "\n" + dump(rec, True) + "\n"))
    for p in papers:
        ex = extractor.extract_one(p)
        for m in (m for e in ex.entities for m in e.mentions):
            assert 0 <= m.start <= m.end <= len(p.text)


def test_case_budget():
    assert sum(n * FILES.get(k, 1) for k, n in N.items()) >= 10_000
