"""Hugging Face Daily Papers page text dumps (``../shared/corpora/seeds/*.txt``).

Layout: site boilerplate, an optional page date, then per paper a title line, the
abstract paragraph and optionally ``• N authors`` / ``·`` / ``DATE [UPVOTES]`` lines.
"""

from __future__ import annotations

import re
from typing import Iterator

from graphkit.model import Paper, Skip
from graphkit.readers.base import make_paper

NAME = "hf-page"

_BOILERPLATE = {
    "new", "get trending papers in your email inbox!", "subscribe", "daily papers",
    "byak and the research community", "by ak and the research community",
}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATE_LINE = re.compile(rf"^{_MONTH}\s+\d{{1,2}}(?:,\s*(\d{{4}}))?(?:\s+(\d{{1,9}}))?$")
_AUTHORS = re.compile(r"^[•·\-*]?\s*(\d{1,6})\s+authors?$")
_DOT = re.compile(r"^[·•]$")


def sniff(text: str) -> bool:
    head = text[:4000].lower()
    if "daily papers" in head or "research community" in head or "get trending papers" in head:
        return True
    return bool(re.search(r"^\s*•\s*\d+\s+authors?\s*$", text[:20000], re.M))


def _is_abstract(line: str) -> bool:
    """Abstracts are long prose; titles are short and rarely end with a full stop."""
    words = len(line.split())
    return words >= 40 or (words >= 12 and line.rstrip().endswith((".", ".)", "!", "?")))


def read(path: str, text: str) -> Iterator[Paper | Skip]:
    lines = [(n, l.strip()) for n, l in enumerate(text.split("\n"), 1)]
    lines = [(n, l) for n, l in lines if l]
    i = 0
    # leading boilerplate and the page date
    while i < len(lines) and (lines[i][1].lower() in _BOILERPLATE or _DATE_LINE.match(lines[i][1])):
        i += 1
    entry: dict | None = None

    def flush() -> Iterator[Paper | Skip]:
        if entry is not None:
            yield make_paper(f"{path}:{entry['line']}", title=entry["title"],
                             abstract=entry.get("abstract"), author_count=entry.get("n_authors"),
                             date=entry.get("date"), upvotes=entry.get("upvotes"))

    while i < len(lines):
        n, line = lines[i]
        i += 1
        if m := _AUTHORS.match(line):
            if entry is not None:
                entry["n_authors"] = int(m.group(1))
            continue
        if _DOT.match(line):
            continue
        if (m := _DATE_LINE.match(line)) and entry is not None and "abstract" in entry:
            date = line[: m.start(2)].strip() if m.group(2) else line
            entry["date"] = date
            if m.group(2):
                entry["upvotes"] = int(m.group(2))
            continue
        if entry is not None and "abstract" not in entry and _is_abstract(line):
            entry["abstract"] = line
            continue
        if entry is not None and "abstract" in entry and _is_abstract(line) and "date" not in entry \
                and entry.get("n_authors") is None:
            entry["abstract"] += " " + line  # an abstract broken over several lines
            continue
        yield from flush()
        entry = {"line": n, "title": line}
    yield from flush()
