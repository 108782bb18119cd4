"""Hugging Face Daily Papers: one JSON file per day from ``GET {api}/api/daily_papers?date=D``.

The files are the API's response bodies unchanged (a JSON list of ``{"paper": {...}}``),
so ``graphkit build DIR`` reads them as ``hf-api``. The endpoint pages with ``limit`` and
``p`` (0-based; in Hugging Face's OpenAPI description): each day is asked with
``limit=page_size`` and, while a page comes back full, the next page; a day of several
pages is written as one list (a page that repeats the previous one ends the day, so a
server that ignores ``p`` cannot loop). Resumable: a day whose file exists
is not fetched again, and a day the API answered with ``[]`` (weekends, holidays) is
recorded in ``DIR/.hf-daily-empty`` (hidden, so ``build`` does not read it) and not
asked again. A failed day is reported, not written, and fetched on the next run.

>>> r = fetch_hf_daily(date(2024, 5, 27), date(2024, 5, 29), "hf/", session=ApiSession())  # doctest: +SKIP
>>> r.written, r.missing                                                                      # doctest: +SKIP
(['2024-05-27', '2024-05-28', '2024-05-29'], {})
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from graphkit.atomic import atomic_open
from graphkit.fetch.http import ApiSession, FetchError
from graphkit.progress import progress

DEFAULT_API = "https://huggingface.co"
PAGE_SIZE = 100  # the largest page the API serves
EMPTY_FILE = ".hf-daily-empty"


@dataclass
class HfDailyResult:
    written: list[str] = field(default_factory=list)  # days fetched and written now
    present: list[str] = field(default_factory=list)  # days already on disk (skipped)
    empty: list[str] = field(default_factory=list)  # days without papers (recorded)
    missing: dict[str, str] = field(default_factory=dict)  # day -> why it is not on disk
    papers: int = 0  # papers in the days written now

    def summary(self) -> str:
        line = (f"days {len(self.written) + len(self.present) + len(self.empty) + len(self.missing)}: "
                f"fetched {len(self.written)} ({self.papers} papers), already on disk {len(self.present)}, "
                f"empty {len(self.empty)}, missing {len(self.missing)}")
        if self.missing:
            line += " (" + ", ".join(sorted(self.missing)) + ")"
        return line


def days(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end`` inclusive."""
    if end < start:
        raise FetchError(f"--to {end} is before --from {start}")
    return [start + timedelta(n) for n in range((end - start).days + 1)]


def _validate(resp) -> None:
    body = resp.json()
    if not isinstance(body, list) or any(not isinstance(x, dict) or not isinstance(x.get("paper"), dict)
                                         for x in body):
        raise ValueError("not a list of {\"paper\": {...}} items")


def _day(session: ApiSession, url: str, day: str, page_size: int) -> tuple[list, str | None]:
    """All items of one day, and the raw body when the day fit in one page."""
    items: list = []
    for page in range(1000):
        resp = session.request("GET", url, params={"date": day, "limit": page_size, "p": page},
                               validate=_validate)
        if resp.status_code != 200:
            raise FetchError(f"GET {resp.url}: HTTP {resp.status_code}")
        got = resp.json()
        if page and got == items[-len(got):]:
            break  # the server ignores p: this page is the previous one again
        items.extend(got)
        if len(got) < page_size:
            return items, (resp.text if page == 0 else None)
    return items, None


def fetch_hf_daily(start: date, end: date, out_dir: str | os.PathLike, *, session: ApiSession,
                   api_url: str = DEFAULT_API, on_error=None, page_size: int = PAGE_SIZE) -> HfDailyResult:
    """Fetch every day of ``start..end`` into ``out_dir/YYYY-MM-DD.json`` (atomically)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    empty_path = out / EMPTY_FILE
    empty = set(empty_path.read_text().split()) if empty_path.exists() else set()
    result = HfDailyResult()
    todo = days(start, end)
    url = f"{api_url.rstrip('/')}/api/daily_papers"
    with progress("hf-daily", len(todo)) as advance:
        for d in todo:
            day = d.isoformat()
            path = out / f"{day}.json"
            if path.exists():
                result.present.append(day)
            elif day in empty:
                result.empty.append(day)
            else:
                try:
                    items, raw = _day(session, url, day, page_size)
                except FetchError as e:
                    result.missing[day] = str(e)
                    if on_error:
                        on_error(str(e))
                else:
                    if not items:
                        empty.add(day)
                        result.empty.append(day)
                        with atomic_open(empty_path) as fh:
                            fh.write("".join(f"{x}\n" for x in sorted(empty)))
                    else:
                        with atomic_open(path) as fh:
                            fh.write(raw if raw is not None else json.dumps(items, ensure_ascii=False))
                        result.written.append(day)
                        result.papers += len(items)
            advance(1)
    return result


def load_day(path: str | os.PathLike) -> list:
    """The items of one day file (a helper for scripts and tests)."""
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)
