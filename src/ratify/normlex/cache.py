"""An on-disk cache of NORMLEX pages, so repeated runs do not hit the site.

Each page is one JSON file named by the SHA-256 of its (decoded) URL, holding the URL, the
time it was fetched and the body. Files are written atomically (see ratify.atomic), so a crash never leaves half a page.
Only pages that parsed are stored (the client checks before storing), so a block page never
replaces a good entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_atomic
from ..paths import CACHE_ENV, default_cache_dir  # noqa: F401 (part of this module's API)
from ..utc import parse_utc_iso, utc_iso, utc_now_iso  # noqa: F401 (utc_now_iso: part of this module's API)
from .urls import canonical_url


@dataclass(frozen=True)
class CachedPage:
    url: str
    body: str
    fetched_at: str  # ISO timestamp, UTC
    final_url: str | None = None  # where redirects ended, when not at `url`


class PageCache:
    """Pages keyed by URL, valid for ``max_age_seconds`` after they were fetched."""

    def __init__(
        self,
        directory: str | os.PathLike[str] | None = None,
        max_age_seconds: float = 86400,
        *,
        clock: Callable[[], float] = time.time,
        on_warning: Callable[[str], None] | None = None,
    ):
        self.directory = Path(directory) if directory is not None else default_cache_dir() / "pages"
        self.max_age_seconds = max_age_seconds
        self._clock = clock
        self._on_warning = on_warning

    @staticmethod
    def key(url: str) -> str:
        return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()

    def path_for(self, url: str) -> Path:
        return self.directory / f"{self.key(url)}.json"

    def get(self, url: str, *, max_age_seconds: float | None = None) -> CachedPage | None:
        """The cached page for url, or None when missing, unreadable or older than its lifetime."""
        path = self.path_for(url)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entry = CachedPage(
                str(data["url"]),
                str(data["body"]),
                str(data["fetched_at"]),
                str(data["final_url"]) if data.get("final_url") else None,
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            # Named once, then treated as absent: the page is fetched again and replaces it.
            if self._on_warning is not None:
                self._on_warning(f"ratify: warning: skipped unreadable cached page {path}: {type(exc).__name__}")
            return None
        if canonical_url(entry.url) != canonical_url(url):
            return None  # a hash collision or a foreign file
        fetched = parse_utc_iso(entry.fetched_at)
        limit = self.max_age_seconds if max_age_seconds is None else max_age_seconds
        if fetched is None or self._clock() - fetched > limit or fetched - self._clock() > 300:
            return None
        return entry

    def store(self, url: str, body: str, fetched_at: str | None = None, *, final_url: str | None = None) -> CachedPage:
        """Store a page (atomically) and return the entry; OSError when the folder cannot be written."""
        entry = CachedPage(url, body, fetched_at or utc_iso(self._clock()), final_url)
        payload = {"url": entry.url, "fetched_at": entry.fetched_at, "final_url": entry.final_url, "body": entry.body}
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path_for(url), json.dumps(payload, ensure_ascii=False))
        return entry

    def delete(self, url: str) -> None:
        try:
            self.path_for(url).unlink()
        except FileNotFoundError:
            pass
