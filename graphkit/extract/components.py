"""spaCy components (``@Language.factory``), one rule stage each, and the pipeline builder.

The pipeline is ``spacy.blank("en")`` plus these components; they work on character
offsets of ``doc.text`` and share a :class:`DocState` on ``doc._.graphkit``. The final
component also sets ``doc.spans["graphkit"]`` (labels = entity types).

>>> nlp = build_nlp(Gazetteer.load())
>>> doc = nlp.make_doc("Robix: A Unified Model\\n\\nWe present Robix and compare it with GPT-4o.")
>>> doc._.graphkit = new_state("Robix: A Unified Model", "We present Robix and compare it with GPT-4o.")
>>> [(e.name, e.type, e.introduced) for e in nlp(doc)._.graphkit.entities]
[('Robix', 'Method', True), ('GPT-4o', 'Method', False)]
"""

from __future__ import annotations

from typing import Callable

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from graphkit.extract import stages
from graphkit.extract.candidates import DocState
from graphkit.extract.gazetteer import Gazetteer
from graphkit.extract.resolve import resolve
from graphkit.extract.stages import new_state

__all__ = ["build_nlp", "new_state", "Gazetteer", "COMPONENTS"]

if not Doc.has_extension("graphkit"):
    Doc.set_extension("graphkit", default=None)
STATE_KEY = ("._.", "graphkit", None, None)  # where spaCy keeps doc._.graphkit in doc.user_data

_GAZETTEERS: dict[str, Gazetteer] = {}  # version -> loaded gazetteer (configs hold only the key)


def _state(doc: Doc) -> DocState:
    st = doc.user_data.get(STATE_KEY)  # = doc._.graphkit, without building an Underscore
    if st is None:  # a bare doc: the whole text is the "title + abstract"
        title, _, abstract = doc.text.partition("\n\n")
        st = doc.user_data[STATE_KEY] = new_state(title, abstract)
    return st


_GAZETTEER_COMPONENTS: set[str] = set()  # the components configured with the gazetteer's key


def _stage_factory(name: str, run: Callable[[DocState], None], summary: str) -> None:
    """Register ``name`` as a component that runs ``run`` on the doc's state."""
    def make(nlp: Language, name: str):
        def component(doc: Doc) -> Doc:
            run(_state(doc))
            return doc
        return component
    make.__doc__ = summary
    Language.factory(name)(make)


def _gazetteer_factory(name: str, run: Callable[[DocState, Gazetteer], None], summary: str) -> None:
    """Register ``name`` as a component that runs ``run`` on the doc's state and the gazetteer."""
    def make(nlp: Language, name: str, gazetteer: str):
        gaz = _GAZETTEERS[gazetteer]

        def component(doc: Doc) -> Doc:
            run(_state(doc), gaz)
            return doc
        return component
    make.__doc__ = summary
    Language.factory(name, default_config={"gazetteer": ""})(make)
    _GAZETTEER_COMPONENTS.add(name)


def _vote(st: DocState) -> None:
    stages.vote_types(st)
    stages.vote_appositives(st)


_stage_factory("graphkit_sentences", stages.split_sentences,
               "Sentence starts and the sentences that propose something (\"we introduce ...\").")
_gazetteer_factory("graphkit_gazetteer", stages.match_gazetteer,
                   "Curated + user gazetteer mentions, one compiled pass.")
_gazetteer_factory("graphkit_abbreviations", stages.find_definitions,
                   "Schwartz-Hearst ``long form (SHORT)`` definitions; both forms become one entity.")
_gazetteer_factory("graphkit_discovery", stages.discover_names,
                   "Names in no list: title name, proposed names, '-Bench' / context names, shapes.")
_stage_factory("graphkit_types", _vote,
               "Context votes for the type of discovered names ('X benchmark', 'datasets such as X').")


@Language.factory("graphkit_resolve", default_config={"spans": False})
def make_resolve(nlp: Language, name: str, spans: bool):
    """Merge mentions into entities (variants, aliases, acronyms), decide type and introduced."""
    def component(doc: Doc) -> Doc:
        st = _state(doc)
        st.entities = resolve(st)
        if spans:
            group = []
            for e in st.entities:
                for m in e.mentions:
                    sp = doc.char_span(m.start, m.end, label=e.type, alignment_mode="expand")
                    if sp is not None:
                        group.append(sp)
            doc.spans["graphkit"] = group
        return doc
    return component


COMPONENTS = ["graphkit_sentences", "graphkit_gazetteer", "graphkit_abbreviations",
              "graphkit_discovery", "graphkit_types", "graphkit_resolve"]


class TextTokenizer:
    """A tokenizer that keeps the whole text as one token.

    The graphkit components work on character offsets of ``doc.text``, so spaCy's rule
    tokenizer (the slowest step when it is used) is optional: ``build_nlp(tokenize=True)``
    restores it, e.g. to get token-aligned ``doc.spans["graphkit"]``.
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


def build_nlp(gaz: Gazetteer, *, spans: bool = False, tokenize: bool = False) -> Language:
    """``spacy.blank("en")`` + the graphkit components, bound to ``gaz``.

    ``tokenize=False`` (default) swaps spaCy's rule tokenizer for :class:`TextTokenizer`.
    """
    _GAZETTEERS[gaz.version] = gaz
    nlp = spacy.blank("en")
    if not tokenize and not spans:
        nlp.tokenizer = TextTokenizer(nlp.vocab)
    for c in COMPONENTS:
        cfg = {}
        if c in _GAZETTEER_COMPONENTS:
            cfg["gazetteer"] = gaz.version
        if c == "graphkit_resolve":
            cfg["spans"] = spans
        nlp.add_pipe(c, config=cfg)
    return nlp
