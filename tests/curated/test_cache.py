"""The parsed-data cache: never code, never a damaged entry, never stale; off on request."""

from __future__ import annotations

import os
import pickle
import shutil
import sys

import pytest

from ratify.curated import cache as datacache
from ratify.curated import load as store
from ratify.curated.loader import load_dataset

from ..conftest import SMALL


@pytest.fixture
def data_copy(tmp_path):
    directory = tmp_path / "data"
    directory.mkdir()
    for name in ("conventions.yaml", "countries.yaml"):
        shutil.copy(SMALL / name, directory / name)
    return directory


def entries(tmp_path):
    folder = tmp_path / "cache" / "data"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def test_second_load_comes_from_the_cache(data_copy, tmp_path, monkeypatch):
    first = store.load(data_copy)
    [entry] = entries(tmp_path)
    calls = []
    monkeypatch.setattr("ratify.curated.loader.load_dataset", lambda d: calls.append(d))
    assert store.load(data_copy) == first and calls == []
    assert entry.read_bytes().startswith(b"ratify-data-cache ")


def test_editing_a_file_invalidates(data_copy, tmp_path):
    store.load(data_copy)
    path = data_copy / "countries.yaml"
    path.write_text(path.read_text().replace("name: Betastan", "name: Betaland"))
    assert store.load(data_copy).countries["XB"].name == "Betaland"
    assert len(entries(tmp_path)) == 2


class _Boom:
    def __reduce__(self):
        return (os.system, ("touch planted-code-ran",))


def test_a_planted_file_never_runs_code(data_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store.load(data_copy)
    [entry] = entries(tmp_path)
    entry.write_bytes(pickle.dumps(_Boom()))  # what an attacker would plant for a pickle cache
    ds = store.load(data_copy)
    assert not (tmp_path / "planted-code-ran").exists()
    assert ds == load_dataset(data_copy)


def test_an_entry_may_name_only_model_classes(data_copy):
    good = datacache.encode(load_dataset(data_copy))
    forged = good.replace(b'"$C","Country"', b'"$C","Popen"', 1)
    import hashlib

    header = b"ratify-data-cache " + hashlib.sha256(forged.split(b"\n", 1)[1]).hexdigest().encode()
    assert datacache.decode(header + b"\n" + forged.split(b"\n", 1)[1]) is None
    assert datacache.decode(good) == load_dataset(data_copy)


def test_a_flipped_byte_is_a_miss(data_copy, tmp_path):
    original = store.load(data_copy)
    [entry] = entries(tmp_path)
    blob = bytearray(entry.read_bytes())
    at = blob.index(b"Betastan")
    blob[at] ^= 0x01  # "Cetastan": valid JSON, different data
    entry.write_bytes(bytes(blob))
    assert datacache.read_entry(entry) is None
    assert store.load(data_copy) == original
    entry.write_bytes(bytes(blob[: len(blob) // 2]))  # truncated
    assert store.load(data_copy) == original


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs file permissions that bind")
def test_an_unwritable_cache_folder_only_costs_speed(data_copy, tmp_path):
    folder = tmp_path / "cache" / "data"
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        assert store.load(data_copy) == load_dataset(data_copy)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_cache_folder_that_is_a_file_only_costs_speed(data_copy, tmp_path):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "data").write_text("not a folder")
    assert store.load(data_copy) == load_dataset(data_copy)


def test_the_cache_can_be_turned_off(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("RATIFY_NO_DATA_CACHE", "1")
    store.load(data_copy)
    assert entries(tmp_path) == []


def test_the_shipped_data_round_trips():
    ds = load_dataset()
    assert datacache.decode(datacache.encode(ds)) == ds


def test_a_permission_error_on_write_only_costs_speed(data_copy, tmp_path, monkeypatch):
    """The same as an unwritable folder, also when the tests run as root (which may write anywhere)."""
    import ratify.atomic

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ratify.atomic, "write_atomic", refuse)
    assert store.load(data_copy) == load_dataset(data_copy)
    assert entries(tmp_path) == []
