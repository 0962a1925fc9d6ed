"""Where one country stands on one instrument on a day: the base of every analysis."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Country, Instrument, Ratification

# The state of one country towards one instrument on a day.
RATIFIED = "ratified"  # registered and, as far as the data tells, in force
PENDING = "pending"  # registered, not yet in force
DENOUNCED = "denounced"
NOT_RATIFIED = "not_ratified"
UNCERTAIN = "uncertain"  # a year- or month-only date straddles the as-of day
STATUS_UNKNOWN = "status_unknown"  # registered, but no source states whether it is in force

REGISTERED = (RATIFIED, PENDING, STATUS_UNKNOWN)  # counts as ratified for targets and peers
GAP_STATES = (NOT_RATIFIED, DENOUNCED)


@dataclass(slots=True)  # tens of thousands per world-scale report: slots make them cheaper to build
class Standing:
    country: str
    instrument: str
    state: str
    ratification: Ratification | None = None
    reason: str = ""

    @property
    def date(self) -> str:
        r = self.ratification
        return str(r.date) if r and r.date else ("date unknown" if r else "")

    @property
    def year(self) -> str:
        r = self.ratification
        return str(r.date.year) if r and r.date else ("date unknown" if r else "")

    def to_dict(self) -> dict:
        r = self.ratification
        return {
            "country": self.country,
            "instrument": self.instrument,
            "state": self.state,
            "date": str(r.date) if r and r.date else None,
            "denounced": str(r.denounced) if r and r.denounced else None,
            "reason": self.reason or None,
            "note": (r.note or None) if r else None,
            "source": (r.source or None) if r else None,
        }


_STATE_OF_STATUS = {"in_force": RATIFIED, "not_in_force": PENDING, "denounced": DENOUNCED, "unknown": STATUS_UNKNOWN}


def standing_today(code: str, instrument_id: str, records: list[Ratification]) -> Standing:
    """Where a country stands today on an instrument, from its records of it
    (`Country.records_of`): `standing` with no day, for callers that loop over many cells."""
    if not records:
        return Standing(code, instrument_id, NOT_RATIFIED)
    record = records[0] if len(records) == 1 else max(records, key=lambda r: r.sort_key)
    return Standing(code, instrument_id, _STATE_OF_STATUS[record.status], record)


def standing(country: Country, instrument_id: str, on: _dt.date | None = None) -> Standing:
    """Where `country` stands on `instrument_id` on day `on` (None: as the data stands today)."""
    records = country.records_of(instrument_id)
    if on is None:
        return standing_today(country.code, instrument_id, records)
    if not records:
        return Standing(country.code, instrument_id, NOT_RATIFIED)
    record = records[0] if len(records) == 1 else max(records, key=lambda r: r.sort_key)
    registered = record.date.on_or_before(on) if record.date else None
    if registered is False:
        return Standing(country.code, instrument_id, NOT_RATIFIED)
    if registered is None:
        when = f"registered {record.date}" if record.date else "registration date unknown"
        return Standing(country.code, instrument_id, UNCERTAIN, record, f"{when}, as-of {on}")
    if record.denounced is not None:
        gone = record.denounced.on_or_before(on)
        if gone is True:
            return Standing(country.code, instrument_id, DENOUNCED, record)
        if gone is None:
            return Standing(country.code, instrument_id, UNCERTAIN, record, f"denounced {record.denounced}, as-of {on}")
        return Standing(country.code, instrument_id, RATIFIED, record)
    if record.status == "denounced":
        return Standing(country.code, instrument_id, UNCERTAIN, record, "denounced on an unknown date")
    if record.status == "not_in_force":
        return Standing(country.code, instrument_id, PENDING, record)
    if record.status == "unknown":
        return Standing(country.code, instrument_id, STATUS_UNKNOWN, record)
    return Standing(country.code, instrument_id, RATIFIED, record)


def open_instruments(instruments: Iterable[Instrument]) -> list[Instrument]:
    """Instruments that can still be ratified (abrogated and withdrawn ones are never gaps)."""
    return [i for i in instruments if not i.closed]
