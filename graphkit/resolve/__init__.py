"""Corpus-level resolution, the stage between extract and graph (read -> extract ->
resolve -> build -> export): one name and one type per entity across all papers.

>>> res = resolve_corpus(extract_papers(papers))           # doctest: +SKIP
>>> res.entities["benchmark:videomme"].type_confidence      # doctest: +SKIP
0.962

Modules: :mod:`~graphkit.resolve.keys` (name keys, the version guard),
:mod:`~graphkit.resolve.merge` (surface forms -> groups), :mod:`~graphkit.resolve.vote`
(the weighted type vote), :mod:`~graphkit.resolve.corpus` (the rewrite).
"""

from graphkit.resolve.corpus import CorpusResolution, ResolvedEntity, resolve_corpus, resolved

__all__ = ["CorpusResolution", "ResolvedEntity", "resolve_corpus", "resolved"]
