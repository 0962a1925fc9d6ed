"""A cache of parsed curated data, so a command does not re-parse YAML on every run.

The same cache keeps the report data built from the curated data and NORMLEX snapshots
(tagged by source): merging 14,000 NORMLEX records costs more than the rest of a command.

The key is the SHA-256 of ratify's version, the data directory and the bytes of the YAML
files: editing a file, moving the directory or upgrading ratify makes a new key, so a stale
entry is never used. Entries are pickles written atomically into the user's own cache
directory (created private to the user); an unreadable entry is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, Sequence, TypeVar

from . import __version__
from .model import Dataset

# Bump when the pickled classes change shape within one version (during development).
FORMAT = 5  # 3: the member registry is part of the dataset; 4-5: records pickled without defaults, report data
DISABLE_ENV = "RATIFY_NO_DATA_CACHE"
T = TypeVar("T")


def cache_key(directory: Path, contents: list[bytes], tag: str = "") -> str:
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}\0{directory.resolve()}\0{tag}".encode())
    for blob in contents:
        digest.update(len(blob).to_bytes(8, "big"))
        digest.update(blob)
    return digest.hexdigest()


def _cache_dir() -> Path:
    from .paths import default_cache_dir

    return default_cache_dir() / "data"


def cached_load(directory: Path, files: list[Path], build: Callable[[], Dataset]) -> Dataset:
    """Return the dataset for `files`, from the cache when their content is unchanged."""
    return cached_build(directory, files, build, Dataset)


def cached_build(
    directory: Path, files: list[Path], build: Callable[[], T], kind: type, tag: str = "",
    stamped: Sequence[Path] = (),
) -> T:
    """Return what `build` makes of `files`, from the cache when their content is unchanged.

    `stamped` files enter the key by name, size and modification time instead of content:
    for files written once and never changed (NORMLEX snapshots, megabytes each).
    With a `tag`, only the newest entry of that tag is kept: report data is rebuilt whenever
    a snapshot is added, and older entries would only fill the disk.
    """
    if os.environ.get(DISABLE_ENV):
        return build()
    try:
        contents = [f.read_bytes() for f in files]
        for f in stamped:
            info = f.stat()
            contents.append(f"{f.name}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    except OSError:
        return build()  # let the loader report the missing or unreadable file
    prefix = f"{tag}-" if tag else ""
    entry = _cache_dir() / f"{prefix}{cache_key(directory, contents, tag)}.pickle"
    value = _read(entry, kind)
    if value is None:
        value = build()
        _write(entry, value)
        if tag:
            _prune(entry, prefix)
    return value


def _prune(keep: Path, prefix: str) -> None:
    try:
        for other in keep.parent.glob(f"{prefix}*.pickle"):
            if other != keep:
                other.unlink()
    except OSError:
        pass


def _read(entry: Path, kind: type = Dataset):
    try:
        with open(entry, "rb") as fh:
            value = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return value if isinstance(value, kind) else None


def _write(entry: Path, dataset: object) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".data.", suffix=".tmp", dir=entry.parent)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(dataset, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except OSError:
        pass  # a cache that cannot be written only costs speed
