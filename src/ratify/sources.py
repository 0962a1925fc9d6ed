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

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from .errors import UsageError
from .model import Dataset

if TYPE_CHECKING:
    from .normlex.pages import PageSet

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


def curated(data_dir: Optional[Path | str] = None) -> Data:
    """The curated YAML of the data directory (the embedded data by default)."""
    from .store import load

    dataset = load(data_dir)
    return Data(dataset, curated_label(dataset))


def check_source(source: Optional[str]) -> Optional[str]:
    chosen = source.strip().lower() if source else None
    if chosen is not None and chosen not in SOURCES:
        raise UsageError(f"unknown source {source!r} (expected {', '.join(SOURCES)})")
    return chosen


def _snapshot_folder(snapshot_dir: Optional[Path | str]) -> Path:
    from .paths import default_cache_dir

    return Path(snapshot_dir) if snapshot_dir is not None else default_cache_dir() / "snapshots"


def _any_snapshot(snapshot_dir: Optional[Path | str]) -> bool:
    """A cheap look for snapshot files, so curated-only runs never parse a snapshot."""
    try:
        return any(name.endswith(".json") for name in os.listdir(_snapshot_folder(snapshot_dir)))
    except OSError:
        return False


def normlex_pages(snapshot_dir: Optional[Path | str] = None) -> Optional["PageSet"]:
    """Every fetched NORMLEX page (latest copy of each), or None when no snapshot exists."""
    from .normlex.pages import load_pages

    return load_pages(snapshot_dir)


def pages_label(pages: "PageSet") -> str:
    n = len(pages.pages)
    first, last = snapshot_label(pages.oldest), snapshot_label(pages.latest)
    when = last if first[:10] == last[:10] else f"{first[:10]} to {last}"
    return f"{n} NORMLEX page{'s' if n != 1 else ''} fetched {when}"


def report(
    data_dir: Optional[Path | str] = None,
    source: Optional[str] = None,
    snapshot_dir: Optional[Path | str] = None,
) -> Data:
    """The data reports answer from, for `--source curated|normlex|merged` (None: the default)."""
    chosen = check_source(source)
    base = curated(data_dir)
    if chosen == "curated" or (chosen is None and not _any_snapshot(snapshot_dir)):
        return base
    pages = normlex_pages(snapshot_dir)
    notes = [f"ratify: warning: {w}" for w in pages.warnings] if pages is not None else []
    if pages is None or not pages.pages:
        if chosen is None:
            base.notes.extend(notes)
            return base
        raise UsageError(NO_SNAPSHOT + ("; " + "; ".join(pages.warnings) if pages and pages.warnings else ""))

    from . import reconcile

    snapshot = pages.as_snapshot()
    matched = reconcile.match(base.dataset, snapshot)
    what = pages_label(pages)
    notes.extend(f"ratify: note: {n}" for n in matched.notes())
    if chosen == "normlex":
        dataset = reconcile.normlex_only(base.dataset, snapshot, matched, what)
        return Data(dataset, f"NORMLEX only: {what}", notes)
    dataset = reconcile.merge(base.dataset, snapshot, matched, what)
    dropped = dataset.normlex.dropped_curated if dataset.normlex else []
    if dropped:
        cells = ", ".join(f"{r.country} {r.instrument}" for r in dropped[:10]) + (", ..." if len(dropped) > 10 else "")
        notes.append(
            f"ratify: note: {len(dropped)} curated record(s) not listed on the NORMLEX page covering the cell "
            f"({cells}): NORMLEX's answer is used; see `ratify diff`"
        )
    return Data(dataset, f"merged: curated + {what}", notes)
