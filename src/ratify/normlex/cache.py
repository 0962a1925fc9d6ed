"""An on-disk cache of NORMLEX pages, so repeated runs do not hit the site.

Each page is one JSON file named by the SHA-256 of its (decoded) URL, holding the URL, the
time it was fetched and the body. Files are written to a temporary file in the same
directory and moved into place with ``os.replace``, so a crash never leaves half a page.
Only pages that parsed are stored (the client checks before storing), so a block page never
replaces a good entry.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..paths import CACHE_ENV, default_cache_dir  # noqa: F401 (part of this module's API)
from .urls import canonical_url


def utc_now_iso() -> str:
    """The current time as ``2026-11-22T10:15:00Z``."""
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_iso(ts: str) -> float | None:
    try:
        dt = _dt.datetime.fromisoformat(ts.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=_dt.timezone.utc)
    return dt.timestamp()


def atomic_write_text(path: Path, text: str) -> None:
    """Write text to path through a temporary file and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


@dataclass(frozen=True)
class CachedPage:
    url: str
    body: str
    fetched_at: str  # ISO timestamp, UTC


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
            entry = CachedPage(str(data["url"]), str(data["body"]), str(data["fetched_at"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            # Named once, then treated as absent: the page is fetched again and replaces it.
            if self._on_warning is not None:
                self._on_warning(f"ratify: warning: skipped unreadable cached page {path}: {type(exc).__name__}")
            return None
        if canonical_url(entry.url) != canonical_url(url):
            return None  # a hash collision or a foreign file
        fetched = _parse_iso(entry.fetched_at)
        limit = self.max_age_seconds if max_age_seconds is None else max_age_seconds
        if fetched is None or self._clock() - fetched > limit or fetched - self._clock() > 300:
            return None
        return entry

    def store(self, url: str, body: str, fetched_at: str | None = None) -> CachedPage:
        """Store a page (atomically) and return the entry."""
        entry = CachedPage(url, body, fetched_at or _iso_from_epoch(self._clock()))
        payload = {"url": entry.url, "fetched_at": entry.fetched_at, "body": entry.body}
        atomic_write_text(self.path_for(url), json.dumps(payload, ensure_ascii=False))
        return entry

    def delete(self, url: str) -> None:
        try:
            self.path_for(url).unlink()
        except FileNotFoundError:
            pass


def _iso_from_epoch(ts: float) -> str:
    return _dt.datetime.fromtimestamp(int(ts), _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
