"""A polite HTTP client for NORMLEX pages.

NORMLEX often refuses automated clients, so the client behaves like one browser tab:
browser-like headers, a cookie jar primed by a first request to the base URL (made only
when a page is not in the cache), one connection, a pause between requests, exponential
backoff on 429/5xx honouring ``Retry-After``, a cap on redirects (APEX loops endlessly
without a session cookie), and a page cache. Every failure is a one-line
:class:`~ratify.errors.SourceError`; a page that arrives but is not as expected raises
:class:`~ratify.normlex.parser.NormlexPageError` and is not cached.
"""

from __future__ import annotations

import email.utils
import time
from typing import Callable

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
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)
BROWSER_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    "Accept-Language": "en-GB,en;q=0.9",
    "Upgrade-Insecure-Requests": "1",
}
FORBIDDEN_MESSAGE = (
    "NORMLEX refused the request (HTTP 403); save the page from a browser and use "
    "`ratify fetch --from-html`"
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


class NormlexClient:
    """Fetch and parse NORMLEX ratification pages.

    ``on_progress`` is called with one-line messages ("fetching ...", "cached ...",
    "HTTP 503, retrying in 2s ...") for a CLI to show. ``sleep`` is injectable so tests
    need not wait; ``transport`` is passed to ``httpx.Client`` (for tests).
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        cache: PageCache | None = None,
        refresh: bool = False,
        delay: float = 1.0,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_retry_after: float = 60,
        max_redirects: int = 10,
        on_progress: Callable[[str], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        transport=None,
    ):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.cache = cache
        self.refresh = refresh
        self.delay = delay
        self.timeout = timeout
        self.retries = max(0, int(retries))
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.max_redirects = max_redirects
        self.on_progress = on_progress
        self.sleep = sleep
        self._transport = transport
        self._http = None
        self._primed = False
        self._last_request: float | None = None
        self.requests_made = 0

    # ------------------------------------------------------------------ lifecycle
    def __enter__(self) -> "NormlexClient":
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
                headers=BROWSER_HEADERS,
                timeout=httpx.Timeout(self.timeout),
                follow_redirects=True,
                max_redirects=self.max_redirects,
                limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
                transport=self._transport,
            )
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
                self._progress(f"cached {url}")
                page = parse(entry.body)
                page.fetched_at, page.source = entry.fetched_at, "cache"
                return page
        self._prime()
        self._progress(f"fetching {url}")
        body = self._get(url)
        fetched_at = utc_now_iso()
        page = parse(body)  # raises before anything is cached
        if self.cache is not None:
            self.cache.store(url, body, fetched_at)
        page.fetched_at, page.source = fetched_at, "network"
        return page

    def _prime(self) -> None:
        """One request to the base URL so the cookie jar holds a session, as a browser's would."""
        if self._primed:
            return
        self._primed = True
        import httpx

        try:
            self._request(self.base_url)
        except SourceError:
            raise
        except httpx.HTTPError:
            pass

    def _pause(self) -> None:
        if self._last_request is not None and self.delay > 0:
            wait = self.delay - (time.monotonic() - self._last_request)
            if wait > 0:
                self.sleep(wait)

    def _request(self, url: str):
        """One GET (after the pause); transport failures become SourceError."""
        import httpx

        self._pause()
        try:
            self.requests_made += 1
            return self._client().get(url)
        except httpx.TooManyRedirects as exc:
            raise SourceError(f"NORMLEX redirect loop (more than {self.max_redirects} redirects)", url) from exc
        except httpx.TimeoutException as exc:
            raise SourceError(f"NORMLEX timed out after {self.timeout:g}s", url) from exc
        except httpx.ConnectError as exc:
            host = httpx.URL(url).host
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise SourceError(f"could not connect to {host}: {reason}", url) from exc
        except httpx.HTTPError as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise SourceError(f"network error talking to NORMLEX: {reason}", url) from exc
        finally:
            self._last_request = time.monotonic()

    def _get(self, url: str) -> str:
        attempt = 0
        while True:
            response = self._request(url)
            status = response.status_code
            if status == 200:
                return response.text
            if status == 403:
                raise SourceError(FORBIDDEN_MESSAGE, url)
            if status == 429 or 500 <= status < 600:
                if attempt >= self.retries:
                    what = "is rate-limiting requests" if status == 429 else "failed"
                    raise SourceError(
                        f"NORMLEX {what} (HTTP {status}) after {attempt + 1} attempts", url)
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                if wait is None:
                    wait = self.backoff * (2 ** attempt)
                wait = min(wait, self.max_retry_after)
                self._progress(f"HTTP {status}, retrying in {wait:g}s: {url}")
                self.sleep(wait)
                self._last_request = None  # the backoff wait replaces the pause
                attempt += 1
                continue
            raise SourceError(f"NORMLEX returned HTTP {status}", url)
