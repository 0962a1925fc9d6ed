"""Reconciling curated data with NORMLEX snapshots: matching, diff kinds, merge, --source."""

from __future__ import annotations

import copy
import hashlib
import shutil

import pytest

from ratify import sources
from ratify.dates import PartialDate
from ratify.errors import UsageError
from ratify.normlex.parser import NormlexRecord
from ratify.normlex.snapshot import Snapshot, save_snapshot
from ratify.sources import reconcile

from ..conftest import SMALL

URL87 = "https://normlex.example/f?p=NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312232"
URL105 = "https://normlex.example/f?p=NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312250"
URLXC = "https://normlex.example/f?p=NORMLEXPUB:11200:0::NO::P11200_COUNTRY_ID:900003"


def rec(name, cid, inst, date, status="in_force", note="", denounced=None, by=None, url=URL87):
    return NormlexRecord(name, cid, inst, date, status, note, denounced, by, url)


def page(kind, key, url):
    return {
        "url": url,
        "fetched_at": "2026-11-22T10:15:00Z",
        "kind": kind,
        "key": key,
        "from_cache": False,
        "source": "network",
    }


def snapshot(records, pages):
    return Snapshot(created="2026-11-22T10:15:42Z", base_url="https://normlex.example/", pages=pages, records=records)


@pytest.fixture
def snap():
    """C087 and C105 pages plus Gammaria's country page, with one of each kind of difference."""
    return snapshot(
        [
            rec("Alphaland", "900001", "C087", "2016-11-04", note="A NORMLEX note"),  # same
            rec("Betastan", "900002", "C087", "1993-03-31"),  # date
            rec("GAMMARÍA", None, "C087", "2020-06-12"),  # by folded name; missing in curated
            rec("Otherland", "999999", "C087", "2000-01-01"),  # not in the data: set aside
            rec("Alphaland", "900001", "C105", "1960-10-10", url=URL105),  # less precise (1960)
            rec(
                "Betastan",
                "900002",
                "C105",
                "1999-07-01",
                "denounced",
                "Denounced on 01 Feb 2020",
                "2020-02-01",
                url=URL105,
            ),  # less precise date + denunciation
            rec("Gammaria", "900003", "C029", "1993-05-04", "not_in_force", url=URLXC),  # less precise + status
            rec("Gammaria", "900003", "C999", "2001-01-01", url=URLXC),  # instrument not in the data
        ],
        [page("instrument", "C087", URL87), page("instrument", "C105", URL105), page("country", "900003", URLXC)],
    )


def test_match_by_id_then_folded_name(small, snap):
    m = reconcile.match(small, snap)
    assert ("XC", "C087") in m.records and ("XA", "C087") in m.records
    assert [r.country_name for r in m.unknown_countries] == ["Otherland"]
    assert [r.instrument for r in m.unknown_instruments] == ["C999"]
    assert m.covered_instruments == {"C087", "C105"} and m.covered_countries == {"XC"}


def test_match_by_alias(small):
    s = snapshot([rec("xaa", None, "C087", "2016-11-04")], [page("instrument", "C087", URL87)])
    assert list(reconcile.match(small, s).records) == [("XA", "C087")]


def test_diff_kinds(small, snap):
    found = [(d.country, d.instrument, d.kind, d.curated, d.normlex) for d in reconcile.diff(small, snap)]
    assert found == [
        ("XA", "C105", "less_precise", "1960", "1960-10-10"),
        ("XB", "C087", "date", "1992-03-31", "1993-03-31"),
        ("XB", "C105", "denunciation", "2020-01-01", "2020-02-01"),
        ("XB", "C105", "less_precise", "1999", "1999-07-01"),
        ("XC", "C029", "less_precise", "1993", "1993-05-04"),
        ("XC", "C029", "status", "in_force", "not_in_force"),
        ("XC", "C087", "missing_in_curated", None, "2020-06-12 (in force)"),
        # XC's country page covers all its instruments: C187, C190 and P029 are not on it
        ("XC", "C187", "missing_in_normlex", "2026-03-01 (not in force)", None),
        ("XC", "C190", "missing_in_normlex", "2025 (in force)", None),
        ("XC", "P029", "missing_in_normlex", "2020-01-24 (in force)", None),
    ]
    # XA's C029 (no page covers it) and XB's C190 are never reported as missing
    assert reconcile.diff(small, snap)[0].to_dict() == {
        "country": "XA",
        "instrument": "C105",
        "kind": "less_precise",
        "curated": "1960",
        "normlex": "1960-10-10",
        "detail": "ratification date: the curated data gives only 1960; NORMLEX gives 1960-10-10",
    }


def test_month_mismatch_is_a_date_difference(small):
    s = snapshot([rec("Betastan", "900002", "C098", "2016-06-01")], [page("instrument", "C098", URL87)])
    [xa, d] = reconcile.diff(small, s)
    assert (xa.country, xa.kind) == ("XA", "missing_in_normlex")  # the page covers XA too
    assert (d.kind, d.curated, d.normlex) == ("date", "2016-05", "2016-06-01")


def test_less_precise_denunciation(small):
    ds = copy.deepcopy(small)
    r = next(r for r in ds.countries["XB"].ratifications if r.instrument == "C105")
    r.date, r.denounced = PartialDate.parse("1999-07-01"), PartialDate.parse("2020")
    s = snapshot(
        [rec("Betastan", "900002", "C105", "1999-07-01", "denounced", "", "2020-02-01")],
        [page("instrument", "C105", URL105)],
    )
    assert [(d.kind, d.curated) for d in reconcile.diff(ds, s) if d.country == "XB"] == [("less_precise", "2020")]


def test_merge(small, snap):
    before = copy.deepcopy(small.countries)
    merged = reconcile.merge(small, snap)
    assert small.countries == before  # the curated dataset is untouched
    assert merged.origin == "merged" and small.origin == "curated"
    by = {(r.country, r.instrument): r for r in merged.ratifications()}
    xa87 = by[("XA", "C087")]
    assert (xa87.source, xa87.confidence, xa87.note) == (URL87, "ilo", "A NORMLEX note")
    xb87 = by[("XB", "C087")]
    assert str(xb87.date) == "1993-03-31" and xb87.source == URL87
    xc87 = by[("XC", "C087")]  # added
    assert (str(xc87.date), xc87.status, xc87.country) == ("2020-06-12", "in_force", "XC")
    xb105 = by[("XB", "C105")]
    assert (xb105.status, str(xb105.denounced)) == ("denounced", "2020-02-01")
    # outside the pages' coverage, curated records are kept with their curated source
    assert by[("XA", "C029")].source == "test fixture" and by[("XA", "C029")].origin == "curated"
    assert by[("XB", "C190")].source == "test fixture"
    # XC's country page covers every XC cell: records it does not list are NORMLEX's "no"
    assert ("XC", "C190") not in by and ("XC", "C187") not in by and ("XC", "P029") not in by
    assert sorted((r.country, r.instrument) for r in merged.normlex.dropped_curated) == [
        ("XC", "C187"),
        ("XC", "C190"),
        ("XC", "P029"),
    ]
    assert xa87.origin == "normlex" and merged.normlex.page_for("XB", "C087").url == URL87
    assert merged.normlex.page_for("XC", "C190").url == URLXC and merged.normlex.page_for("XA", "C029") is None
    assert not any(r.country == "XO" for r in merged.ratifications())
    assert len(merged.ratifications()) == len(small.ratifications()) + 1 - 3
    assert merged.country("Alphaland").code == "XA"  # look-ups work on the new dataset


def test_merge_keeps_a_different_curated_note(small):
    s = snapshot(
        [rec("Alphaland", "900001", "C138", "2001-05-18", note="Minimum age specified: 15 years")],
        [page("instrument", "C138", URL87)],
    )
    [r] = [r for r in reconcile.merge(small, s).ratifications() if r.country == "XA" and r.instrument == "C138"]
    assert r.note == "Minimum age specified: 15 years; curated note: Minimum age specified: 16 years"
    assert r.denounced is None


def test_normlex_only(small, snap):
    ds = reconcile.normlex_only(small, snap)
    assert ds.origin == "normlex"
    assert sorted((r.country, r.instrument) for r in ds.ratifications()) == [
        ("XA", "C087"),
        ("XA", "C105"),
        ("XB", "C087"),
        ("XB", "C105"),
        ("XC", "C029"),
        ("XC", "C087"),
    ]
    assert set(ds.instruments) == set(small.instruments) and ds.countries["XA"].name == "Alphaland"


# --------------------------------------------------------------------------- sources.report


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_report_sources(small, snap, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    before = _digest(data)
    snaps = tmp_path / "snaps"

    found = sources.report(data, None, snaps)  # no snapshot yet: curated
    assert (found.dataset.origin, found.label) == ("curated", "curated data (checked 2026-01-01)")
    with pytest.raises(UsageError, match="no NORMLEX snapshot: run `ratify fetch` first"):
        sources.report(data, "merged", snaps)
    with pytest.raises(UsageError, match="unknown source"):
        sources.report(data, "nope", snaps)

    save_snapshot(snap, snaps)
    found = sources.report(data, None, snaps)
    assert (found.dataset.origin, found.label) == (
        "merged",
        "merged: curated + 3 NORMLEX pages fetched 2026-11-22T10:15Z",
    )
    merged = reconcile.merge(small, snap).ratifications()
    assert [r.to_dict() for r in found.dataset.ratifications()] == [r.to_dict() for r in merged]
    found = sources.report(data, "normlex", snaps)
    assert (found.dataset.origin, found.label) == ("normlex", "NORMLEX only: 3 NORMLEX pages fetched 2026-11-22T10:15Z")
    assert len(found.dataset.ratifications()) == 6
    found = sources.report(data, "curated", snaps)
    assert found.dataset.origin == "curated" and len(found.dataset.ratifications()) == len(small.ratifications())
    assert sources.curated(data).dataset.origin == "curated"
    assert _digest(data) == before  # the curated YAML is never written


def test_matched_pages_are_cached_as_json_and_a_damaged_entry_is_a_miss(snap, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    snaps = tmp_path / "snaps"
    save_snapshot(snap, snaps)

    def answer():
        for report in (tmp_path / "cache" / "data").glob("report-*.json"):
            report.unlink()  # the cache of the merged data would answer before the matched pages
        found = sources.report(data, "merged", snaps)
        return [r.to_dict() for r in found.dataset.ratifications()], found.label, found.notes

    first = answer()
    [entry] = (tmp_path / "cache" / "data").glob("matched-*.json")
    assert entry.read_bytes().startswith(b"ratify-matched-pages-2 ")
    assert answer() == first  # read back from the entry
    entry.write_bytes(entry.read_bytes()[:-20])  # truncated: a miss, read from the snapshots again
    assert answer() == first
    entry.write_bytes(b"ratify-matched-pages 00\n{}")
    assert answer() == first
    save_snapshot(snapshot([], [page("instrument", "C029", URL87.replace("312232", "312174"))]), snaps)
    assert answer()[1] == "merged: curated + 4 NORMLEX pages fetched 2026-11-22T10:15Z"  # a new snapshot: a new key
