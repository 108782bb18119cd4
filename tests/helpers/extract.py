"""Helpers of the extraction and gazetteer tests: one paper's entities, a packaged file's entries."""

from __future__ import annotations

from importlib import resources

from graphkit.extract.gazetteer import PACKAGED, STOP, _parse
from graphkit.extract.normalize import name_key, singular_key
from graphkit.model import ExtractedEntity, Paper


def entities(ex, title: str, abstract: str = "") -> dict[str, ExtractedEntity]:
    """The entities ``ex`` (an :class:`~graphkit.extract.Extractor`) finds in one paper, by name."""
    return {e.name: e for e in ex.extract_one(Paper("p", title, abstract)).entities}


def packaged_entries(name: str):
    """The parsed entries of the packaged gazetteer file ``name`` (e.g. ``gazetteer_llm.tsv``)."""
    text = (resources.files("graphkit.extract") / "data" / name).read_text(encoding="utf-8")
    return _parse(text, name)


def forms_of_other_files(file: str, *, stop_singulars: bool = False) -> dict[str, str]:
    """Every name and alias key of the packaged gazetteer files but ``file`` (with
    ``stop_singulars`` also the singular key of their stop words, which a later entry would
    silently undo), mapped to where it stands: ``{key: "FILE: NAME"}``."""
    others: dict[str, str] = {}
    for f in PACKAGED:
        if f == file:
            continue
        for e in packaged_entries(f):
            for form in [e.name, *e.aliases]:
                others.setdefault(name_key(form), f"{f}: {e.name}")
                if stop_singulars and e.type == STOP:
                    others.setdefault(singular_key(form), f"{f}: {e.name} (STOP)")
    return others
