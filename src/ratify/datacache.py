"""A cache of parsed curated data, so a command does not re-parse YAML on every run.

The key is the SHA-256 of ratify's version, the data directory and the bytes of both YAML
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
from typing import Callable, Optional

from . import __version__
from .model import Dataset

# Bump when the pickled classes change shape within one version (during development).
FORMAT = 2
DISABLE_ENV = "RATIFY_NO_DATA_CACHE"


def cache_key(directory: Path, contents: list[bytes]) -> str:
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}\0{directory.resolve()}".encode())
    for blob in contents:
        digest.update(len(blob).to_bytes(8, "big"))
        digest.update(blob)
    return digest.hexdigest()


def _cache_dir() -> Path:
    from .paths import default_cache_dir

    return default_cache_dir() / "data"


def cached_load(directory: Path, files: list[Path], build: Callable[[], Dataset]) -> Dataset:
    """Return the dataset for `files`, from the cache when their content is unchanged."""
    if os.environ.get(DISABLE_ENV):
        return build()
    try:
        contents = [f.read_bytes() for f in files]
    except OSError:
        return build()  # let the loader report the missing or unreadable file
    entry = _cache_dir() / f"{cache_key(directory, contents)}.pickle"
    dataset = _read(entry)
    if dataset is None:
        dataset = build()
        _write(entry, dataset)
    return dataset


def _read(entry: Path) -> Optional[Dataset]:
    try:
        with open(entry, "rb") as fh:
            value = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return value if isinstance(value, Dataset) else None


def _write(entry: Path, dataset: Dataset) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".data.", suffix=".tmp", dir=entry.parent)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(dataset, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except OSError:
        pass  # a cache that cannot be written only costs speed
