"""Helpers of the extraction and gazetteer tests: one paper's entities, a packaged file's entries."""

from __future__ import annotations

from importlib import resources

from graphkit.extract.gazetteer import _parse
from graphkit.model import ExtractedEntity, Paper


def entities(ex, title: str, abstract: str = "") -> dict[str, ExtractedEntity]:
    """The entities ``ex`` (an :class:`~graphkit.extract.Extractor`) finds in one paper, by name."""
    return {e.name: e for e in ex.extract_one(Paper("p", title, abstract)).entities}


def packaged_entries(name: str):
    """The parsed entries of the packaged gazetteer file ``name`` (e.g. ``gazetteer_llm.tsv``)."""
    text = (resources.files("graphkit.extract") / "data" / name).read_text(encoding="utf-8")
    return _parse(text, name)
