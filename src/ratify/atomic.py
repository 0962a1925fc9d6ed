"""Write a file so that readers see the old content or the new, never a part.

Every file ratify writes (reports given to --output, cached pages, parsed-data cache
entries, snapshots) goes through :func:`write_atomic`: the bytes go to a temporary file in
the same folder, are flushed to disk, and the file is then renamed over the target (or,
for a file that must not be overwritten, linked to a new name). A full disk, a size limit
or a kill leaves the old file as it was, and the temporary file is removed on any failure.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomic(
    path: str | os.PathLike[str],
    data: str | bytes,
    *,
    exclusive: bool = False,
    private: bool = True,
) -> Path:
    """Write `data` (text is UTF-8) to `path` atomically and return the path.

    `exclusive`: never replace an existing file (FileExistsError instead). `private`: the
    file is readable by its owner only (caches); otherwise it gets the permissions a new
    file would get, or keeps those of the file it replaces (reports). Raises OSError.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if not private:
            os.chmod(tmp, _public_mode(path))
        if exclusive:
            _link_new(tmp, path)
        else:
            os.replace(tmp, path)
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass  # already renamed into place
    return path


def _link_new(tmp: str, path: Path) -> None:
    try:
        os.link(tmp, path)  # fails if path exists: never overwrites
    except FileExistsError:
        raise
    except OSError:
        # File systems without hard links: check, then rename (not race-free).
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(tmp, path)


def _public_mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def is_regular_or_missing(path: str | os.PathLike[str]) -> bool:
    """Whether `path` can be replaced by a rename (not a device, pipe or /dev/stdout)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False
