"""Where ratify finds its curated data and keeps its caches. Kept tiny: every command imports it."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "RATIFY_CACHE_DIR"
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


def default_data_dir() -> Path:
    """``$RATIFY_DATA_DIR`` if set, else the embedded data."""
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env) if env else embedded_data_dir()


def default_cache_dir() -> Path:
    """``$RATIFY_CACHE_DIR`` if set, else the platform's user cache directory for ratify."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("ratify", appauthor=False))
