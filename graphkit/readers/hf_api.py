"""Hugging Face ``daily_papers`` API responses: a JSON list of ``{"paper": {...}, ...}``."""

from __future__ import annotations

from typing import Any, Iterator

from graphkit.model import Paper, Skip
from graphkit.readers.base import as_list, make_paper

NAME = "hf-api"


def is_api_item(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("paper"), dict)


def paper_from_item(item: Any, source: str) -> Paper | Skip:
    if not is_api_item(item):
        return Skip(source, "not a daily_papers item (no 'paper' object)")
    p = item["paper"]
    authors = as_list([a for a in p.get("authors") or [] if not (isinstance(a, dict) and a.get("hidden"))])
    return make_paper(
        source,
        title=p.get("title") or item.get("title"),
        abstract=p.get("summary") or item.get("summary"),
        arxiv_id=p.get("id"),
        authors=authors,
        date=p.get("publishedAt") or item.get("publishedAt"),
        upvotes=p.get("upvotes"),
        project_url=p.get("projectPage"),
        code_url=p.get("githubRepo"),
    )
