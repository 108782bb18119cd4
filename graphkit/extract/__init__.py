"""Entity extraction: papers in, :class:`~graphkit.model.PaperExtraction` out.

>>> from graphkit.extract import extract_papers
>>> [e.name for e in extract_papers([paper])[0].entities]   # doctest: +SKIP
['Robix', 'GPT-4o', 'Gemini 2.5 Pro']
>>> doc = load_pipeline()("Robix: A Model\n\nWe compare with GPT-4o.")   # a spacy.Language
>>> [(s.text, s.label_) for s in doc.spans["graphkit"]]   # doctest: +SKIP
[('Robix', 'Method'), ('GPT-4o', 'Method')]
"""

from __future__ import annotations

from graphkit.extract.api import EXTRACTOR_VERSION, Extractor, extract_papers


def __getattr__(name: str):
    """``load_pipeline`` (and the spaCy import it needs) only when asked for: extracting
    with :class:`Extractor` never imports spaCy."""
    if name == "load_pipeline":
        from graphkit.extract.components import load_pipeline

        return load_pipeline
    raise AttributeError(f"module 'graphkit.extract' has no attribute {name!r}")


__all__ = ["EXTRACTOR_VERSION", "Extractor", "extract_papers", "load_pipeline"]
