"""The extraction API: :class:`Extractor` (a loaded pipeline) and :func:`extract_papers`.

>>> from graphkit.model import Paper
>>> ex = Extractor()
>>> r = ex.extract_one(Paper("p1", "Robix: A Unified Model", "We present Robix, compared with GPT-4o."))
>>> [(e.name, e.type, e.introduced) for e in r.entities]
[('Robix', 'Method', True), ('GPT-4o', 'Method', False)]
"""

from __future__ import annotations

import hashlib
from typing import Callable, Iterable, Iterator, Sequence

from graphkit.extract.gazetteer import Gazetteer
from graphkit.extract.stages import MAX_CHARS, new_state, split_sentences
from graphkit.extract.steps import run_steps
from graphkit.model import ExtractedEntity, Mention, Paper, PaperExtraction

PIPELINE_VERSION = "1.0"


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
    # "surrogatepass": a lone surrogate in a title must not crash extraction
    return hashlib.sha1(f"{version}\0{paper.text}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def windows(abstract: str, size: int = MAX_CHARS) -> list[tuple[int, str]]:
    """``abstract`` cut into pieces of at most ``size`` characters at sentence ends (else at a
    blank), as (offset, piece): long texts are extracted window by window, nothing is lost.

    >>> windows("One. Two. Three.", 10)
    [(0, 'One. Two. '), (10, 'Three.')]
    """
    out, i, n = [], 0, len(abstract)
    while n - i > size:
        j = abstract.rfind(". ", i + size // 2, i + size - 1)
        j = j + 2 if j >= 0 else (abstract.rfind(" ", i + size // 2, i + size) + 1 or i + size)
        out.append((i, abstract[i:j]))
        i = j
    out.append((i, abstract[i:]))
    return out


def _merge(p: Paper, parts: list[tuple[int, list[ExtractedEntity]]]) -> list[ExtractedEntity]:
    """The entities of a paper's windows as one list: offsets into ``p.text``, one entity
    per (type, name), title mentions counted once (window 0 holds the title)."""
    from graphkit.extract.sentences import sentence_of

    st = new_state(p.title or "", p.abstract or "")
    split_sentences(st)
    base = len(p.title or "") + 2  # where the abstract starts in p.text
    out: dict[tuple[str, str], ExtractedEntity] = {}
    for k, (shift, ents) in enumerate(parts):
        for e in ents:
            ms = []
            for m in e.mentions:
                if k == 0:
                    ms.append(m)
                elif m.start >= 2:  # window k > 0 is "\n\n" + piece, no title
                    s0, e0 = m.start - 2 + base + shift, m.end - 2 + base + shift
                    ms.append(Mention(m.text, s0, e0, sentence_of(st.starts, s0), m.rule, m.type_cues))
            if not ms:
                continue
            have = out.get((e.type, e.name))
            if have is None:
                e.mentions, e.count = ms, len(ms)
                out[(e.type, e.name)] = e
                continue
            have.mentions += ms
            have.count = len(have.mentions)
            have.introduced = have.introduced or e.introduced
            have.aliases += [a for a in e.aliases if a not in have.aliases]
            for t, w in e.type_votes.items():
                have.type_votes[t] = round(have.type_votes.get(t, 0.0) + w, 3)
    return sorted(out.values(), key=lambda e: e.mentions[0].start)


class Extractor:
    """A loaded pipeline; ``.version`` changes with the rules, packaged data or user gazetteers.

    It runs the steps of :mod:`graphkit.extract.steps` directly, without importing spaCy;
    :attr:`nlp` is the same pipeline as a ``spacy.Language`` (built on first use).
    """

    def __init__(self, gazetteers: Sequence[str] = (), *, spans: bool = False) -> None:
        self.gazetteers = [str(g) for g in gazetteers]
        self.gazetteer = Gazetteer.load(self.gazetteers)
        self.version = f"{EXTRACTOR_VERSION}+{self.gazetteer.version}"
        self._spans = spans
        self._nlp = None

    @property
    def nlp(self):
        """The spaCy pipeline of the same components and gazetteer (imports spaCy)."""
        if self._nlp is None:
            from graphkit.extract.components import build_nlp

            self._nlp = build_nlp(self.gazetteer, spans=self._spans)
        return self._nlp

    @staticmethod
    def _parts(p: Paper) -> list[tuple[str, str, int]]:
        """(title, abstract piece, offset of the piece) to extract: one, or windows of a long text."""
        title, abstract = p.title or "", p.abstract or ""
        if len(abstract) <= MAX_CHARS:
            return [(title, abstract, 0)]
        return [(title if i == 0 else "", piece, shift) for i, (shift, piece) in enumerate(windows(abstract))]

    def extract(self, papers: Iterable[Paper], *, on_paper: Callable[..., None] | None = None
                ) -> Iterator[PaperExtraction]:
        """One :class:`PaperExtraction` per paper, in order, in this process (for big inputs
        :func:`graphkit.pipeline.extract_parallel` forks workers that each call this).
        Texts longer than ``MAX_CHARS`` are extracted in windows (:func:`windows`)."""
        return self._run(papers, on_paper)

    def states(self, papers: Iterable[Paper]) -> Iterator[tuple[Paper, list]]:
        """Each paper with the :class:`~graphkit.extract.candidates.DocState` of each of its windows."""
        gaz = self.gazetteer
        for p in papers:
            yield p, [(shift, run_steps(new_state(title, abstract), gaz)) for title, abstract, shift in self._parts(p)]

    def _run(self, papers: list[Paper], on_paper) -> Iterator[PaperExtraction]:
        for p, sts in self.states(papers):
            if len(sts) == 1:
                ents = sts[0][1].entities
            else:
                ents = _merge(p, [(shift, st.entities) for shift, st in sts])
            yield PaperExtraction(p.id, p.title, ents, text_hash(p, self.version))
            if on_paper:
                on_paper()

    def extract_one(self, paper: Paper) -> PaperExtraction:
        return next(self.extract([paper]))


def extract_papers(papers: Iterable[Paper], *, gazetteers: Sequence[str] = ()) -> list[PaperExtraction]:
    """Extract entities from every paper (one :class:`PaperExtraction` each, same order)."""
    return list(Extractor(gazetteers).extract(papers))
