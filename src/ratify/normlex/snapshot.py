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
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..errors import DataError, RatifyError, SourceError, UsageError
from ..utc import parse_utc_iso, utc_iso, utc_now_iso
from .cache import default_cache_dir
from .parser import NormlexRecord
from .urls import DEFAULT_BASE_URL

SNAPSHOT_FORMAT = "ratify-normlex-snapshot"
SNAPSHOT_VERSION = 1
_NAME_RE = re.compile(r"^normlex-(\d{8}T\d{6}Z)(?:-(\d+))?\.json$")
_PAGE_FIELDS = ("url", "final_url", "fetched_at", "kind", "key", "from_cache", "source", "dated")
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
    def from_dict(cls, data: dict[str, Any]) -> Snapshot:
        if not isinstance(data, dict) or data.get("format", SNAPSHOT_FORMAT) != SNAPSHOT_FORMAT:
            raise ValueError("not a ratify NORMLEX snapshot")
        if int(data.get("version", SNAPSHOT_VERSION)) > SNAPSHOT_VERSION:
            raise ValueError(f"snapshot version {data.get('version')} is newer than this ratify")
        return cls(
            created=str(data["created"]),
            base_url=str(data.get("base_url") or ""),
            pages=[{k: p.get(k) for k in _PAGE_FIELDS if k in p} for p in data.get("pages") or []],
            records=[NormlexRecord.from_dict(r) for r in data.get("records") or []],
            warnings=[str(w) for w in data.get("warnings") or []],
            failed=[{k: f.get(k) for k in _FAILED_FIELDS} for f in data.get("failed") or []],
        )


def page_entry(page, *, source: str | None = None) -> dict[str, Any]:
    """The snapshot's description of one parsed page."""
    src = source or getattr(page, "source", None) or "file"
    return {
        "url": page.url,
        "final_url": getattr(page, "final_url", None) or page.url,
        "fetched_at": page.fetched_at,
        "kind": page.kind,
        "key": page.key,
        "from_cache": src == "cache",
        "source": src,
        "dated": getattr(page, "dated", "") or None,  # the year a saved page's copyright line gives
    }


def _stamp(created: str) -> str:
    moment = parse_utc_iso(created)
    return utc_iso(moment).replace("-", "").replace(":", "")


def save_snapshot(snapshot: Snapshot, directory: str | os.PathLike[str] | None = None) -> Path:
    """Write a snapshot as ``normlex-YYYYMMDDTHHMMSSZ.json`` (``-1``, ``-2``... if taken).

    The file is written to a temporary name and linked into place, so an earlier snapshot
    is never overwritten and a crash never leaves a partial file.
    """
    folder = Path(directory) if directory is not None else snapshot_dir()
    text = json.dumps(snapshot.to_dict(), ensure_ascii=False, indent=2) + "\n"
    stamp = _stamp(snapshot.created)
    n = 0
    try:
        folder.mkdir(parents=True, exist_ok=True)
        while True:
            target = folder / (f"normlex-{stamp}.json" if n == 0 else f"normlex-{stamp}-{n}.json")
            try:
                return write_atomic(target, text, exclusive=True)
            except FileExistsError:
                n += 1
    except OSError as exc:
        raise UsageError(f"cannot save the NORMLEX snapshot in {folder}: {exc.strerror or exc}") from None


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
        snapshot = Snapshot.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OverflowError) as exc:
        raise DataError(f"unreadable NORMLEX snapshot: {_one_line(exc)}", str(path)) from None
    if parse_utc_iso(snapshot.created) is None:
        raise DataError(f"unreadable NORMLEX snapshot: 'created' is not a time: {snapshot.created[:40]!r}", str(path))
    validate_records(snapshot.records, str(path))
    return snapshot


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
    try:
        paths = list_snapshots(directory)
    except OSError as exc:
        return [], [f"skipped the snapshot folder {exc.filename or directory}: {exc.strerror or exc}"]
    # A file named for a time more than a day ahead (a wrong clock, or put there by hand)
    # would otherwise stay the latest for ever.
    horizon = utc_iso(time.time() + 86400).replace("-", "").replace(":", "")
    for path in paths:
        if path.name[len("normlex-") :][:16] > horizon:
            warnings.append(f"skipped {path}: named for a time in the future")
            continue
        try:
            found.append((path, load_snapshot(path)))
        except DataError as exc:
            warnings.append(f"skipped {exc}")
    return found, warnings


_INSTRUMENT_RE = re.compile(r"^[CP](?!000)[0-9]{3}$")


def validate_records(records: Iterable[NormlexRecord], where: str) -> None:
    """Check every record read from a page or a snapshot; DataError naming file and record.

    Records are used far from where they were read (merged into reports, compared by
    ``diff``), so a bad one must stop here, not crash a later command.
    """
    from ..dates import PartialDate
    from .parser import STATUSES

    latest = _dt.date.today() + _dt.timedelta(days=1)

    def day(value: object, what: str) -> str | None:
        if not isinstance(value, str):
            return f"{what} must be a date, got {type(value).__name__}"
        try:
            parsed = PartialDate.parse(value)
        except ValueError as exc:
            return f"{what}: {exc}"
        if parsed.earliest > latest:
            return f"{what} {value} is in the future"
        return None

    for number, record in enumerate(records, 1):
        if not isinstance(record, NormlexRecord):
            raise DataError(f"record {number} is not a ratification record", where)
        label = f"record {number} ({str(record.country_name)[:40]} {str(record.instrument)[:10]})"
        problems: list[str | None] = []  # None: a check that found nothing
        if not isinstance(record.country_name, str) or not record.country_name.strip():
            problems.append("no country name")
        if record.country_id is not None and not (isinstance(record.country_id, str) and record.country_id.isdigit()):
            problems.append(f"country id {record.country_id!r} is not a NORMLEX id")
        if not isinstance(record.instrument, str) or not _INSTRUMENT_RE.match(record.instrument):
            problems.append(f"instrument {record.instrument!r} is not an instrument id")
        problems.append(day(record.date, "date"))
        if record.status not in STATUSES:
            problems.append(f"status {record.status!r} is not one of {', '.join(STATUSES)}")
        if record.denounced is not None:
            problems.append(day(record.denounced, "denunciation date"))
        if record.denounced_by is not None and not (
            isinstance(record.denounced_by, str) and _INSTRUMENT_RE.match(record.denounced_by)
        ):
            problems.append(f"denounced_by {record.denounced_by!r} is not an instrument id")
        if not isinstance(record.note, str) or not isinstance(record.url, str):
            problems.append("note and url must be text")
        found = [p for p in problems if p]
        if found:
            raise DataError(f"invalid NORMLEX {label}: {'; '.join(found)}", where)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


# --------------------------------------------------------------------------- building snapshots


def _collect(
    snapshot: Snapshot, jobs: list[tuple[str, Any]], kinds: dict[str, tuple[str, str]] | None = None
) -> Snapshot:
    """Run (label, thunk) jobs; skip failures with a warning unless all of them fail.

    Every failure is also recorded in ``snapshot.failed`` (with the page's kind and key
    when known), so the snapshot says what it does not cover.
    """
    errors: list[tuple[str, RatifyError]] = []
    for label, job in jobs:
        try:
            page = job()
            validate_records(page.records, page.url)
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
    for label, error in errors:
        snapshot.warnings.append(f"skipped {label}: {error}")
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
    from .client import MAX_PAGE_BYTES

    with open(path, "rb") as fh:  # bounded: /dev/zero or a huge file must not fill memory
        data = fh.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        raise DataError(f"saved page is larger than {MAX_PAGE_BYTES // 1_000_000} MB; not a NORMLEX page", str(path))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def parse_saved_file(path: str | os.PathLike[str]):
    """Parse one page saved from a browser (kind detected from its content)."""
    from .copy_date import stated_year
    from .parser import parse_saved_page

    path = Path(path)
    try:
        html = _read_html(path)
    except OSError as exc:
        raise DataError(f"cannot read saved page: {exc.strerror or exc}", str(path)) from exc
    page = parse_saved_page(html, path.name)
    page.source = "file"
    page.fetched_at = _file_time(path)
    page.dated = stated_year(html)
    return page


def _file_time(path: Path) -> str | None:
    try:
        return utc_iso(path.stat().st_mtime)
    except (OSError, OverflowError, ValueError):
        return None


def saved_page_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files named, with each folder replaced by the saved pages in it (*.html, *.htm), sorted."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".html", ".htm"))
            if not inside:
                raise UsageError(f"no saved pages (*.html, *.htm) in folder {path}")
            found.extend(inside)
        else:
            found.append(path)
    if not found:
        raise UsageError("no saved NORMLEX pages given (ratify fetch --from-html FILE... or a folder)")
    return list(dict.fromkeys(found))


def parse_saved_files(paths: Iterable[str | os.PathLike[str]], *, base_url: str = DEFAULT_BASE_URL) -> Snapshot:
    """``ratify fetch --from-html``: a snapshot from pages saved from a browser.

    Each file gives the same records as fetching the same page. A file that cannot be
    read or parsed is skipped with a warning unless every file fails.
    """
    files = [Path(p) for p in paths]
    if not files:
        raise UsageError("no saved NORMLEX pages given")
    snapshot = Snapshot(created=utc_now_iso(), base_url=base_url)
    jobs = [(f.name, (lambda f=f: parse_saved_file(f))) for f in files]
    return _collect(snapshot, jobs)
