"""Which data a command reads: the one place that decides between curated, NORMLEX and merged.

Two questions, two functions:

- `curated(data_dir)`: the curated YAML of the data directory, whatever NORMLEX snapshots
  exist. Checks of the curated data (`validate`, `diff`) and choices of what to fetch use it.
- `report(data_dir, source)`: the data reports answer from, chosen by `--source`:
  `curated`; `normlex` (only what fetched NORMLEX pages say, and only for the cells they
  cover); `merged` (NORMLEX where a page covers the cell, curated elsewhere). With no
  source, merged when NORMLEX pages exist, else curated.

NORMLEX pages are combined across every snapshot (the latest copy of each page wins,
with its date; see `normlex.pages`). A snapshot that cannot be read is named in a warning
and skipped: it never blocks a command. Each answer carries a label and notes for stderr.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import UsageError
from ..model import Dataset

if TYPE_CHECKING:
    from ..normlex.pages import PageSet

SOURCES = ("curated", "normlex", "merged")
NO_SNAPSHOT = "no NORMLEX snapshot: run `ratify fetch` first"


@dataclass
class Data:
    """A dataset and what it is: a label for people, notes for stderr."""

    dataset: Dataset
    label: str
    notes: list[str] = field(default_factory=list)


def snapshot_label(created: str) -> str:
    """``2026-11-22T10:15:00Z`` -> ``2026-11-22T10:15Z`` (minutes are enough for a label)."""
    if len(created) >= 16 and created[10] == "T":
        return created[:16] + "Z"
    return created


def curated_label(dataset: Dataset) -> str:
    checked = dataset.checked.get("countries") or dataset.checked.get("conventions")
    return f"curated data (checked {checked})" if checked else "curated data"


def curated(data_dir: Path | str | None = None) -> Data:
    """The curated YAML of the data directory (the embedded data by default)."""
    from ..curated.load import load

    dataset = load(data_dir)
    return Data(dataset, curated_label(dataset))


def check_source(source: str | None) -> str | None:
    chosen = source.strip().lower() if source else None
    if chosen is not None and chosen not in SOURCES:
        raise UsageError(f"unknown source {source!r} (expected {', '.join(SOURCES)})")
    return chosen


def _snapshot_folder(snapshot_dir: Path | str | None) -> Path:
    from ..paths import default_cache_dir

    return Path(snapshot_dir) if snapshot_dir is not None else default_cache_dir() / "snapshots"


def _any_snapshot(snapshot_dir: Path | str | None) -> bool:
    """A cheap look for snapshot files, so curated-only runs never parse a snapshot."""
    try:
        return any(name.endswith(".json") for name in os.listdir(_snapshot_folder(snapshot_dir)))
    except OSError:
        return False


def normlex_pages(snapshot_dir: Path | str | None = None) -> PageSet | None:
    """Every fetched NORMLEX page (latest copy of each), or None when no snapshot exists."""
    from ..normlex.pages import load_pages

    return load_pages(snapshot_dir)


def pages_label(pages: PageSet) -> str:
    n = len(pages.pages)
    first, last = snapshot_label(pages.oldest), snapshot_label(pages.latest)
    when = last if first[:10] == last[:10] else f"{first[:10]} to {last}"
    return f"{n} NORMLEX page{'s' if n != 1 else ''} fetched {when}"


def report(
    data_dir: Path | str | None = None,
    source: str | None = None,
    snapshot_dir: Path | str | None = None,
) -> Data:
    """The data reports answer from, for `--source curated|normlex|merged` (None: the default)."""
    chosen = check_source(source)
    if chosen == "curated" or (chosen is None and not _any_snapshot(snapshot_dir)):
        return curated(data_dir)
    from . import cache

    entry = cache.entry_for(data_dir, chosen, _snapshot_folder(snapshot_dir))
    if entry is not None:
        cached = cache.read(entry)
        if cached is not None:
            return cached
    data = _report(data_dir, chosen, snapshot_dir)
    # Only data built without a warning is kept: a warning may name a passing problem
    # (a snapshot unreadable for now) that a later run should look at again.
    if entry is not None and not any(note.startswith("ratify: warning:") for note in data.notes):
        cache.write(entry, data)
    return data


def _report(data_dir: Path | str | None, chosen: str | None, snapshot_dir: Path | str | None) -> Data:
    base = curated(data_dir)
    found = _matched(base.dataset, snapshot_dir)
    if found is None or not found[0].covered_instruments and not found[0].covered_countries and not found[0].records:
        warnings = found[2] if found else []
        notes = [f"ratify: warning: {w}" for w in warnings]
        if chosen is None:
            base.notes.extend(notes)
            return base
        raise UsageError(NO_SNAPSHOT + ("; " + "; ".join(warnings) if warnings else ""))

    from . import reconcile

    matched, what, warnings, matched_notes = found
    notes = [f"ratify: warning: {w}" for w in warnings] + [f"ratify: note: {n}" for n in matched_notes]
    if chosen == "normlex":
        dataset = reconcile.normlex_only(base.dataset, None, matched, what)
        return Data(dataset, f"NORMLEX only: {what}", notes)
    dataset = reconcile.merge(base.dataset, None, matched, what)
    dropped = dataset.normlex.dropped_curated if dataset.normlex else []
    if dropped:
        cells = ", ".join(f"{r.country} {r.instrument}" for r in dropped[:10]) + (", ..." if len(dropped) > 10 else "")
        notes.append(
            f"ratify: note: {len(dropped)} curated record(s) not listed on the NORMLEX page covering the cell "
            f"({cells}): NORMLEX's answer is used; see `ratify diff`"
        )
    return Data(dataset, f"merged: curated + {what}", notes)


# --------------------------------------------------------------------------- matched pages, cached
#
# Reading every snapshot (megabytes of JSON), rebuilding 14,000 NORMLEX records and matching
# their countries costs more than the rest of a world-scale report, so the result of the
# matching is cached: plain JSON (never a pickle, like the data cache), behind the SHA-256
# of its payload, keyed by the curated files' bytes and the snapshots' names, sizes and times
# (a snapshot is written once and never changed). Anything that does not read back intact is
# a miss, and the snapshots are read again.

_MAGIC = b"ratify-matched-pages-2 "  # 2: pages keep the date a saved copy states
_ROW_FIELDS = ("country_name", "country_id", "instrument", "date", "status", "note", "denounced", "denounced_by", "url")


def _row_type():
    from collections import namedtuple

    # Reads like a NormlexRecord (same field names), at a fraction of the cost to build; the
    # country's name and NORMLEX id are not kept, since the row is matched already.
    return namedtuple("NormlexRow", _ROW_FIELDS)


def _matched(dataset: Dataset, snapshot_dir: Path | str | None):
    """(Matched, label, warnings, notes) for every fetched page, or None without snapshots."""
    from ..curated.cache import DISABLE_ENV, _cache_dir
    from ..normlex.snapshot import list_snapshots

    folder = _snapshot_folder(snapshot_dir)
    entry = None
    if not os.environ.get(DISABLE_ENV):
        try:
            digest = hashlib.sha256(f"{__version__}\0{folder.resolve()}".encode())
            for name in sorted(set(dataset.paths.values())):
                digest.update(Path(name).read_bytes())
            for snapshot in list_snapshots(folder):
                info = snapshot.stat()
                digest.update(f"\0{snapshot.name}\0{info.st_size}\0{info.st_mtime_ns}".encode())
            entry = _cache_dir() / f"matched-{digest.hexdigest()}.json"
        except OSError:
            entry = None  # read without the cache; the reading says what is wrong
    if entry is not None:
        cached = _read_matched(entry)
        if cached is not None:
            return cached
    found = _match_pages(dataset, snapshot_dir)
    if entry is not None and found is not None:
        _write_matched(entry, found)
    return found


def _match_pages(dataset: Dataset, snapshot_dir: Path | str | None):
    from . import reconcile

    pages = normlex_pages(snapshot_dir)
    if pages is None:
        return None
    if not pages.pages:
        return reconcile.Matched(), "", list(pages.warnings), []
    matched = reconcile.match(dataset, pages.as_snapshot())
    return matched, pages_label(pages), list(pages.warnings), matched.notes()


def _page_row(p) -> list:
    return [p.kind, p.key, p.url, p.fetched_at, p.dated, p.from_file]


def _write_matched(entry: Path, found) -> None:
    import json

    from ..atomic import write_atomic

    matched, what, warnings, notes = found
    urls = sorted({r.url for r in matched.records.values()})
    url_index = {u: i for i, u in enumerate(urls)}
    payload = {
        "label": what,
        "warnings": warnings,
        "notes": notes,
        "failed": matched.failed,
        "covered_instruments": sorted(matched.covered_instruments),
        "covered_countries": sorted(matched.covered_countries),
        "instrument_pages": {k: _page_row(p) for k, p in matched.instrument_pages.items()},
        "country_pages": {k: _page_row(p) for k, p in matched.country_pages.items()},
        # One row per record, sorted, with the page URL as an index into `urls`: a world of
        # 14,000 records would otherwise repeat ~190 URLs (and country names) thousands of times.
        "urls": urls,
        "records": [
            [code, r.instrument, r.date, r.status, r.note, r.denounced, r.denounced_by, url_index[r.url]]
            for (code, _), r in sorted(matched.records.items())
        ],
    }
    blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(entry, _MAGIC + hashlib.sha256(blob).hexdigest().encode() + b"\n" + blob)
        for other in entry.parent.glob("matched-*.json"):  # only the newest is ever read again
            if other != entry:
                other.unlink()
    except (OSError, TypeError, ValueError):
        pass  # a cache that cannot be written only costs speed


def _read_matched(entry: Path):
    import json

    from ..model import PageRef
    from . import reconcile

    try:
        header, blob = entry.read_bytes().split(b"\n", 1)
        if header != _MAGIC + hashlib.sha256(blob).hexdigest().encode():
            return None
        data = json.loads(blob)
        row, urls = _row_type(), data["urls"]
        matched = reconcile.Matched(
            records={
                (code, ident): row("", None, ident, date, status, note, denounced, by, urls[url])
                for code, ident, date, status, note, denounced, by, url in data["records"]
            },
            covered_instruments=set(data["covered_instruments"]),
            covered_countries=set(data["covered_countries"]),
            instrument_pages={k: PageRef(*v) for k, v in data["instrument_pages"].items()},
            country_pages={k: PageRef(*v) for k, v in data["country_pages"].items()},
            failed=[str(f) for f in data["failed"]],
        )
        return matched, str(data["label"]), [str(w) for w in data["warnings"]], [str(n) for n in data["notes"]]
    except Exception:  # anything but an intact entry is a miss
        return None
