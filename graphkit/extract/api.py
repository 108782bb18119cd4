"""The extraction API: :class:`Extractor` (a loaded pipeline) and :func:`extract_papers`.

>>> from graphkit.model import Paper
>>> ex = Extractor()
>>> r = ex.extract_one(Paper("p1", "Robix: A Unified Model", "We present Robix, compared with GPT-4o."))
>>> [(e.name, e.type, e.introduced) for e in r.entities]
[('Robix', 'Method', True), ('GPT-4o', 'Method', False)]
"""

from __future__ import annotations

import hashlib
from itertools import islice
from typing import Callable, Iterable, Iterator, Sequence

from graphkit.extract.components import STATE_KEY, build_nlp, new_state
from graphkit.extract.gazetteer import Gazetteer
from graphkit.model import Paper, PaperExtraction

PIPELINE_VERSION = "1.0"
BATCH_SIZE = 256


def _code_hash() -> str:
    """Hash of this package's source, so any change to the rules changes the version."""
    from importlib import resources

    h = hashlib.sha1()
    pkg = resources.files("graphkit.extract")
    for f in sorted((f for f in pkg.iterdir() if f.name.endswith(".py")), key=lambda f: f.name):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:8]


EXTRACTOR_VERSION = f"{PIPELINE_VERSION}.{_code_hash()}"  # + the gazetteer hash per Extractor


def text_hash(paper: Paper, version: str = EXTRACTOR_VERSION) -> str:
    """Key of the extraction cache: the paper's text and the extractor version."""
    return hashlib.sha1(f"{version}\0{paper.text}".encode()).hexdigest()[:16]


class Extractor:
    """A loaded pipeline; ``.version`` changes with the rules, packaged data or user gazetteers."""

    def __init__(self, gazetteers: Sequence[str] = (), *, spans: bool = False) -> None:
        self.gazetteers = [str(g) for g in gazetteers]
        self.gazetteer = Gazetteer.load(self.gazetteers)
        self.version = f"{EXTRACTOR_VERSION}+{self.gazetteer.version}"
        self.nlp = build_nlp(self.gazetteer, spans=spans)

    def _docs(self, papers: Sequence[Paper]):
        for p in papers:
            st = new_state(p.title or "", p.abstract or "")
            doc = self.nlp.make_doc(st.text)
            doc.user_data[STATE_KEY] = st  # doc._.graphkit = st
            yield doc

    def extract(self, papers: Iterable[Paper], *, on_paper: Callable[..., None] | None = None
                ) -> Iterator[PaperExtraction]:
        """One :class:`PaperExtraction` per paper, in order (streams in batches, in this
        process: spaCy's ``n_process=2`` was measured far slower on 2 cores; for big inputs
        :func:`graphkit.pipeline.extract_parallel` forks workers that each call this)."""
        it = iter(papers)
        batch = list(islice(it, BATCH_SIZE))
        while batch:
            yield from self._run(batch, on_paper)
            batch = list(islice(it, BATCH_SIZE))

    def _run(self, papers: list[Paper], on_paper) -> Iterator[PaperExtraction]:
        for p, doc in zip(papers, self.nlp.pipe(self._docs(papers), batch_size=BATCH_SIZE)):
            yield PaperExtraction(p.id, p.title, doc.user_data[STATE_KEY].entities, text_hash(p, self.version))
            if on_paper:
                on_paper()

    def extract_one(self, paper: Paper) -> PaperExtraction:
        return next(self.extract([paper]))


def extract_papers(papers: Iterable[Paper], *, gazetteers: Sequence[str] = ()) -> list[PaperExtraction]:
    """Extract entities from every paper (one :class:`PaperExtraction` each, same order)."""
    return list(Extractor(gazetteers).extract(papers))
