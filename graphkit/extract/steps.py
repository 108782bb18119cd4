"""The rule stages in pipeline order, as plain functions over a :class:`DocState` (no spaCy).

:class:`~graphkit.extract.api.Extractor` runs :data:`STEPS` directly (:func:`run_steps`),
so extracting never imports spaCy (~1.5 s of CPU at start-up, plus a ``Doc`` per text);
each spaCy component of :mod:`graphkit.extract.components` wraps one step, so
``load_pipeline()`` runs the very same functions. Add a stage here, once, for both.

>>> from graphkit.extract.gazetteer import Gazetteer
>>> st = run_steps(new_state("Robix: A Unified Model", "We present Robix, tested on LIBERO."), Gazetteer.load())
>>> [(e.name, e.type, e.introduced) for e in st.entities]
[('Robix', 'Method', True), ('LIBERO', 'Benchmark', False)]
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from graphkit.extract import stages, typecues
from graphkit.extract.candidates import DocState
from graphkit.extract.gazetteer import Gazetteer
from graphkit.extract.resolve import resolve
from graphkit.extract.stages import new_state

__all__ = ["STEPS", "Step", "run_steps", "new_state"]


class Step(NamedTuple):
    name: str  # the spaCy component that runs it
    run: Callable[..., None]  # run(state), or run(state, gazetteer) when ``gazetteer``
    gazetteer: bool
    summary: str


def match_gazetteer(st: DocState, gaz: Gazetteer) -> None:
    """Hand the gazetteer to the later steps (``st.gazetteer``) and find its mentions."""
    st.gazetteer = gaz
    stages.match_gazetteer(st, gaz)


def vote(st: DocState) -> None:
    stages.vote_types(st)
    stages.vote_appositives(st)
    typecues.vote_extra_appositives(st)  # "X, an evaluation framework", "X, a knowledge base"
    typecues.vote_noun_paren(st)  # "a multi-view video dataset (MV-Video)"
    typecues.vote_metric_use(st)  # "achieving WR of 90%": a metric


def resolve_entities(st: DocState) -> None:
    st.entities = resolve(st)


STEPS: tuple[Step, ...] = (
    Step("graphkit_sentences", stages.split_sentences, False,
         "Sentence starts and the sentences that propose something (\"we introduce ...\")."),
    Step("graphkit_gazetteer", match_gazetteer, True,
         "Curated + user gazetteer mentions, one compiled pass (the gazetteer is its resource)."),
    Step("graphkit_abbreviations", stages.find_definitions, True,
         "Schwartz-Hearst ``long form (SHORT)`` definitions; both forms become one entity."),
    Step("graphkit_discovery", stages.discover_names, True,
         "Names in no list: the named rules of graphkit.extract.rules, then name-shaped tokens."),
    Step("graphkit_types", vote, False,
         "Context votes for the type of discovered names ('X benchmark', 'X, a simulator')."),
    Step("graphkit_resolve", resolve_entities, False,
         "Merge mentions into entities (variants, aliases, acronyms), decide type and introduced."),
)
"""Pipeline order; the spaCy components of the same names wrap these."""

COMPONENTS = [s.name for s in STEPS]


def run_steps(st: DocState, gaz: Gazetteer) -> DocState:
    """Every step on ``st`` in order; the entities end in ``st.entities``."""
    for _, run, with_gaz, _ in STEPS:
        if with_gaz:
            run(st, gaz)
        else:
            run(st)
    return st
