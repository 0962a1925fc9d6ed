"""Profiles: one country across instruments, or one instrument across countries."""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass

from ..model import Country, Dataset, Instrument
from .evidence import covered
from .gap_report import Upgrade, upgrades
from .standings import NOT_RATIFIED, REGISTERED, Standing, open_instruments, standing


# -- profiles --------------------------------------------------------------------------
@dataclass
class SetCount:
    set_name: str
    ratified: int
    total: int
    # Instruments of the set the data can answer for the country: all of them for a curated
    # country; for another member State, those a fetched NORMLEX page covers (or it has a
    # record of). The others are unknown, never "not ratified".
    covered: int | None = None

    @property
    def text(self) -> str:
        """``fundamental 9/10``, or ``fundamental 1/10 (3 covered by NORMLEX pages)``."""
        found = f"{self.set_name} {self.ratified}/{self.total}"
        if self.covered is not None and self.covered < self.total:
            found += f" ({self.covered} covered by NORMLEX pages)"
        return found


@dataclass
class CountryProfile:
    country: Country
    as_of: str | None
    counts: list[SetCount]
    technical: int
    standings: list[Standing]
    upgrades: list[Upgrade]

    def to_dict(self) -> dict:
        return {
            "country": self.country.code,
            "name": self.country.name,
            "as_of": self.as_of,
            "counts": [asdict(c) for c in self.counts],
            "technical_ratified": self.technical,
            "ratifications": [s.to_dict() for s in self.standings],
            "upgrades": [u.to_dict() for u in self.upgrades],
        }


def country_profile(dataset: Dataset, country: Country, on: _dt.date | None = None) -> CountryProfile:
    standings = []
    for record in sorted(country.ratifications, key=lambda r: (r.sort_key, r.instrument)):
        s = standing(country, record.instrument, on)
        if s.state != NOT_RATIFIED:
            standings.append(s)
    counts = []
    for name in ("fundamental", "governance"):
        if name in dataset.sets:
            members = open_instruments(dataset.set_members(dataset.sets[name], on))
            states = [standing(country, i.id, on) for i in members]
            done = sum(s.state in REGISTERED for s in states)
            answered = sum(
                s.ratification is not None
                or bool(country.records_of(s.instrument))
                or covered(dataset, country.code, s.instrument)
                for s in states
            )
            counts.append(SetCount(name, done, len(members), answered))
    technical = sum(
        1
        for s in standings
        if s.state in REGISTERED
        and s.instrument in dataset.instruments
        and dataset.instruments[s.instrument].category_on(on) == "technical"
    )
    return CountryProfile(
        country, on.isoformat() if on else None, counts, technical, standings, upgrades(dataset, country, on)
    )


@dataclass
class InstrumentProfile:
    instrument: Instrument
    as_of: str | None
    standings: list[Standing]

    def to_dict(self) -> dict:
        i = self.instrument
        return {
            "instrument": i.id,
            "title": i.title,
            "year": i.year,
            "category": i.category,
            "status": i.status,
            "status_source": i.status_evidence,
            "status_note": i.status_note or None,
            "as_of": self.as_of,
            "countries": [s.to_dict() for s in self.standings],
        }


def instrument_profile(
    dataset: Dataset, instrument: Instrument, countries: list[Country], on: _dt.date | None = None
) -> InstrumentProfile:
    return InstrumentProfile(
        instrument, on.isoformat() if on else None, [standing(c, instrument.id, on) for c in countries]
    )
