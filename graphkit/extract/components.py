"""spaCy components (``@Language.factory``), one rule stage each, and the pipeline builders.

Each component wraps one plain step of :mod:`graphkit.extract.steps`, the functions the
:class:`~graphkit.extract.api.Extractor` runs without spaCy: both give the same entities.

The components work on character offsets of ``doc.text`` and share a :class:`DocState` on
``doc._.graphkit``. ``graphkit_gazetteer`` holds the gazetteer (its resources, saved and
loaded with the pipeline by ``nlp.to_disk`` / ``spacy.load``; no process-global state) and
hands it to the later components through the doc's state. ``graphkit_spans`` writes the
entities to ``doc.spans["graphkit"]`` (``label_`` = type, ``span._.canonical``,
``span._.introduced``, ``span._.rule``, ``span._.type_cues``).

>>> nlp = load_pipeline()
>>> doc = nlp("Robix: A Unified Model\\n\\nWe present Robix and compare it with GPT-4o.")
>>> [(s.text, s.label_, s._.introduced, s._.rule) for s in doc.spans["graphkit"]]
[('Robix', 'Method', True, 'title_prefix'), ('Robix', 'Method', True, 'title_prefix'), ('GPT-4o', 'Method', False, 'gazetteer')]

Add them to a pipeline of your own (any language object whose ``doc.text`` is the paper's
title, a blank line and the abstract)::

    nlp = spacy.load("en_core_web_sm")
    for name in COMPONENTS + ["graphkit_spans"]:
        nlp.add_pipe(name, config={"files": ["my_gazetteer.tsv"]} if name == "graphkit_gazetteer" else {})
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from graphkit.extract import steps
from graphkit.extract.candidates import DocState
from graphkit.extract.gazetteer import Gazetteer
from graphkit.extract.stages import new_state
from graphkit.extract.steps import COMPONENTS, STEPS, Step

__all__ = ["build_nlp", "load_pipeline", "new_state", "Gazetteer", "COMPONENTS", "SPANS_KEY"]

SPANS_KEY = "graphkit"
if not Doc.has_extension("graphkit"):
    Doc.set_extension("graphkit", default=None)
for _ext, _default in (("canonical", None), ("introduced", False), ("rule", ""), ("type_cues", None)):
    if not Span.has_extension(_ext):
        Span.set_extension(_ext, default=_default)
STATE_KEY = ("._.", "graphkit", None, None)  # where spaCy keeps doc._.graphkit in doc.user_data


def _state(doc: Doc) -> DocState:
    st = doc.user_data.get(STATE_KEY)  # = doc._.graphkit, without building an Underscore
    if st is None:  # a bare doc: the whole text is the "title + abstract"
        title, _, abstract = doc.text.partition("\n\n")
        st = doc.user_data[STATE_KEY] = new_state(title, abstract)
    return st


def _stage_factory(step: Step):
    """Register ``step.name`` as a component that runs ``step.run`` on the doc's state (and
    the gazetteer the ``graphkit_gazetteer`` component put on it)."""
    name, run, gazetteer, summary = step

    def make(nlp: Language, name: str):
        if gazetteer:
            def component(doc: Doc) -> Doc:
                st = _state(doc)
                if st.gazetteer is None:
                    raise ValueError(f"{name} needs the graphkit_gazetteer component before it")
                run(st, st.gazetteer)
                return doc
        else:
            def component(doc: Doc) -> Doc:
                run(_state(doc))
                return doc
        return component
    make.__doc__ = summary
    return Language.factory(name)(make)


class GazetteerComponent:
    """``graphkit_gazetteer``: curated + user gazetteer mentions, one compiled pass.

    ``files`` are user TSVs added to the packaged ones; the loaded texts travel with the
    pipeline (``to_disk``/``from_disk``), so a saved pipeline needs no files.
    """

    def __init__(self, nlp: Language, name: str, files: Sequence[str] = (),
                 gazetteer: Gazetteer | None = None) -> None:
        self.name = name
        self.files = [str(f) for f in files]
        self._gaz = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:  # loaded on first use: spacy.load replaces it from disk first
            self._gaz = Gazetteer.load(self.files) if self.files else Gazetteer.packaged()
        return self._gaz

    def __call__(self, doc: Doc) -> Doc:
        steps.match_gazetteer(_state(doc), self.gazetteer)
        return doc

    def to_disk(self, path, *, exclude=()) -> None:
        self.gazetteer.to_disk(path)

    def from_disk(self, path, *, exclude=()) -> "GazetteerComponent":
        self._gaz = Gazetteer.from_disk(path)
        return self

    def to_bytes(self, *, exclude=()) -> bytes:
        import json

        return json.dumps({"files": self.gazetteer.files}, ensure_ascii=False).encode()

    def from_bytes(self, data: bytes, *, exclude=()) -> "GazetteerComponent":
        import json

        self._gaz = Gazetteer.from_texts([(n, t) for n, t in json.loads(data)["files"]])
        return self


@Language.factory("graphkit_gazetteer", default_config={"files": []})
def make_gazetteer(nlp: Language, name: str, files: list[str]) -> GazetteerComponent:
    """Curated + user gazetteer mentions, one compiled pass (the gazetteer is its resource)."""
    return GazetteerComponent(nlp, name, files)


# every other step is a component (the names below are the entry points of pyproject.toml)
_MAKERS = {s.name: _stage_factory(s) for s in STEPS if s.name != "graphkit_gazetteer"}
make_sentences = _MAKERS["graphkit_sentences"]
make_abbreviations = _MAKERS["graphkit_abbreviations"]
make_discovery = _MAKERS["graphkit_discovery"]
make_types = _MAKERS["graphkit_types"]
make_resolve = _MAKERS["graphkit_resolve"]


@Language.factory("graphkit_spans")
def make_spans(nlp: Language, name: str):
    """Every mention as a span in ``doc.spans["graphkit"]`` (label = type, ``span._.canonical``,
    ``span._.introduced``, ``span._.rule``, ``span._.type_cues``), token-aligned by expansion."""
    def component(doc: Doc) -> Doc:
        group = []
        for e in _state(doc).entities:
            for m in e.mentions:
                sp = doc.char_span(m.start, m.end, label=e.type, alignment_mode="expand")
                if sp is None:
                    continue
                sp._.canonical = e.name
                sp._.introduced = e.introduced
                sp._.rule = m.rule
                sp._.type_cues = list(m.type_cues)
                group.append(sp)
        group.sort(key=lambda s: (s.start_char, s.end_char))
        doc.spans[SPANS_KEY] = group
        return doc
    return component


class TextTokenizer:
    """A tokenizer that keeps the whole text as one token.

    The graphkit components work on character offsets of ``doc.text``, so spaCy's rule
    tokenizer (the slowest step when it is used) is optional: ``Extractor().nlp`` uses
    this one; :func:`load_pipeline` keeps spaCy's, for token-aligned ``doc.spans``.
    """

    RENEW = 1000  # texts per scratch vocab

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self._scratch, self._used = Vocab(), 0

    def __call__(self, text: str) -> Doc:
        if not text:
            return Doc(self.vocab, words=[])
        # a scratch vocab, renewed now and then: the shared one would keep every abstract
        self._used += 1
        if self._used > self.RENEW:
            self._scratch, self._used = Vocab(), 1
        return Doc(self._scratch, words=[text], spaces=[False])


def build_nlp(gaz: Gazetteer | None = None, *, spans: bool = False, tokenize: bool = False,
              files: Sequence[str] = ()) -> Language:
    """``spacy.blank("en")`` + the graphkit components, the gazetteer component holding ``gaz``
    (default: the packaged one plus ``files``). ``spans=True`` adds ``graphkit_spans``.

    ``tokenize=False`` (default, without spans) swaps spaCy's rule tokenizer for :class:`TextTokenizer`.
    """
    nlp = spacy.blank("en")
    if not tokenize and not spans:
        nlp.tokenizer = TextTokenizer(nlp.vocab)
    for c in COMPONENTS:
        cfg = {"files": [str(f) for f in files]} if c == "graphkit_gazetteer" else {}
        nlp.add_pipe(c, config=cfg)
    if gaz is not None:
        nlp.get_pipe("graphkit_gazetteer")._gaz = gaz
    if spans:
        nlp.add_pipe("graphkit_spans")
    return nlp


def load_pipeline(gazetteers: Sequence[str | Path] = ()) -> Language:
    """The graphkit pipeline as a ``spacy.Language``: ``nlp(title + "\\n\\n" + abstract)``
    gives a doc with the entities in ``doc.spans["graphkit"]``; ``nlp.to_disk(path)`` and
    ``spacy.load(path)`` round-trip it (gazetteer included)."""
    files = [str(g) for g in gazetteers]
    return build_nlp(Gazetteer.load(files) if files else None, spans=True, files=files)
