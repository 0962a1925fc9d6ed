"""A cache of parsed curated data, so a command does not re-parse YAML on every run.

The key is the SHA-256 of ratify's version, the data directory and the bytes of the YAML
files: editing a file, moving the directory or upgrading ratify makes a new key, so a stale
entry is never used. An entry is JSON of plain values, never a pickle, so a file planted in
the cache directory cannot run code; the dataclasses are rebuilt only from the data model's
own classes. The entry starts with the SHA-256 of its payload: a flipped byte, a truncated
file or anything else that fails to load is a cache miss, and the YAML is parsed again.
Entries are written atomically into the user's own cache directory (created private to the
user); ``RATIFY_NO_DATA_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .. import __version__
from ..model import Dataset

# Bump when the data model changes shape within one version (during development).
FORMAT = 7  # 4: JSON entries, the member registry; 5: research trails as tuples, record origins; 6: instruments' trails; 7: a record without status is unknown
DISABLE_ENV = "RATIFY_NO_DATA_CACHE"
_MAGIC = b"ratify-data-cache "


def cache_key(directory: Path, contents: list[bytes]) -> str:
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}\0{directory.resolve()}".encode())
    for blob in contents:
        digest.update(len(blob).to_bytes(8, "big"))
        digest.update(blob)
    return digest.hexdigest()


def _cache_dir() -> Path:
    from ..paths import default_cache_dir

    return default_cache_dir() / "data"


def cached_load(directory: Path, files: list[Path], build: Callable[[], Dataset]) -> Dataset:
    """Return the dataset for `files`, from the cache when their content is unchanged."""
    if os.environ.get(DISABLE_ENV):
        return build()
    try:
        contents = [f.read_bytes() for f in files]
    except OSError:
        return build()  # let the loader report the missing or unreadable file
    entry = _cache_dir() / f"{cache_key(directory, contents)}.json"
    dataset = read_entry(entry)
    if dataset is None:
        dataset = build()
        write_entry(entry, dataset)
    return dataset


# --------------------------------------------------------------------------- plain values


def _classes() -> dict[str, tuple[type, tuple[str, ...]]]:
    """The only classes an entry may name: the data model's dataclasses, with their fields."""
    from .. import dates, member_states, model

    found: dict[str, tuple[type, tuple[str, ...]]] = {}
    for module in (model, dates, member_states):
        for name, value in vars(module).items():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__:
                found[name] = (value, tuple(f.name for f in dataclasses.fields(value) if f.init))
    return found


# A list whose first item is one of these strings stands for something other than a list.
_CLASS, _LIST, _TUPLE, _SET, _FROZENSET = "$C", "$L", "$T", "$S", "$F"


def _plain(value: Any) -> Any:
    """A value as JSON-able plain data; a dataclass is ["$C", name, field values...]."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [f.name for f in dataclasses.fields(value) if f.init]
        return [_CLASS, type(value).__name__, *(_plain(getattr(value, name)) for name in fields)]
    if isinstance(value, list):
        items = [_plain(v) for v in value]
        return [_LIST, *items] if items and isinstance(items[0], str) and items[0][:1] == "$" else items
    if isinstance(value, tuple):
        return [_TUPLE, *(_plain(v) for v in value)]
    if isinstance(value, (set, frozenset)):
        return [_FROZENSET if isinstance(value, frozenset) else _SET, *(_plain(v) for v in value)]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("only string keys")
        return {k: _plain(v) for k, v in value.items()}
    raise TypeError(f"cannot cache a {type(value).__name__}")


_KINDS: dict[str, type] = {_LIST: list, _TUPLE: tuple, _SET: set, _FROZENSET: frozenset}
_NESTED = frozenset({dict, list})  # JSON gives these exact classes; anything else is a leaf


def _rebuild(value: Any, classes: dict[str, tuple[type, tuple[str, ...]]]) -> Any:
    # Leaves are kept without a call: an entry holds tens of thousands of them.
    if value.__class__ is dict:
        return {k: _rebuild(v, classes) if v.__class__ in _NESTED else v for k, v in value.items()}
    if value.__class__ is not list:
        return value
    head = value[0] if value else None
    if not (head.__class__ is str and head[:1] == "$"):
        return [_rebuild(v, classes) if v.__class__ in _NESTED else v for v in value]
    if head == _CLASS:
        cls, names = classes[value[1]]  # KeyError for any other name: a miss
        args = [_rebuild(v, classes) if v.__class__ in _NESTED else v for v in value[2:]]
        if len(args) != len(names):
            raise ValueError("fields changed")
        return cls(*args)
    return _KINDS[head]([_rebuild(v, classes) if v.__class__ in _NESTED else v for v in value[1:]])


def to_plain(value: Any) -> Any:
    """A dataset (or any value of the data model) as JSON-able plain values."""
    return _plain(value)


def from_plain(value: Any) -> Any:
    """The value `to_plain` gave; an exception for anything else (the caller's miss)."""
    return _rebuild(value, _classes())


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No garbage collection while an entry is rebuilt.

    Rebuilding allocates tens of thousands of containers and none of them is garbage, yet
    each allocation threshold reached runs a collection over everything built so far:
    a world-scale entry spent about as long in those collections as in reading itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def encode(dataset: Dataset) -> bytes:
    """An entry: a header line with the payload's SHA-256, then the payload (JSON)."""
    payload = json.dumps(_plain(dataset), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def decode(blob: bytes) -> Dataset | None:
    """The dataset in an entry, or None for anything that is not an intact entry."""
    try:
        header, payload = blob.split(b"\n", 1)
        if header != _MAGIC + hashlib.sha256(payload).hexdigest().encode():
            return None
        with paused_gc():
            value = _rebuild(json.loads(payload), _classes())
    except Exception:  # any failure to load is a cache miss, whatever the file holds
        return None
    return value if isinstance(value, Dataset) else None


def read_entry(entry: Path) -> Dataset | None:
    try:
        blob = entry.read_bytes()
    except OSError:
        return None
    return decode(blob)


def write_entry(entry: Path, dataset: Dataset) -> None:
    from ..atomic import write_atomic

    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(entry, encode(dataset))
    except (OSError, TypeError, ValueError):
        pass  # a cache that cannot be written only costs speed
