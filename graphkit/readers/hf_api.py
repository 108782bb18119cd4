"""Hugging Face ``daily_papers`` API responses: a JSON list of ``{"paper": {...}, ...}``."""

from __future__ import annotations

from typing import Any, Iterator

from graphkit.model import Paper, Skip
from graphkit.readers.base import as_int, as_list, make_paper

NAME = "hf-api"


def is_api_item(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("paper"), dict)


def _authors(value: Any) -> tuple[list[str], int | None]:
    """(names, count): a list of ``{"name", "hidden"}`` objects (hidden ones left out),
    names, one name string, or just a number of authors."""
    count = as_int(value)
    if count is not None or isinstance(value, (int, float)):
        return [], count
    if isinstance(value, list):
        value = [a for a in value if not (isinstance(a, dict) and a.get("hidden") is True)]
    return as_list(value, names=True), None


def paper_from_item(item: Any, source: str, *, undecodable: bool = True) -> Paper | Skip:
    if not is_api_item(item):
        return Skip(source, "not a daily_papers item (no 'paper' object)")
    p = item["paper"]
    authors, count = _authors(p.get("authors"))
    return make_paper(
        source,
        title=p.get("title") or item.get("title"),
        abstract=p.get("summary") or item.get("summary"),
        arxiv_id=p.get("id"),
        authors=authors,
        author_count=count,
        date=p.get("publishedAt") or item.get("publishedAt"),
        upvotes=p.get("upvotes"),
        project_url=p.get("projectPage"),
        code_url=p.get("githubRepo"),
        undecodable=undecodable,
        lists_clean=True,
    )
