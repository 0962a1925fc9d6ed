"""Snapshots: the records read from NORMLEX in one run, saved as dated JSON files.

A snapshot lists the pages it was read from (URL, when, how: network, cache or a saved
file), the pages that failed (so a partial fetch is never taken for a complete one), the
records, and warnings (pages skipped, totals that could not be checked). A snapshot covers
only its pages: see `normlex.pages` for how pages combine across snapshots.
``save_snapshot`` never overwrites an earlier snapshot, so ``ratify diff`` can always
compare with the previous run.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..errors import DataError, RatifyError, SourceError, UsageError
from .cache import default_cache_dir, utc_now_iso
from .parser import NormlexRecord
from .urls import DEFAULT_BASE_URL

SNAPSHOT_FORMAT = "ratify-normlex-snapshot"
SNAPSHOT_VERSION = 1
_NAME_RE = re.compile(r"^normlex-(\d{8}T\d{6}Z)(?:-(\d+))?\.json$")
_PAGE_FIELDS = ("url", "fetched_at", "kind", "key", "from_cache", "source")
_FAILED_FIELDS = ("label", "kind", "key", "error", "at")


def snapshot_dir() -> Path:
    """Default snapshot directory: ``<cache dir>/snapshots``."""
    return default_cache_dir() / "snapshots"


@dataclass
class Snapshot:
    created: str  # ISO timestamp, UTC ("2026-11-22T10:15:00Z")
    base_url: str
    pages: list[dict[str, Any]] = field(default_factory=list)
    records: list[NormlexRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)  # pages asked for that could not be read

    @property
    def partial(self) -> bool:
        """Some pages asked for failed: the snapshot covers only the others."""
        return bool(self.failed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": SNAPSHOT_FORMAT,
            "version": SNAPSHOT_VERSION,
            "created": self.created,
            "base_url": self.base_url,
            "pages": [dict(p) for p in self.pages],
            "failed": [dict(f) for f in self.failed],
            "records": [r.to_dict() for r in self.records],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Snapshot":
        if not isinstance(data, dict) or data.get("format", SNAPSHOT_FORMAT) != SNAPSHOT_FORMAT:
            raise ValueError("not a ratify NORMLEX snapshot")
        if int(data.get("version", SNAPSHOT_VERSION)) > SNAPSHOT_VERSION:
            raise ValueError(f"snapshot version {data.get('version')} is newer than this ratify")
        return cls(
            created=str(data["created"]),
            base_url=str(data.get("base_url") or ""),
            pages=[{k: p.get(k) for k in _PAGE_FIELDS} for p in data.get("pages") or []],
            records=[NormlexRecord.from_dict(r) for r in data.get("records") or []],
            warnings=[str(w) for w in data.get("warnings") or []],
            failed=[{k: f.get(k) for k in _FAILED_FIELDS} for f in data.get("failed") or []],
        )


def page_entry(page, *, source: str | None = None) -> dict[str, Any]:
    """The snapshot's description of one parsed page."""
    src = source or getattr(page, "source", None) or "file"
    return {
        "url": page.url,
        "fetched_at": page.fetched_at,
        "kind": page.kind,
        "key": page.key,
        "from_cache": src == "cache",
        "source": src,
    }


def _stamp(created: str) -> str:
    try:
        dt = _dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=_dt.timezone.utc)
        dt = dt.astimezone(_dt.timezone.utc)
    except (ValueError, AttributeError):
        dt = _dt.datetime.now(_dt.timezone.utc)
    return dt.strftime("%Y%m%dT%H%M%SZ")


def save_snapshot(snapshot: Snapshot, directory: str | os.PathLike[str] | None = None) -> Path:
    """Write a snapshot as ``normlex-YYYYMMDDTHHMMSSZ.json`` (``-1``, ``-2``... if taken).

    The file is written to a temporary name and linked into place, so an earlier snapshot
    is never overwritten and a crash never leaves a partial file.
    """
    folder = Path(directory) if directory is not None else snapshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(snapshot.to_dict(), ensure_ascii=False, indent=2) + "\n"
    stamp = _stamp(snapshot.created)
    fd, tmp = tempfile.mkstemp(prefix=".normlex-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        n = 0
        while True:
            target = folder / (f"normlex-{stamp}.json" if n == 0 else f"normlex-{stamp}-{n}.json")
            try:
                os.link(tmp, target)  # fails if target exists: never overwrites
                return target
            except FileExistsError:
                n += 1
            except OSError:
                # File systems without hard links: check, then replace (not race-free).
                if target.exists():
                    n += 1
                    continue
                os.replace(tmp, target)
                return target
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def list_snapshots(directory: str | os.PathLike[str] | None = None) -> list[Path]:
    """Snapshot files in a directory, oldest first."""
    folder = Path(directory) if directory is not None else snapshot_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        m = _NAME_RE.match(path.name)
        if m and path.is_file():
            found.append(((m.group(1), int(m.group(2) or 0)), path))
    return [p for _, p in sorted(found)]


def load_snapshot(path: str | os.PathLike[str]) -> Snapshot:
    path = Path(path)
    try:
        return Snapshot.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"unreadable NORMLEX snapshot: {exc}", str(path)) from exc


def load_latest_snapshot(directory: str | os.PathLike[str] | None = None) -> Snapshot | None:
    """The newest readable snapshot in the directory, or None when there is none."""
    snapshots, _ = read_snapshots(directory)
    return snapshots[-1][1] if snapshots else None


def read_snapshots(directory: str | os.PathLike[str] | None = None) -> tuple[list[tuple[Path, Snapshot]], list[str]]:
    """Every readable snapshot, oldest first, and one warning per file that could not be read.

    A corrupt or unreadable snapshot never blocks a command (nor the fetch that replaces
    it): it is named once and skipped.
    """
    found: list[tuple[Path, Snapshot]] = []
    warnings: list[str] = []
    for path in list_snapshots(directory):
        try:
            found.append((path, load_snapshot(path)))
        except DataError as exc:
            warnings.append(f"skipped {exc}")
    return found, warnings


# --------------------------------------------------------------------------- building snapshots


def _collect(snapshot: Snapshot, jobs: list[tuple[str, Any]], kinds: dict[str, tuple[str, str]] | None = None) -> Snapshot:
    """Run (label, thunk) jobs; skip failures with a warning unless all of them fail.

    Every failure is also recorded in ``snapshot.failed`` (with the page's kind and key
    when known), so the snapshot says what it does not cover.
    """
    errors: list[tuple[str, RatifyError]] = []
    for label, job in jobs:
        try:
            page = job()
        except (SourceError, DataError) as exc:
            errors.append((label, exc))
            kind, key = (kinds or {}).get(label, (None, None))
            snapshot.failed.append({"label": label, "kind": kind, "key": key, "error": str(exc), "at": utc_now_iso()})
            continue
        snapshot.pages.append(page_entry(page))
        snapshot.records.extend(page.records)
        snapshot.warnings.extend(page.warnings)
    if errors and len(errors) == len(jobs):
        if len(errors) == 1:
            raise errors[0][1]
        first_label, first = errors[0]
        raise SourceError(f"all {len(errors)} NORMLEX pages failed; {first_label}: {first}")
    for label, exc in errors:
        snapshot.warnings.append(f"skipped {label}: {exc}")
    return snapshot


def fetch(
    instruments: Iterable[str] = (),
    country_ids: Iterable[str] = (),
    *,
    client,
) -> Snapshot:
    """Fetch instrument pages (11300) and country pages (11200) into a snapshot.

    A page that fails while others succeed is skipped with a warning in
    ``snapshot.warnings``; if every page fails, the (first) error is raised. Unknown
    instrument ids raise UsageError before any request is made.
    """
    instruments = list(instruments)
    country_ids = [str(c) for c in country_ids]
    if not instruments and not country_ids:
        raise UsageError("nothing to fetch: give instruments or NORMLEX country ids")
    for code in instruments:
        client.instrument_url(code)  # validates (UsageError) before any network use
    for cid in country_ids:
        client.country_url(cid)
    snapshot = Snapshot(created=utc_now_iso(), base_url=client.base_url)
    jobs = [(f"{code}", (lambda c=code: client.fetch_instrument(c))) for code in instruments]
    jobs += [(f"country {cid}", (lambda c=cid: client.fetch_country(c))) for cid in country_ids]
    kinds = {code: ("instrument", code) for code in instruments}
    kinds.update({f"country {cid}": ("country", cid) for cid in country_ids})
    return _collect(snapshot, jobs, kinds)


def _read_html(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def parse_saved_file(path: str | os.PathLike[str]):
    """Parse one page saved from a browser (kind detected from its content)."""
    from .parser import page_url_from_html, parse_page

    path = Path(path)
    try:
        html = _read_html(path)
    except OSError as exc:
        raise DataError(f"cannot read saved page: {exc.strerror or exc}", str(path)) from exc
    url = page_url_from_html(html) or path.name
    page = parse_page(html, url)
    page.source = "file"
    page.fetched_at = _file_time(path)
    return page


def _file_time(path: Path) -> str | None:
    try:
        ts = path.stat().st_mtime
    except OSError:
        return None
    return _dt.datetime.fromtimestamp(int(ts), _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_saved_files(
    paths: Iterable[str | os.PathLike[str]], *, base_url: str = DEFAULT_BASE_URL
) -> Snapshot:
    """``ratify fetch --from-html``: a snapshot from pages saved from a browser.

    Each file gives the same records as fetching the same page. A file that cannot be
    read or parsed is skipped with a warning unless every file fails.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise UsageError("no saved NORMLEX pages given")
    snapshot = Snapshot(created=utc_now_iso(), base_url=base_url)
    jobs = [(p.name, (lambda p=p: parse_saved_file(p))) for p in paths]
    return _collect(snapshot, jobs)
