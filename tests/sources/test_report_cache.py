"""The cache of report data (curated + NORMLEX pages): a hit answers exactly as the data
built from the snapshots does, and anything but an intact entry is a miss."""

from __future__ import annotations

import random

import pytest
from typer.testing import CliRunner

from ratify import sources
from ratify.cli.main import app
from ratify.curated.load import load
from ratify.normlex.parser import NormlexRecord
from ratify.normlex.snapshot import Snapshot, save_snapshot
from ratify.normlex.urls import normlex_instrument_id

PAGE = "https://normlex.example/f?p=NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:{}"
COUNTRY_PAGE = "https://normlex.example/f?p=NORMLEXPUB:11200:0::NO::P11200_COUNTRY_ID:{}"


def world_snapshot(seed: int = 10) -> Snapshot:
    """Instrument pages for 40 instruments (the fundamental ones among them) listing random
    member States of the embedded registry, with denunciations and notes, and one country page."""
    rng = random.Random(seed)
    data = load()
    members = [data.lookup(code) for code in data.group("world").members]
    fundamental = ["C029", "C087", "C098", "C100", "C105", "C111", "C138", "C155", "C182", "C187"]
    others = [i for i in sorted(data.instruments) if i not in fundamental and normlex_instrument_id(i)]
    instruments = fundamental + rng.sample(others, 30)
    records, pages = [], []
    for instrument in instruments:
        url = PAGE.format(normlex_instrument_id(instrument))
        pages.append({"url": url, "fetched_at": "2026-11-22T10:15:00Z", "kind": "instrument", "key": instrument})
        for country in rng.sample(members, 70):
            date = f"{rng.randint(1950, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            name = country.normlex_name or country.name
            if rng.random() < 0.1:
                year = rng.randint(int(date[:4]), 2025)
                record = NormlexRecord(
                    name,
                    country.normlex_id,
                    instrument,
                    date,
                    "denounced",
                    f"Denounced on 01 Jan {year}",
                    f"{year}-01-01",
                    None,
                    url,
                )
            else:
                note = "Minimum age specified: 16 years" if rng.random() < 0.1 else ""
                record = NormlexRecord(name, country.normlex_id, instrument, date, "in_force", note, None, None, url)
            records.append(record)
    # A country page answering every instrument for one member State (a second URL kind).
    member = next(c for c in members if c.normlex_id and not c.curated)
    url = COUNTRY_PAGE.format(member.normlex_id)
    pages.append({"url": url, "fetched_at": "2026-11-23T09:00:00Z", "kind": "country", "key": member.normlex_id})
    records.append(
        NormlexRecord(
            member.normlex_name or member.name, member.normlex_id, "C081", "1990", "in_force", "", None, None, url
        )
    )
    return Snapshot(created="2026-11-23T09:00:00Z", base_url="https://normlex.example/", pages=pages, records=records)


@pytest.fixture
def world(tmp_path, monkeypatch):
    save_snapshot(world_snapshot(), tmp_path / "cache" / "snapshots")
    return tmp_path / "cache"


def _everything(data: sources.Data) -> tuple:
    dataset = data.dataset
    codes = sorted(dataset.countries) + sorted(dataset.members or {})
    records = [r.to_dict() for code in codes for r in dataset.lookup(code).ratifications]
    coverage = dataset.normlex
    return (
        data.label,
        data.notes,
        dataset.origin,
        records,
        coverage.instruments if coverage else None,
        coverage.countries if coverage else None,
        [r.to_dict() for r in coverage.dropped_curated] if coverage else None,
        sorted(dataset.members or {}),
    )


COMMANDS = [
    ["matrix", "--group", "world", "--set", "up-to-date"],
    ["gaps", "--group", "world", "--set", "fundamental"],
    ["gaps", "--group", "world", "--set", "fundamental", "--format", "json"],
    ["matrix", "--group", "world", "--set", "fundamental", "--source", "normlex", "--format", "csv"],
    ["show", "KZ"],
    ["show", "FR", "--format", "json"],
]


@pytest.mark.parametrize("source", [None, "merged", "normlex"])
def test_a_hit_gives_the_same_data_as_building_it(world, source, monkeypatch):
    first = sources.report(None, source)  # built, then written
    [entry] = (world / "data").glob("report-*.json")
    second = sources.report(None, source)  # read back
    assert second.dataset is not first.dataset
    monkeypatch.setenv("RATIFY_NO_DATA_CACHE", "1")
    built = sources.report(None, source)
    assert _everything(second) == _everything(built) == _everything(first)
    assert entry.exists()


def test_the_cli_answers_alike_from_the_cache_and_without_it(world, monkeypatch):
    runner = CliRunner()
    for args in COMMANDS:
        monkeypatch.delenv("RATIFY_NO_DATA_CACHE", raising=False)
        runner.invoke(app, args)  # fills the cache
        assert list((world / "data").glob("report-*.json"))
        cached = runner.invoke(app, args)
        monkeypatch.setenv("RATIFY_NO_DATA_CACHE", "1")
        uncached = runner.invoke(app, args)
        assert (cached.exit_code, cached.stdout, cached.stderr) == (
            uncached.exit_code,
            uncached.stdout,
            uncached.stderr,
        ), args
        assert uncached.exit_code in (0, 1), uncached.output


def test_a_damaged_or_planted_entry_is_a_miss(world):
    expected = _everything(sources.report())
    [entry] = (world / "data").glob("report-*.json")
    blob = entry.read_bytes()
    header, payload = blob.split(b"\n", 1)
    import hashlib

    def plant(payload: bytes) -> None:
        entry.write_bytes(b"ratify-report-data " + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)

    damaged = [
        blob[:-20],  # truncated
        header + b"\n" + payload.replace(b"in_force", b"in_forcf", 1),  # a flipped byte
        b"ratify-report-data 00\n{}",
        b"\x80\x81 not an entry",
    ]
    planted = [
        b"{}",
        b'{"label":"x","notes":[],"dataset":["$C","Popen","ls"],"packed":{},"urls":[]}',  # no such class
        payload.replace(b'"packed":{', b'"packed":{"ZZ":{"C029":[["2000","in_force",0,"",null,null]]},', 1),
        payload.replace(b'"urls":[', b'"urls":[7,', 1),
    ]
    for bad in damaged:
        entry.write_bytes(bad)
        assert _everything(sources.report()) == expected
    for bad in planted:
        plant(bad)
        assert _everything(sources.report()) == expected


def test_a_new_snapshot_or_an_edited_data_file_is_a_new_key(world, tmp_path, monkeypatch):
    import shutil

    from ratify.paths import embedded_data_dir

    data = tmp_path / "data"
    shutil.copytree(embedded_data_dir(), data)
    sources.report(data)
    [first] = (world / "data").glob("report-*.json")
    save_snapshot(world_snapshot(seed=11), world / "snapshots")
    sources.report(data)
    [second] = (world / "data").glob("report-*.json")
    assert second != first and not first.exists()  # only the newest entry is kept
    with (data / "countries.yaml").open("a", encoding="utf-8") as f:
        f.write("\n# edited\n")
    after_edit = sources.report(data)
    [third] = (world / "data").glob("report-*.json")
    assert third != second
    monkeypatch.setenv("RATIFY_NO_DATA_CACHE", "1")
    assert _everything(after_edit) == _everything(sources.report(data))


def test_a_planted_entry_whose_rows_do_not_read_is_named_not_a_traceback(world):
    import hashlib
    import json

    sources.report()
    [entry] = (world / "data").glob("report-*.json")
    payload = json.loads(entry.read_bytes().split(b"\n", 1)[1])
    for rows in payload["packed"].values():  # every page index out of range; field counts intact
        for instrument, text in rows.items():
            rows[instrument] = "\x9e".join(
                "\x9f".join([*line.split("\x9f")[:2], "999999", *line.split("\x9f")[3:]]) for line in text.split("\x9e")
            )
    blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    entry.write_bytes(b"ratify-report-data " + hashlib.sha256(blob).hexdigest().encode() + b"\n" + blob)
    result = CliRunner().invoke(app, ["matrix", "--group", "world", "--set", "fundamental"])
    assert result.exit_code == 2
    assert "damaged entry in the report data cache" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
