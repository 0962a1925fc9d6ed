"""Loading the dataset for a command: the curated YAML (cached), optionally merged with NORMLEX."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from .model import Dataset


def load(data_dir: Optional[Path | str] = None) -> Dataset:
    """Load the curated data from `data_dir` (the embedded data by default).

    Parsed data is cached by content (see datacache), so YAML is imported and parsed only
    when a file changed.
    """
    import os

    from .datacache import cached_load

    if data_dir:
        directory = Path(data_dir)
    elif os.environ.get(DATA_DIR_ENV):
        directory = Path(os.environ[DATA_DIR_ENV])
    else:
        directory = embedded_data_dir()

    def build() -> Dataset:
        from .loader import load_dataset

        return load_dataset(directory)

    if not directory.is_dir():
        return build()  # the loader names the problem
    from .members import registry_path

    files = [directory / CONVENTIONS_FILE, directory / COUNTRIES_FILE]
    members = registry_path(directory)
    if members.exists():
        files.append(members)
    return cached_load(directory, files, build)


DATA_DIR_ENV = "RATIFY_DATA_DIR"
CONVENTIONS_FILE = "conventions.yaml"
COUNTRIES_FILE = "countries.yaml"


def embedded_data_dir() -> Path:
    """The data shipped inside the package (or, in a source checkout, the repository's data/)."""
    from importlib import resources

    packaged = Path(str(resources.files("ratify") / "data"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[1].parent / "data"


SOURCES = ("curated", "normlex", "merged")
NO_SNAPSHOT = "no NORMLEX snapshot: run `ratify fetch` first"


def snapshot_label(created: str) -> str:
    """``2026-11-22T10:15:00Z`` -> ``2026-11-22T10:15Z`` (minutes are enough for a label)."""
    if len(created) >= 16 and created[10] == "T":
        return created[:16] + "Z"
    return created


def curated_label(dataset: Dataset) -> str:
    checked = dataset.checked.get("countries") or dataset.checked.get("conventions")
    return f"curated data (checked {checked})" if checked else "curated data"


def _any_snapshot(snapshot_dir: Optional[Path | str]) -> bool:
    """A cheap look for snapshot files, so curated-only runs never parse a snapshot."""
    import os

    from .paths import default_cache_dir

    folder = Path(snapshot_dir) if snapshot_dir is not None else default_cache_dir() / "snapshots"
    try:
        return any(name.endswith(".json") for name in os.listdir(folder))
    except OSError:
        return False


def load_for_source(
    data_dir: Optional[Path | str],
    source: Optional[str],
    snapshot_dir: Optional[Path | str] = None,
) -> tuple[Dataset, str]:
    """The dataset for `--source curated|normlex|merged`, and a label saying what it is.

    With no source: merged when a NORMLEX snapshot exists, else curated. `normlex` keeps only
    the snapshot's records (countries' and instruments' metadata come from the curated data).
    The curated YAML files are only read, never written.
    """
    from .errors import UsageError

    chosen = source.strip().lower() if source else None
    if chosen is not None and chosen not in SOURCES:
        raise UsageError(f"unknown source {source!r} (expected {', '.join(SOURCES)})")
    curated = load(data_dir)
    if chosen == "curated" or (chosen is None and not _any_snapshot(snapshot_dir)):
        return curated, curated_label(curated)

    from .normlex.snapshot import load_latest_snapshot

    snapshot = load_latest_snapshot(snapshot_dir)
    if snapshot is None:
        if chosen is None:
            return curated, curated_label(curated)
        raise UsageError(NO_SNAPSHOT)

    from . import reconcile

    matched = reconcile.match(curated, snapshot)
    when = snapshot_label(snapshot.created)
    if chosen == "normlex":
        return reconcile.normlex_only(curated, snapshot, matched), f"NORMLEX snapshot of {when}"
    return reconcile.merge(curated, snapshot, matched), f"merged: curated + NORMLEX snapshot of {when}"
