"""First cut of the extraction API (replaced by the spaCy pipeline)."""

from __future__ import annotations

import hashlib
import re
from typing import Callable, Iterable, Iterator, Sequence

from graphkit.model import ExtractedEntity, Mention, Paper, PaperExtraction

EXTRACTOR_VERSION = "0.0-first-cut"
_NAME = re.compile(r"\b(?:[A-Z][a-z]+[A-Z]\w*|[A-Z]{2,}[\w\-]*|\w+-\d[\w.\-]*)\b")


def text_hash(paper: Paper, version: str = EXTRACTOR_VERSION) -> str:
    return hashlib.sha1(f"{version}\0{paper.text}".encode()).hexdigest()[:16]


class Extractor:
    """Holds the loaded pipeline; ``extract`` streams one result per paper."""

    def __init__(self, gazetteers: Sequence[str] = ()) -> None:
        self.gazetteers = list(gazetteers)
        self.version = EXTRACTOR_VERSION

    def extract_one(self, paper: Paper) -> PaperExtraction:
        text = paper.text
        found: dict[str, ExtractedEntity] = {}
        m = re.match(r"^([A-Z][\w\-.]+(?: [A-Z][\w\-.]+)?)\s*:", paper.title)
        if m:
            found[m.group(1).lower()] = ExtractedEntity(m.group(1), "Method", introduced=True, source="title")
        for m in _NAME.finditer(text):
            e = found.setdefault(m.group(0).lower(), ExtractedEntity(m.group(0), "Method", source="shape"))
            e.count += 1
            e.mentions.append(Mention(m.group(0), m.start(), m.end(), text.count(".", 0, m.start())))
        return PaperExtraction(paper.id, paper.title, list(found.values()), text_hash(paper, self.version))

    def extract(self, papers: Iterable[Paper], *, on_paper: Callable[[], None] | None = None
                ) -> Iterator[PaperExtraction]:
        for p in papers:
            yield self.extract_one(p)
            if on_paper:
                on_paper()


def extract_papers(papers: Iterable[Paper], *, gazetteers: Sequence[str] = ()) -> list[PaperExtraction]:
    """Extract entities from every paper (one :class:`PaperExtraction` each, same order)."""
    return list(Extractor(gazetteers).extract(papers))
