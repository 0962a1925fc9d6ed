"""A cache of the data a report answers from when NORMLEX pages exist (merged or NORMLEX only).

Building it means loading the curated data, reading the matched pages and merging about
14,000 NORMLEX records for a world of pages: more than the report itself costs. So the
result is kept, like the curated data (see `curated.cache`): JSON of plain values, never a
pickle, behind the SHA-256 of its payload; anything that does not read back intact is a
miss, and the data is built again. The key is ratify's version, the data directory and
the bytes of its curated files, the source asked for, and the name, size and time of every
file in the snapshot folder (a snapshot is written once and never changed; a new one is a
new name). Member States' NORMLEX records are kept as the packed rows a report unpacks
on demand (`model.pack_normlex`), so a hit builds no record that no report asks for.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__

if TYPE_CHECKING:
    from . import Data

FORMAT = 1  # bump when an entry's layout changes within one version
_MAGIC = b"ratify-report-data "
_PREFIX = "report-"


def entry_for(data_dir: Path | str | None, source: str | None, snapshots: Path) -> Path | None:
    """Where the data for these curated files, source and snapshots is cached; None: no cache."""
    from ..curated.cache import DISABLE_ENV, _cache_dir
    from ..curated.load import data_files
    from ..paths import default_data_dir

    if os.environ.get(DISABLE_ENV):
        return None
    directory = Path(data_dir) if data_dir else default_data_dir()
    try:
        if not directory.is_dir():
            return None
        digest = hashlib.sha256(
            f"{__version__}\0{FORMAT}\0{source}\0{directory.resolve()}\0{snapshots.resolve()}".encode()
        )
        for path in data_files(directory):
            blob = path.read_bytes()
            digest.update(len(blob).to_bytes(8, "big"))
            digest.update(blob)
        # Every file of the folder, not only the names a snapshot reader accepts: any change
        # there makes a new key, and this needs no snapshot module imported.
        with os.scandir(snapshots) as found:
            listed = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in found)
        for name, size, mtime in listed:
            digest.update(f"\0{name}\0{size}\0{mtime}".encode())
    except (OSError, ValueError):
        return None  # built without the cache; the build says what is wrong
    return _cache_dir() / f"{_PREFIX}{digest.hexdigest()}.json"


# --------------------------------------------------------------------------- writing


def _plain_dataset(dataset) -> tuple[Any, dict[str, Any], list[str]]:
    """(The dataset as plain values with member States' packed records left out, their packed
    rows by country with page URLs as indexes, the URLs)."""
    import copy

    from ..curated.cache import to_plain
    from ..model import packed_rows, packed_text

    members = dict(dataset.members or {})
    packed: dict[str, dict[str, str | None]] = {}
    urls: dict[str, int] = {}
    for code, country in members.items():
        rows = packed_rows(country)
        if rows is None:
            continue  # never packed, or built already: its records are plain values like any other
        bare = copy.copy(country)
        bare.__dict__.pop("_packed", None)
        bare.__dict__.pop("_unpacked", None)
        bare.__dict__.pop("_records_by_instrument", None)
        bare.__dict__.pop("_packed_urls", None)
        bare.__dict__["ratifications"] = []
        members[code] = bare
        texts = {instrument: packed_text(found, urls) for instrument, found in rows.items()}
        if None in texts.values():
            raise ValueError("a value the packed text cannot hold")  # not cached
        packed[code] = texts
    shallow = copy.copy(dataset)
    shallow.members = members
    return to_plain(shallow), packed, list(urls)


def write(entry: Path, data: Data) -> None:
    import json

    from ..atomic import write_atomic

    try:
        plain, packed, urls = _plain_dataset(data.dataset)
        payload = {"label": data.label, "notes": data.notes, "dataset": plain, "packed": packed, "urls": urls}
        blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(entry, _MAGIC + hashlib.sha256(blob).hexdigest().encode() + b"\n" + blob)
        for other in entry.parent.glob(f"{_PREFIX}*.json"):  # only the newest is ever read again
            if other != entry:
                other.unlink()
    except (OSError, TypeError, ValueError):
        pass  # a cache that cannot be written only costs speed


# --------------------------------------------------------------------------- reading


def read(entry: Path) -> Data | None:
    """The cached data, or None for anything that is not an intact entry."""
    import json

    from ..curated.cache import from_plain, paused_gc
    from ..model import Dataset, set_packed_rows
    from . import Data

    try:
        header, blob = entry.read_bytes().split(b"\n", 1)
        if header != _MAGIC + hashlib.sha256(blob).hexdigest().encode():
            return None
        with paused_gc():
            payload = json.loads(blob)
            dataset = from_plain(payload["dataset"])
            if not isinstance(dataset, Dataset):
                return None
            urls = [sys.intern(u) for u in payload["urls"]]
            members = dataset.members or {}
            for code, rows in payload["packed"].items():
                # As many fields as rows make (a row's fields are split only when asked for).
                text = "\x9e".join(rows.values())
                if text.count("\x9f") != 5 * (text.count("\x9e") + 1):
                    return None
                set_packed_rows(members[code], rows, urls)
        return Data(dataset, str(payload["label"]), [str(n) for n in payload["notes"]])
    except Exception:  # anything but an intact entry is a miss
        return None
