"""Property tests of the analysis on datasets drawn from the small fixture.

Each country gets random ratifications of the fixture's instruments: dates known to the
year, the month, the day or not at all, every status, denunciations with or without a date.

- every (country, instrument) cell is in exactly one state, from a closed set, and sits in
  exactly one place of the gap report;
- a state never says more than the dates tell: "uncertain" exactly when a date that
  matters is missing or cannot be placed before or after the as-of day;
- as the as-of day advances, a cell only moves forward: not ratified -> uncertain
  registration -> pending -> ratified -> uncertain denunciation -> denounced, never back;
- gaps, matrix and targets give the same answer for the same cell on the same day.
"""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ratify.analysis import gaps, matrix, targets
from ratify.analysis.standings import (
    DENOUNCED,
    GAP_STATES,
    NOT_RATIFIED,
    PENDING,
    RATIFIED,
    REGISTERED,
    STATUS_UNKNOWN,
    UNCERTAIN,
    open_instruments,
    standing,
)
from ratify.analysis.targets_and_claims import MET, OPEN, OVERDUE
from ratify.curated.loader import load_dataset
from ratify.dates import PartialDate
from ratify.model import RATIFICATION_STATUSES, Ratification

from ..conftest import SMALL

BASE = load_dataset(SMALL)
INSTRUMENTS = sorted(BASE.instruments)
STATES = {RATIFIED, PENDING, DENOUNCED, NOT_RATIFIED, UNCERTAIN, STATUS_UNKNOWN}
FIRST, LAST = dt.date(1946, 1, 1), dt.date(2030, 12, 31)

days = st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2035, 12, 31))
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def partial(day: dt.date, precision: str) -> PartialDate:
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


precisions = st.sampled_from(["year", "month", "day"])


@st.composite
def records(draw, code: str) -> list[Ratification]:
    """At most one record per instrument (the validator refuses duplicates)."""
    out = []
    for ident in draw(st.lists(st.sampled_from(INSTRUMENTS), unique=True, max_size=len(INSTRUMENTS))):
        registered = draw(st.dates(min_value=FIRST, max_value=LAST))
        date = None if draw(st.integers(0, 9)) == 0 else partial(registered, draw(precisions))
        status = draw(st.sampled_from(RATIFICATION_STATUSES))
        denounced = None
        if status == "denounced" and draw(st.integers(0, 4)) > 0:  # sometimes without a date, as NORMLEX can
            start = date.earliest if date else FIRST
            denounced = partial(draw(st.dates(min_value=start, max_value=LAST)), draw(precisions))
        out.append(Ratification(code, ident, date, status, "test fixture", denounced=denounced))
    return out


@st.composite
def datasets(draw):
    """The fixture with other ratifications (a shallow copy: nothing else is changed)."""
    ds = copy.copy(BASE)
    ds.countries = {code: copy.copy(country) for code, country in BASE.countries.items()}
    for code, country in ds.countries.items():
        country.ratifications = draw(records(code))
    return ds


def phase(state: str, record: Ratification | None, on: dt.date) -> int:
    """Where a state sits on the one way a cell moves as time passes."""
    if state == UNCERTAIN:
        assert record is not None
        registered = record.date is not None and record.date.on_or_before(on) is True
        return 4 if registered else 1  # the denunciation is uncertain, or the registration
    return {NOT_RATIFIED: 0, PENDING: 2, RATIFIED: 3, STATUS_UNKNOWN: 3, DENOUNCED: 5}[state]


def record_of(country, ident: str) -> Ratification | None:
    return next((r for r in country.ratifications if r.instrument == ident), None)


def turning_days(record: Ratification | None) -> list[dt.date]:
    """The days around the record's dates, where its state may change."""
    found = []
    for date in (record.date, record.denounced) if record else ():
        if date is not None:
            for edge in (date.earliest, date.latest):
                found += [edge - dt.timedelta(days=1), edge, edge + dt.timedelta(days=1)]
    return found


def everything(ds):
    return list(ds.countries.values()), list(ds.instruments.values())


@SETTINGS
@given(datasets(), st.none() | days)
def test_each_cell_is_exactly_one_state(ds, on):
    countries, instruments = everything(ds)
    table = matrix(ds, countries, instruments, on)
    assert set(table.cells) == {(c.code, i.id) for c in countries for i in instruments}
    report = gaps(ds, countries, instruments, on)
    places: dict[tuple[str, str], list[str]] = {}
    for where, found in (
        ("gap", report.gaps),
        ("pending", report.pending),
        ("uncertain", report.uncertain),
        ("not covered", report.uncovered),
    ):
        for s in found:
            places.setdefault((s.country, s.instrument), []).append(where)
    can_be_gaps = {i.id for i in open_instruments(instruments)}
    for (code, ident), s in table.cells.items():
        assert s.state in STATES
        assert (s.ratification is None) == (s.state == NOT_RATIFIED)
        where = None
        if ident in can_be_gaps:
            where = {NOT_RATIFIED: "gap", DENOUNCED: "gap", PENDING: "pending", UNCERTAIN: "uncertain"}.get(s.state)
            if s.state == NOT_RATIFIED and table.basis(code, ident) is None:
                where = "not covered"
        assert places.get((code, ident), []) == ([where] if where else [])
    assert set(report.evidence) == {(s.country, s.instrument) for s in report.gaps}
    for (code, ident), basis in report.evidence.items():
        if table.cell(code, ident).state == NOT_RATIFIED:
            assert basis == table.basis(code, ident)


@SETTINGS
@given(datasets(), days)
def test_a_state_never_says_more_than_the_dates_tell(ds, on):
    for country in ds.countries.values():
        for ident in INSTRUMENTS:
            r = record_of(country, ident)
            state = standing(country, ident, on).state
            registered = r.date.on_or_before(on) if r and r.date else None
            gone = (
                r.denounced.on_or_before(on)
                if r and r.denounced
                else (None if r and r.status == "denounced" else False)
            )
            if state == NOT_RATIFIED:
                assert r is None or registered is False
            elif state == UNCERTAIN:
                assert registered is None or (registered is True and gone is None)
            elif state == DENOUNCED:
                assert registered is True and gone is True
            else:  # ratified, pending or status unknown: registered and not (possibly) denounced yet
                assert registered is True and gone is False
                assert (
                    state
                    == {
                        "in_force": RATIFIED,
                        "denounced": RATIFIED,
                        "not_in_force": PENDING,
                        "unknown": STATUS_UNKNOWN,
                    }[r.status]
                )


@SETTINGS
@given(datasets(), st.lists(days, min_size=2, max_size=8, unique=True))
def test_states_move_one_way_as_the_day_advances(ds, asked):
    for country in ds.countries.values():
        for ident in INSTRUMENTS:
            around = turning_days(record_of(country, ident))
            seen = [(on, standing(country, ident, on)) for on in sorted({*asked, *around})]
            phases = [phase(s.state, s.ratification, on) for on, s in seen]
            assert phases == sorted(phases), (country.code, ident, [(str(on), s.state) for on, s in seen])


@SETTINGS
@given(datasets())
def test_without_a_day_the_answer_is_the_latest_one_unless_that_is_uncertain(ds):
    later = dt.date(2100, 1, 1)  # after every date drawn
    for country in ds.countries.values():
        for ident in INSTRUMENTS:
            now, last = standing(country, ident).state, standing(country, ident, later).state
            assert now == last or last == UNCERTAIN, (country.code, ident, now, last)


@SETTINGS
@given(datasets(), days)
def test_gaps_matrix_and_targets_agree_on_the_same_day(ds, on):
    countries, instruments = everything(ds)
    tables: dict[dt.date, dict] = {}

    def states_on(day: dt.date) -> dict[tuple[str, str], str]:
        if day not in tables:
            tables[day] = {key: s.state for key, s in matrix(ds, countries, instruments, day).cells.items()}
        return tables[day]

    report = gaps(ds, countries, instruments, on)
    gap_cells = {(s.country, s.instrument) for s in report.gaps}
    can_be_gaps = {i.id for i in open_instruments(instruments)}
    for row in targets(ds, on=on):
        t = row.target
        day = t.stated.latest if t.kind == "claim" and t.stated else on
        cell = states_on(day)
        assert row.done == [i for i in t.instruments if cell[(row.country, i)] in REGISTERED]
        assert row.uncertain == [i for i in t.instruments if cell[(row.country, i)] == UNCERTAIN]
        # Not ratified: open when evidence shows it, else no record (unknown).
        assert sorted(row.open + row.no_record) == sorted(
            i for i in t.instruments if cell[(row.country, i)] in GAP_STATES
        )
        if row.state == MET:
            assert len(row.done) >= row.needed
        if row.state in (OPEN, OVERDUE):  # never resting on cells nobody showed either way
            assert len(row.done) + len(row.uncertain) + len(row.no_record) < row.needed
        if t.kind != "claim":  # on the as-of day itself: its open instruments are its gaps
            assert {i for i in row.open + row.no_record if i in can_be_gaps} == {
                i for (code, i) in gap_cells if code == row.country and i in t.instruments
            }
