"""NORMLEX pages combined across snapshots: the latest copy of each page, with its date.

Each fetch saves a snapshot of the pages it read. Fetching C187 today must not hide C155
fetched yesterday, so reports read every snapshot and keep, for each page (an instrument
page by instrument id, a country page by NORMLEX country id), the copy fetched last. A page
that failed in a fetch keeps its earlier good copy; a page that never succeeded is listed
as failed, so nobody takes a partial fetch for a complete one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .parser import NormlexRecord
from .snapshot import Snapshot, read_snapshots


@dataclass
class PageCopy:
    kind: str
    key: str
    url: str
    fetched_at: str
    entry: dict[str, Any]
    records: list[NormlexRecord]
    snapshot: str  # the file it came from


@dataclass
class PageSet:
    """The latest copy of every page found in the snapshots."""

    pages: dict[tuple[str, str], PageCopy] = field(default_factory=dict)
    failed: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # never read successfully
    warnings: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    base_url: str = ""

    @property
    def latest(self) -> str:
        return max((p.fetched_at for p in self.pages.values() if p.fetched_at), default="")

    @property
    def oldest(self) -> str:
        return min((p.fetched_at for p in self.pages.values() if p.fetched_at), default="")

    def as_snapshot(self) -> Snapshot:
        """One snapshot holding the latest copy of each page and only its records."""
        return Snapshot(
            created=self.latest,
            base_url=self.base_url,
            pages=[dict(p.entry) for p in self.pages.values()],
            records=[r for p in self.pages.values() for r in p.records],
            warnings=list(self.warnings),
            failed=list(self.failed.values()),
        )


def _page_key(entry: dict[str, Any]) -> tuple[str, str] | None:
    kind, key = entry.get("kind"), entry.get("key")
    if not kind or not key:
        return None
    return (str(kind), str(key))


def combine(snapshots: Iterable[tuple[str, Snapshot]]) -> PageSet:
    """Combine snapshots given oldest first: for each page, the copy fetched last wins."""
    result = PageSet()
    for name, snap in snapshots:
        result.files.append(name)
        result.base_url = snap.base_url or result.base_url
        by_url: dict[str, list[NormlexRecord]] = {}
        for record in snap.records:
            by_url.setdefault(record.url, []).append(record)
        for entry in snap.pages:
            key = _page_key(entry)
            if key is None:
                continue
            fetched = str(entry.get("fetched_at") or snap.created or "")
            earlier = result.pages.get(key)
            # A later snapshot wins ties; an older copy of a page read again later loses.
            if earlier is not None and earlier.fetched_at and fetched and fetched < earlier.fetched_at:
                continue
            url = str(entry.get("url") or "")
            result.pages[key] = PageCopy(
                key[0], key[1], url, fetched, dict(entry, fetched_at=fetched), by_url.get(url, []), name
            )
            result.failed.pop(key, None)
        for failure in snap.failed:
            key = _page_key(failure)
            if key is not None and key not in result.pages:
                result.failed[key] = dict(failure)
    for key, failure in result.failed.items():
        result.warnings.append(
            f"NORMLEX page {failure.get('label') or ' '.join(key)} has never been read: {failure.get('error')}"
        )
    return result


def load_pages(directory: str | os.PathLike[str] | None = None) -> PageSet | None:
    """The combined pages of every readable snapshot in `directory`; None when there is no snapshot file."""
    snapshots, warnings = read_snapshots(directory)
    if not snapshots:
        return PageSet(warnings=warnings) if warnings else None  # no pages, but say what was skipped
    result = combine((Path(path).name, snap) for path, snap in snapshots)
    result.warnings[:0] = warnings
    return result
