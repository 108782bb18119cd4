"""Entity extraction: papers in, :class:`~graphkit.model.PaperExtraction` out.

>>> from graphkit.extract import extract_papers
>>> [e.name for e in extract_papers([paper])[0].entities]   # doctest: +SKIP
['Robix', 'GPT-4o', 'Gemini 2.5 Pro']
"""

from __future__ import annotations

from graphkit.extract.api import EXTRACTOR_VERSION, Extractor, extract_papers

__all__ = ["EXTRACTOR_VERSION", "Extractor", "extract_papers"]
