"""Headless Chromium for the browser tests and ``bench/html.py`` (Python playwright driving
the system's Chromium; never a downloaded browser). Needs the ``test`` extra.

>>> with chromium() as browser:                                   # doctest: +SKIP
...     page, requests = open_page(browser, "graph.html")
...     page.evaluate("graphkit.nodeView.length")
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync",
                  "--disable-quic", "--disable-default-apps", "--disable-extensions"]


def chromium_path() -> str | None:
    """The system Chromium (``$GRAPHKIT_CHROMIUM``, else ``chromium`` on PATH), or None."""
    for cand in (os.environ.get("GRAPHKIT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                 shutil.which("chromium-browser")):
        if cand and os.path.exists(cand):
            return cand
    return None


@contextmanager
def chromium(viewport: tuple[int, int] = (1400, 900)) -> Iterator:
    """A headless Chromium browser context with a fresh, throw-away profile."""
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    if exe is None:
        raise RuntimeError("chromium not found (apt-get install chromium)")
    profile = tempfile.mkdtemp(prefix="graphkit-chromium-")
    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(
                profile, executable_path=exe, headless=True, args=CHROMIUM_FLAGS,
                viewport={"width": viewport[0], "height": viewport[1]})
            try:
                yield ctx
            finally:
                ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def open_page(ctx, path: str | os.PathLike, *, wait_for: str | None = "window.graphkit && window.graphkit.ready",
              timeout_ms: int = 60_000):
    """Open a local file; every request that is not ``file:``/``data:``/``about:`` is
    blocked and recorded. Returns ``(page, external_requests, console_errors)``."""
    page = ctx.new_page()
    external: list[str] = []
    errors: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(("file:", "data:", "about:", "blob:")):
            route.continue_()
        else:
            external.append(url)
            route.abort()

    page.route("**/*", guard)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(Path(path).resolve().as_uri())
    if wait_for:
        page.wait_for_function(wait_for, timeout=timeout_ms)
    return page, external, errors
