"""One polite HTTP session for every fetcher: rate limit, retries, disk cache, User-Agent.

- **Cache** (``requests-cache``, SQLite): every 200 response is kept on disk (GET and
  POST, the body is part of the key), so a rerun costs no request; ``offline=True``
  answers from the cache only and never touches the network (a miss is an error).
- **Retries** (``tenacity``): 429, 5xx, timeouts and connection errors are retried with
  exponential backoff and jitter; a ``Retry-After`` header (seconds or an HTTP date) is
  honoured (capped at ``max_wait``). A 200 whose body fails ``validate`` (malformed
  JSON) is dropped from the cache and retried too.
- **Rate limit**: at most ``rate`` requests a second reach the network (cache hits are
  free); ``rate=None`` turns it off.
- **User-Agent**: ``graphkit/<version> (+<url>; mailto:<GRAPHKIT_MAILTO>)``.

All timings live in :class:`Politeness`, so tests run with millisecond backoffs.

>>> s = ApiSession(Politeness(rate=1.0), cache_path=None)   # doctest: +SKIP
>>> s.request("GET", "https://huggingface.co/api/daily_papers", params={"date": "2024-05-27"}).json()  # doctest: +SKIP
"""

from __future__ import annotations

import email.utils
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import requests
import requests_cache
import tenacity
from requests.adapters import HTTPAdapter

from graphkit.errors import GraphkitError

PROJECT_URL = "https://github.com/graphkit/graphkit"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
CACHE_ENV = "GRAPHKIT_CACHE"


class FetchError(GraphkitError):
    """A request that failed for good (after its retries), or a cache miss offline."""


class NotCached(FetchError):
    """``offline`` and the response is not in the cache."""


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


def user_agent() -> str:
    """``graphkit/0.1.0 (+https://...; mailto:you@example.org)`` (mailto from $GRAPHKIT_MAILTO)."""
    from graphkit import __version__

    mailto = os.environ.get("GRAPHKIT_MAILTO")
    return f"graphkit/{__version__} (+{PROJECT_URL}" + (f"; mailto:{mailto})" if mailto else ")")


def default_cache_path() -> Path:
    """``$GRAPHKIT_CACHE``, else ``~/.cache/graphkit/http.sqlite``."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "graphkit" / "http.sqlite"


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: ``"5"`` or an HTTP date.

    >>> parse_retry_after("5")
    5.0
    >>> parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0)
    10.0
    """
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


@dataclass
class Politeness:
    """How hard to press an API. ``rate``: requests/second reaching the network (None =
    no limit); ``retries``: extra attempts after the first; ``backoff``/``max_wait``:
    exponential backoff start and cap in seconds (also the cap on Retry-After);
    ``timeout``: seconds per request; ``sleep``: the sleeping function (tests)."""

    rate: float | None = 1.0
    retries: int = 5
    backoff: float = 1.0
    max_wait: float = 60.0
    timeout: float = 30.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)


class RateLimiter:
    """At most ``rate`` calls a second: ``wait()`` sleeps until the next slot (thread-safe).

    >>> RateLimiter(None).wait()   # no limit: returns at once
    """

    def __init__(self, rate: float | None, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.interval = 1.0 / rate if rate else 0.0
        self.sleep = sleep
        self.clock = clock
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        if not self.interval:
            return
        with self._lock:
            now = self.clock()
            delay = self._next - now
            self._next = max(now, self._next) + self.interval
        if delay > 0:
            self.sleep(delay)


class _LimitedAdapter(HTTPAdapter):
    """Only cache misses reach the adapter: the rate limit and the request count live here."""

    def __init__(self, limiter: RateLimiter, counter: dict, **kw):
        super().__init__(**kw)
        self.limiter = limiter
        self.counter = counter

    def send(self, request, **kw):
        self.limiter.wait()
        self.counter["network"] += 1
        return super().send(request, **kw)


class ApiSession(requests_cache.CachedSession):
    """A ``requests`` session with the cache, retries, rate limit and User-Agent of this
    module. ``requests`` counts ``network`` requests sent and ``cached`` answers.

    ``request(..., validate=f)``: ``f(response)`` raises ``ValueError`` when a 200 body is
    unusable (e.g. malformed JSON): the cached copy is dropped and the request retried.
    """

    def __init__(self, politeness: Politeness | None = None, *, cache_path: str | os.PathLike | None = None,
                 offline: bool = False, headers: dict | None = None):
        self.politeness = politeness or Politeness()
        self.offline = offline
        if cache_path is None:
            backend: object = "memory"
            name = "graphkit"
        else:
            Path(cache_path).parent.mkdir(parents=True, exist_ok=True)
            backend, name = "sqlite", str(cache_path)
        super().__init__(cache_name=name, backend=backend, allowable_methods=("GET", "POST"),
                         allowable_codes=(200,), expire_after=requests_cache.NEVER_EXPIRE,
                         only_if_cached=offline, stale_if_error=False)
        self.counts = {"network": 0, "cached": 0, "retries": 0}
        adapter = _LimitedAdapter(RateLimiter(self.politeness.rate, self.politeness.sleep), self.counts)
        self.mount("http://", adapter)
        self.mount("https://", adapter)
        self.headers["User-Agent"] = user_agent()
        self.headers.update(headers or {})

    def request(self, method, url, *args, validate: Callable | None = None, **kw):  # type: ignore[override]
        kw.setdefault("timeout", self.politeness.timeout)
        # the arxiv client passes its own user-agent per request: ours wins
        hdrs = {k: v for k, v in (kw.pop("headers", None) or {}).items() if k.lower() != "user-agent"}
        pol = self.politeness
        where = f"{method} {url}"

        def attempt():
            try:
                resp = super(ApiSession, self).request(method, url, *args, headers=hdrs, **kw)
            except requests.Timeout as e:
                raise _Retryable(f"timed out after {kw['timeout']:g} s") from e
            except requests.ConnectionError as e:
                raise _Retryable(f"connection failed ({type(e).__name__})") from e
            hit = getattr(resp, "from_cache", False) and resp.status_code == 200
            if self.offline and not hit:  # requests-cache answers a miss with a 504
                raise NotCached(f"{where}: not in the cache (--offline)")
            if hit:
                self.counts["cached"] += 1
            if resp.status_code in RETRY_STATUS:
                raise _Retryable(f"HTTP {resp.status_code}", parse_retry_after(resp.headers.get("Retry-After")))
            if resp.status_code == 200 and validate is not None:
                try:
                    validate(resp)
                except ValueError as e:
                    key = getattr(resp, "cache_key", None)
                    if key:
                        self.cache.delete(key)
                    raise _Retryable(f"malformed response ({str(e).splitlines()[0][:80]})") from e
            return resp

        backoff = (tenacity.wait_exponential(multiplier=pol.backoff, max=pol.max_wait)
                   + tenacity.wait_random(0, pol.backoff))  # doubling, plus jitter

        def wait(state: tenacity.RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            after = getattr(exc, "retry_after", None)
            if after is not None:
                return min(after, pol.max_wait)
            return backoff(state)

        def count(state: tenacity.RetryCallState) -> None:
            self.counts["retries"] += 1

        retrying = tenacity.Retrying(stop=tenacity.stop_after_attempt(pol.retries + 1), wait=wait,
                                     retry=tenacity.retry_if_exception_type(_Retryable),
                                     sleep=pol.sleep, before_sleep=count, reraise=True)
        try:
            return retrying(attempt)
        except _Retryable as e:
            raise FetchError(f"{where}: {e} (gave up after {pol.retries + 1} attempts)") from None


def json_body(resp: requests.Response):
    """A ``validate`` for JSON APIs: raises ``ValueError`` when the body is not JSON."""
    return resp.json()
