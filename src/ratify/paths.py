"""Where ratify keeps its caches. Kept tiny: every command that loads data imports it."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "RATIFY_CACHE_DIR"


def default_cache_dir() -> Path:
    """``$RATIFY_CACHE_DIR`` if set, else the platform's user cache directory for ratify."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("ratify", appauthor=False))
