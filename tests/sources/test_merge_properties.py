"""Property tests of reconciling curated data with NORMLEX pages.

- a snapshot built from the curated records diffs to nothing;
- merging is idempotent and leaves the curated dataset untouched;
- a cell changes only where a fetched page covers it.
"""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ratify.curated.loader import load_dataset
from ratify.dates import PartialDate
from ratify.model import Ratification
from ratify.normlex.parser import NormlexRecord
from ratify.normlex.snapshot import Snapshot
from ratify.sources import reconcile

from ..conftest import SMALL

BASE = load_dataset(SMALL)
CODES = sorted(BASE.countries)
INSTRUMENTS = sorted(BASE.instruments)
NORMLEX_IDS = {c.code: c.normlex_id for c in BASE.countries.values()}


def page_url(kind: str, key: str) -> str:
    return f"https://normlex.example/{kind}/{key}"


days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2025, 12, 31))


@st.composite
def records(draw, code: str):
    """Curated-like records for one country: day-precise dates, every status NORMLEX gives."""
    chosen = draw(st.lists(st.sampled_from(INSTRUMENTS), unique=True, max_size=len(INSTRUMENTS)))
    out = []
    for ident in chosen:
        day = draw(days)
        status = draw(st.sampled_from(["in_force", "not_in_force", "denounced"]))
        denounced = day + dt.timedelta(days=draw(st.integers(1, 4000))) if status == "denounced" else None
        out.append(
            Ratification(
                code,
                ident,
                PartialDate.parse(day.isoformat()),
                status,
                "curated source",
                denounced=PartialDate.parse(denounced.isoformat()) if denounced else None,
            )
        )
    return out


@st.composite
def datasets(draw):
    ds = copy.deepcopy(BASE)
    for code in CODES:
        ds.countries[code].ratifications = draw(records(code))
    return ds


pages = st.tuples(
    st.lists(st.sampled_from(INSTRUMENTS), unique=True, max_size=6),
    st.lists(st.sampled_from(CODES), unique=True, max_size=2),
)


def page_entries(instruments, countries):
    entries = [
        {
            "url": page_url("instrument", i),
            "fetched_at": "2026-11-01T00:00:00Z",
            "kind": "instrument",
            "key": i,
            "from_cache": False,
            "source": "network",
        }
        for i in instruments
    ]
    entries += [
        {
            "url": page_url("country", NORMLEX_IDS[c]),
            "fetched_at": "2026-11-02T00:00:00Z",
            "kind": "country",
            "key": NORMLEX_IDS[c],
            "from_cache": False,
            "source": "network",
        }
        for c in countries
    ]
    return entries


def as_normlex(r: Ratification, url: str) -> NormlexRecord:
    country = BASE.countries[r.country]
    return NormlexRecord(
        country.name,
        country.normlex_id,
        r.instrument,
        str(r.date),
        r.status,
        "",
        str(r.denounced) if r.denounced else None,
        None,
        url,
    )


def snapshot_of(ds, instruments, countries) -> Snapshot:
    """What NORMLEX pages would show if they agreed with the curated data."""
    found = []
    for instrument in instruments:
        found += [
            as_normlex(r, page_url("instrument", instrument)) for r in ds.ratifications() if r.instrument == instrument
        ]
    for code in countries:
        found += [as_normlex(r, page_url("country", NORMLEX_IDS[code])) for r in ds.countries[code].ratifications]
    return Snapshot("2026-11-02T00:00:00Z", "https://normlex.example/", page_entries(instruments, countries), found)


@st.composite
def random_snapshots(draw):
    """Pages that say anything at all about the cells they cover."""
    instruments, countries = draw(pages)
    found = []
    cells = [(c, i, page_url("instrument", i)) for i in instruments for c in CODES]
    cells += [(c, i, page_url("country", NORMLEX_IDS[c])) for c in countries for i in INSTRUMENTS]
    for code, ident, url in cells:
        if draw(st.booleans()):
            continue
        day = draw(days)
        status = draw(st.sampled_from(["in_force", "not_in_force", "denounced"]))
        r = Ratification(
            code,
            ident,
            PartialDate.parse(day.isoformat()),
            status,
            "x",
            denounced=PartialDate.parse(day.isoformat()) if status == "denounced" else None,
        )
        found.append(as_normlex(r, url))
    return Snapshot("2026-11-02T00:00:00Z", "https://normlex.example/", page_entries(instruments, countries), found)


def cells(ds) -> dict:
    return {(r.country, r.instrument): r.to_dict() for r in ds.ratifications()}


SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(datasets(), pages)
def test_a_snapshot_built_from_the_curated_records_diffs_to_nothing(ds, chosen):
    instruments, countries = chosen
    assert reconcile.diff(ds, snapshot_of(ds, instruments, countries)) == []


@SETTINGS
@given(datasets(), random_snapshots())
def test_merging_is_idempotent_and_leaves_the_curated_data_untouched(ds, snap):
    before = copy.deepcopy(ds)
    once = reconcile.merge(ds, snap)
    assert ds == before  # the curated dataset is untouched
    again = reconcile.merge(once, snap)
    assert cells(again) == cells(once)
    assert ds == before


@SETTINGS
@given(datasets(), random_snapshots())
def test_a_cell_changes_only_where_a_page_covers_it(ds, snap):
    merged = reconcile.merge(ds, snap)
    coverage = merged.normlex
    curated, result = cells(ds), cells(merged)
    said = {(r.country_id, r.instrument): r for r in snap.records}
    by_id = {v: k for k, v in NORMLEX_IDS.items()}
    normlex = {(by_id[cid], inst): r for (cid, inst), r in said.items()}
    for code in CODES:
        for ident in INSTRUMENTS:
            cell = (code, ident)
            if not coverage.covers(code, ident):
                assert result.get(cell) == curated.get(cell)
            elif cell in normlex:
                assert result[cell]["origin"] == "normlex" and result[cell]["date"] == normlex[cell].date
            else:
                assert cell not in result  # the page shows no ratification
