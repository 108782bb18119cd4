"""Why each entity was found, typed and marked introduced (``graphkit extract --explain``),
and the papers' entities as HTML via spaCy's displacy (``graphkit extract --html``).

>>> from graphkit.extract import Extractor
>>> from graphkit.model import Paper
>>> p = Paper("p", "Robix: A Unified Model", "We present Robix, tested on LIBERO.")
>>> print(explain(p, Extractor().extract_one(p)))   # doctest: +NORMALIZE_WHITESPACE
Robix: A Unified Model
  Robix  [Method, introduced]
      found:      title_prefix x2
      typed:      title:default->Method  (votes Method 1.9)
      introduced: title_prefix in the title, title_prefix in sentence 1
  LIBERO  [Benchmark]
      found:      gazetteer x1
      typed:      gazetteer:LIBERO->Benchmark  (votes Benchmark 5)
      introduced: no
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from typing import Iterable

from graphkit.extract.rules import _INTRO_RULES
from graphkit.model import ExtractedEntity, Paper, PaperExtraction

_SURROGATE = re.compile("[\ud800-\udfff]")


def _introduced(e: ExtractedEntity) -> str:
    if not e.introduced:
        return "no"
    why = [f"{m.rule} in {'the title' if m.sentence == 0 else f'sentence {m.sentence}'}"
           for m in e.mentions if m.sentence == 0 or m.rule in _INTRO_RULES or m.rule.startswith("abbreviation")]
    return ", ".join(dict.fromkeys(why)) or "a size or variant of an introduced name"


def explain_entity(e: ExtractedEntity) -> str:
    """Three lines: the rules that found ``e``, the cues and votes that typed it, and why
    it counts as introduced."""
    rules = Counter(m.rule or e.source for m in e.mentions)
    cues = list(dict.fromkeys(c for m in e.mentions for c in m.type_cues))
    votes = ", ".join(f"{t} {w:g}" for t, w in sorted(e.type_votes.items(), key=lambda kv: -kv[1]))
    flag = ", introduced" if e.introduced else ""
    alias = f"  (aliases: {', '.join(e.aliases)})" if e.aliases else ""
    return (f"  {e.name}  [{e.type}{flag}]{alias}\n"
            f"      found:      {', '.join(f'{r} x{n}' for r, n in rules.items())}\n"
            f"      typed:      {'; '.join(cues) or '-'}  (votes {votes or '-'})\n"
            f"      introduced: {_introduced(e)}")


def explain(paper: Paper, ex: PaperExtraction) -> str:
    """The paper's title, then :func:`explain_entity` for each of its entities."""
    lines = [paper.title or paper.id] + [explain_entity(e) for e in ex.entities]
    if not ex.entities:
        lines.append("  (no entities)")
    return "\n".join(lines)


def render_html(items: Iterable[tuple[Paper, PaperExtraction]]) -> str:
    """One HTML page: each paper's text with its entity mentions as displacy spans
    (label = type; offline, no external resources)."""
    import spacy
    from spacy import displacy

    nlp = spacy.blank("en")
    parts = []
    for paper, ex in items:
        doc = nlp.make_doc(_SURROGATE.sub("\ufffd", paper.text))  # same length; spaCy cannot hash surrogates
        spans = []
        for e in ex.entities:
            label = e.type + ("*" if e.introduced else "")
            for m in e.mentions:
                sp = doc.char_span(m.start, m.end, label=label, alignment_mode="expand")
                if sp is not None:
                    spans.append(sp)
        doc.spans["graphkit"] = spans
        body = displacy.render(doc, style="span", options={"spans_key": "graphkit"}, page=False, jupyter=False)
        parts.append(f"<section><h2>{html.escape(paper.title or paper.id)}</h2>\n{body}</section>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>graphkit entities</title>"
            "</head><body style=\"font-family: sans-serif; max-width: 60em; margin: auto\">\n"
            "<p>Entity mentions by type; <b>*</b> = introduced by the paper.</p>\n"
            + "\n".join(parts) + "\n</body></html>\n")


def write_html(path: str | Path, items: Iterable[tuple[Paper, PaperExtraction]]) -> int:
    """Write :func:`render_html` to ``path`` atomically; returns the number of papers."""
    from graphkit.atomic import atomic_open
    from graphkit.errors import GraphkitError

    items = list(items)
    text = render_html(items)
    try:
        with atomic_open(path) as fh:
            fh.write(text)
    except OSError as e:
        raise GraphkitError(f"{path}: cannot write HTML: {e.strerror or e}") from None
    return len(items)
