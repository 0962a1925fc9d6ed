"""A polite HTTP client for NORMLEX pages.

NORMLEX often refuses automated clients, so the client behaves like one browser tab:
browser-like headers, a cookie jar primed by a first request to the base URL (made only
when a page is not in the cache), one connection, a pause between requests, exponential
backoff on 429/5xx honouring ``Retry-After``, a cap on redirects (APEX loops endlessly
without a session cookie), and a page cache. Every failure is a one-line
:class:`~ratify.errors.SourceError`; a page that arrives but is not as expected raises
:class:`~ratify.normlex.parser.NormlexPageError` and is not cached.

A misbehaving server cannot hold a run: every request has a total deadline (a server
sending a byte a second is cut off, not just one that goes silent), the run has one too,
bodies are streamed and decompressed here with a cap on the decoded size (real pages are
about 100 KB; a gzip bomb stops at the cap), a ``Retry-After`` beyond a limit fails at once
instead of waiting, and redirects are followed only on the base URL's host.
"""

from __future__ import annotations

import codecs
import email.utils
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import SourceError, UsageError
from ..model import normalise_instrument_id
from .cache import PageCache, utc_now_iso
from .parser import CountryPage, InstrumentPage, NormlexPageError, parse_country_page, parse_instrument_page
from .urls import (
    DEFAULT_BASE_URL,
    country_page_url,
    instrument_page_url,
    normlex_instrument_id,
)

USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)
BROWSER_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    "Accept-Language": "en-GB,en;q=0.9",
    "Upgrade-Insecure-Requests": "1",
}
# Decoded bytes allowed for one page: real pages are about 100 KB.
MAX_PAGE_BYTES = 5_000_000
# The whole run (every page, wait and retry) must end within this many seconds.
DEFAULT_RUN_TIMEOUT = 1800.0
FORBIDDEN_MESSAGE = (
    "NORMLEX refused the request (HTTP 403); save the page from a browser and use `ratify fetch --from-html`"
)


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        dt = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if dt is None:
        return None
    if dt.tzinfo is None:
        import datetime as _dt

        dt = dt.replace(tzinfo=_dt.timezone.utc)
    return max(0.0, dt.timestamp() - (time.time() if now is None else now))


@dataclass(frozen=True)
class Fetched:
    """One answered request: the status, headers, body (text) and the URL it ended at."""

    status: int
    headers: Any  # httpx.Headers: case-insensitive
    text: str
    final_url: str


class NormlexClient:
    """Fetch and parse NORMLEX ratification pages.

    ``on_progress`` is called with one-line messages ("fetching ...", "cached ...") for a
    CLI to show; those starting with "waiting " or "warning: " should reach the user even
    without a progress display. ``sleep`` is injectable so tests need not wait;
    ``transport`` is passed to ``httpx.Client`` (for tests). ``timeout`` is the deadline of
    one request from its first byte sent to its last byte read; ``run_timeout`` that of the
    whole run.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        cache: PageCache | None = None,
        refresh: bool = False,
        delay: float = 1.0,
        timeout: float = 20.0,
        run_timeout: float = DEFAULT_RUN_TIMEOUT,
        retries: int = 3,
        backoff: float = 1.0,
        max_retry_after: float = 60,
        max_redirects: int = 10,
        max_page_bytes: int = MAX_PAGE_BYTES,
        on_progress: Callable[[str], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        transport=None,
    ):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.cache = cache
        self.refresh = refresh
        self.delay = delay
        self.timeout = timeout
        self.run_timeout = run_timeout
        self.retries = max(0, int(retries))
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.max_redirects = max_redirects
        self.max_page_bytes = max_page_bytes
        self.on_progress = on_progress
        self.sleep = sleep
        self._transport = transport
        self._http = None
        self._cookies = None
        self._primed = False
        self._last_request: float | None = None
        self._run_deadline: float | None = None
        self._cache_writable = True

    # ------------------------------------------------------------------ lifecycle
    def __enter__(self) -> NormlexClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def _client(self):
        if self._http is None:
            import httpx

            self._http = httpx.Client(
                headers={**BROWSER_HEADERS, "Accept-Encoding": "gzip, deflate"},
                timeout=httpx.Timeout(self.timeout),
                follow_redirects=False,  # followed here, on the base URL's host only
                cookies=self._cookies,
                limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
                transport=self._transport,
            )
            self._cookies = self._http.cookies
        return self._http

    def _progress(self, message: str) -> None:
        if self.on_progress is not None:
            self.on_progress(message)

    # ------------------------------------------------------------------ public API
    def instrument_url(self, code: str) -> str:
        norm = normalise_instrument_id(code)
        numeric = normlex_instrument_id(code)
        if norm is None or numeric is None:
            raise UsageError(
                f"cannot fetch {code} from NORMLEX: its NORMLEX id is not known; save its "
                "ratifications page from a browser and use `ratify fetch --from-html`"
            )
        return instrument_page_url(self.base_url, numeric)

    def country_url(self, country_id: str | int) -> str:
        cid = str(country_id).strip()
        if not cid.isdigit():
            raise UsageError(f"not a NORMLEX country id: {country_id!r}")
        return country_page_url(self.base_url, cid)

    def fetch_instrument(self, code: str) -> InstrumentPage:
        """Fetch and parse page 11300 for an instrument code (``"C155"``)."""
        url = self.instrument_url(code)
        expected = normalise_instrument_id(code)

        def parse(body: str) -> InstrumentPage:
            page = parse_instrument_page(body, url)
            if page.instrument != expected:
                raise NormlexPageError(f"NORMLEX returned the page of {page.instrument}, not {expected}", url)
            return page

        return self._fetch(url, parse)

    def fetch_country(self, country_id: str | int) -> CountryPage:
        """Fetch and parse page 11200 for a NORMLEX country id (``"103542"``)."""
        url = self.country_url(country_id)
        return self._fetch(url, lambda body: parse_country_page(body, url, str(country_id).strip()))

    # ------------------------------------------------------------------ internals
    def _fetch(self, url, parse):
        if self.cache is not None and not self.refresh:
            entry = self.cache.get(url)
            if entry is not None:
                try:
                    page = parse(entry.body)
                except NormlexPageError as exc:
                    # Saved by an older ratify, or damaged: fetch it again rather than fail for a day.
                    self._progress(f"warning: the cached copy of {url} no longer parses ({exc}); fetching it again")
                    self._drop_cached(url)
                else:
                    self._progress(f"cached {url}")
                    page.fetched_at, page.source = entry.fetched_at, "cache"
                    page.final_url = entry.final_url or url
                    return page
        self._prime()
        self._progress(f"fetching {url}")
        fetched = self._get(url)
        fetched_at = utc_now_iso()
        page = parse(fetched.text)  # raises before anything is cached
        self._store(url, fetched.text, fetched_at, fetched.final_url)
        page.fetched_at, page.source, page.final_url = fetched_at, "network", fetched.final_url
        return page

    def _store(self, url: str, body: str, fetched_at: str, final_url: str) -> None:
        if self.cache is None or not self._cache_writable:
            return
        try:
            self.cache.store(url, body, fetched_at, final_url=final_url)
        except OSError as exc:
            self._cache_writable = False  # said once; the pages are still fetched and saved
            self._progress(
                f"warning: cannot write the page cache in {self.cache.directory}: "
                f"{exc.strerror or exc}; continuing without it"
            )

    def _drop_cached(self, url: str) -> None:
        if self.cache is None:
            return
        try:
            self.cache.delete(url)
        except OSError:
            pass  # a read-only cache: --refresh bypasses it

    def _prime(self) -> None:
        """One request to the base URL so the cookie jar holds a session, as a browser's would."""
        if self._primed:
            return
        self._primed = True
        try:
            self._request(self.base_url)
        except SourceError as exc:
            if isinstance(exc, _Failure) and exc.recoverable:
                return  # the page request will say what is wrong
            raise

    def _pause(self) -> None:
        if self._last_request is not None and self.delay > 0:
            wait = self.delay - (time.monotonic() - self._last_request)
            if wait > 0:
                self.sleep(wait)

    def _deadline(self, url: str) -> float:
        """When the next request must be over: its own deadline or the run's, whichever is first."""
        now = time.monotonic()
        if self._run_deadline is None:
            self._run_deadline = now + self.run_timeout
        if now >= self._run_deadline:
            raise SourceError(f"NORMLEX fetch stopped: the run took longer than {self.run_timeout:g}s", url)
        return min(now + self.timeout, self._run_deadline)

    def _request(self, url: str) -> Fetched:
        """One GET (after the pause), redirects followed on the base host; failures become SourceError."""
        import httpx

        self._pause()
        deadline = self._deadline(url)
        expired = threading.Event()

        def cut_off() -> None:
            # A read blocked on a server that drips bytes only ends when the connection does.
            expired.set()
            http = self._http
            if http is not None:
                http.close()

        timer = threading.Timer(max(0.0, deadline - time.monotonic()), cut_off)
        timer.daemon = True
        timer.start()
        try:
            return self._follow(url, deadline)
        except (httpx.HTTPError, RuntimeError) as exc:
            if expired.is_set() or isinstance(exc, httpx.TimeoutException):
                raise _Failure(f"NORMLEX timed out after {self._limit(deadline):g}s", url) from exc
            if isinstance(exc, httpx.ConnectError):
                host = httpx.URL(url).host
                raise SourceError(f"could not connect to {host}: {_reason(exc)}", url) from exc
            raise _Failure(f"network error talking to NORMLEX: {_reason(exc)}", url, recoverable=True) from exc
        finally:
            timer.cancel()
            if expired.is_set():
                self._http = None  # closed by the deadline; the next request opens a new one
            self._last_request = time.monotonic()

    def _limit(self, deadline: float) -> float:
        run_left = (self._run_deadline or deadline) - deadline
        return self.timeout if run_left > 0 else self.run_timeout

    def _follow(self, url: str, deadline: float) -> Fetched:
        import httpx

        base_host = httpx.URL(self.base_url).host
        current = httpx.URL(url)
        for _ in range(self.max_redirects + 1):
            with self._client().stream("GET", current) as response:
                location = response.headers.get("Location")
                if response.status_code in (301, 302, 303, 307, 308) and location:
                    target = current.join(location.strip())
                    if target.scheme not in ("http", "https") or target.host != base_host:
                        raise SourceError(
                            f"NORMLEX redirected to {target.scheme}://{target.host}, not {base_host}; not followed", url
                        )
                    current = target
                    continue
                body = self._read_body(response, deadline, url)
                return Fetched(response.status_code, response.headers, body, str(response.url))
        raise SourceError(f"NORMLEX redirect loop (more than {self.max_redirects} redirects)", url)

    def _read_body(self, response, deadline: float, url: str) -> str:
        """The body, decompressed here so that its decoded size is capped as it arrives."""
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        decoder: Any
        if encoding in ("gzip", "x-gzip"):
            decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            decoder = _Deflate()
        elif encoding in ("identity", ""):
            decoder = None
        else:
            raise SourceError(f"NORMLEX sent a body in an unsupported encoding ({encoding[:20]})", url)
        limit = self.max_page_bytes
        chunks: list[bytes] = []
        size = 0
        too_big = SourceError(f"NORMLEX page is larger than {limit // 1_000_000} MB; not read", url)
        try:
            for raw in response.iter_raw():
                if time.monotonic() > deadline:
                    raise _Failure(f"NORMLEX timed out after {self._limit(deadline):g}s", url)
                data = decoder.decompress(raw, limit - size + 1) if decoder else raw
                size += len(data)
                if size > limit:
                    raise too_big
                chunks.append(data)
            if decoder is not None:
                tail = decoder.flush()
                size += len(tail)
                if size > limit:
                    raise too_big
                chunks.append(tail)
        except zlib.error as exc:
            raise SourceError(f"NORMLEX sent a damaged compressed body ({exc})", url) from None
        charset = response.charset_encoding or "utf-8"
        try:
            codecs.lookup(charset)
        except LookupError:
            charset = "utf-8"
        return b"".join(chunks).decode(charset, errors="replace")

    def _get(self, url: str) -> Fetched:
        attempt = 0
        while True:
            response = self._request(url)
            status = response.status
            if status == 200:
                return response
            if status == 403:
                raise SourceError(FORBIDDEN_MESSAGE, url)
            if status == 429 or 500 <= status < 600:
                if attempt >= self.retries:
                    what = "is rate-limiting requests" if status == 429 else "failed"
                    raise SourceError(f"NORMLEX {what} (HTTP {status}) after {attempt + 1} attempts", url)
                asked = retry_after_seconds(response.headers.get("retry-after"))
                if asked is not None and asked > self.max_retry_after:
                    raise SourceError(
                        f"NORMLEX asked to wait {asked:.0f}s before retrying (HTTP {status}, Retry-After), "
                        f"more than the {self.max_retry_after:g}s ratify waits; try again later",
                        url,
                    )
                wait = asked if asked is not None else self.backoff * (2**attempt)
                run_left = (self._run_deadline or float("inf")) - time.monotonic()
                if wait >= run_left:
                    raise SourceError(
                        f"NORMLEX asked to wait {wait:g}s (HTTP {status}); the run's {self.run_timeout:g}s "
                        "would be over",
                        url,
                    )
                why = "Retry-After" if asked is not None else "backoff"
                if wait > 0:
                    self._progress(f"waiting {wait:g} s ({why}) after HTTP {status}: {url}")
                self.sleep(wait)
                self._last_request = None  # the backoff wait replaces the pause
                attempt += 1
                continue
            raise SourceError(f"NORMLEX returned HTTP {status}", url)


class _Failure(SourceError):
    """A transport failure; `recoverable` when the priming request may ignore it."""

    def __init__(self, message: str, url: str | None = None, *, recoverable: bool = False):
        super().__init__(message, url)
        self.recoverable = recoverable


class _Deflate:
    """HTTP "deflate" is meant to be zlib-wrapped but is sometimes raw: accept both."""

    def __init__(self):
        self._inner = zlib.decompressobj()
        self._started = False

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if not self._started:
            self._started = True
            try:
                return self._inner.decompress(data, max_length)
            except zlib.error:
                self._inner = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._inner.decompress(data, max_length)

    def flush(self) -> bytes:
        return self._inner.flush()


def _reason(exc: BaseException) -> str:
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__
