"""Fetch papers and references from public APIs, politely (one module per source).

- :mod:`~graphkit.fetch.http`: the shared session (rate limit, retries, disk cache, User-Agent)
- :mod:`~graphkit.fetch.hf_daily`: Hugging Face Daily Papers, one JSON file per day
- :mod:`~graphkit.fetch.arxiv`: arXiv API search -> JSONL
- :mod:`~graphkit.fetch.semantic_scholar`, :mod:`~graphkit.fetch.openalex`: references
- :mod:`~graphkit.fetch.references`: references of a corpus -> resumable JSONL
"""
