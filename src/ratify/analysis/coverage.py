"""Gaps, the ratification matrix, and upgrades (newer instruments revising ones still applied)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass, field
from typing import Optional

from ..model import Country, Dataset, Instrument
from .states import (
    GAP_STATES,
    NO_RECORD,
    NOT_RATIFIED,
    PENDING,
    REGISTERED,
    UNCERTAIN,
    Standing,
    open_instruments,
    standing,
)


# -- gaps ----------------------------------------------------------------------------
@dataclass
class GapReport:
    as_of: Optional[str]
    set_name: str
    countries: list[str]
    instruments: list[str]
    gaps: list[Standing]
    pending: list[Standing]
    uncertain: list[Standing]
    no_record: list[Standing] = field(default_factory=list)  # member States no page covers: not gaps

    def to_dict(self) -> dict:
        return {
            "as_of": self.as_of,
            "set": self.set_name,
            "countries": self.countries,
            "instruments": self.instruments,
            "gaps": [g.to_dict() for g in self.gaps],
            "pending": [g.to_dict() for g in self.pending],
            "uncertain": [g.to_dict() for g in self.uncertain],
        }


def gaps(
    dataset: Dataset,
    countries: list[Country],
    instruments: list[Instrument],
    on: Optional[_dt.date] = None,
    set_name: str = "",
) -> GapReport:
    """Instruments of the set each country has not ratified or has denounced."""
    found: dict[str, list[Standing]] = {NOT_RATIFIED: [], PENDING: [], UNCERTAIN: [], NO_RECORD: []}
    chosen = open_instruments(instruments)
    for country in countries:
        for instrument in chosen:
            s = standing(country, instrument.id, on)
            key = NOT_RATIFIED if s.state in GAP_STATES else s.state
            if key in found:
                found[key].append(s)
    return GapReport(
        as_of=on.isoformat() if on else None,
        set_name=set_name,
        countries=[c.code for c in countries],
        instruments=[i.id for i in chosen],
        gaps=found[NOT_RATIFIED],
        pending=found[PENDING],
        uncertain=found[UNCERTAIN],
        no_record=found[NO_RECORD],
    )


# -- matrix --------------------------------------------------------------------------
@dataclass
class Matrix:
    as_of: Optional[str]
    countries: list[str]
    instruments: list[str]
    cells: dict[tuple[str, str], Standing]

    def cell(self, country: str, instrument: str) -> Standing:
        return self.cells[(country, instrument)]

    def to_dict(self) -> dict:
        return {
            "as_of": self.as_of,
            "countries": self.countries,
            "instruments": self.instruments,
            "cells": [s.to_dict() for s in self.cells.values()],
        }


def matrix(
    dataset: Dataset, countries: list[Country], instruments: list[Instrument], on: Optional[_dt.date] = None
) -> Matrix:
    cells = {(c.code, i.id): standing(c, i.id, on) for c in countries for i in instruments}
    return Matrix(on.isoformat() if on else None, [c.code for c in countries], [i.id for i in instruments], cells)


# -- upgrades ------------------------------------------------------------------------
@dataclass
class Upgrade:
    country: str
    instrument: str          # the up-to-date instrument not ratified
    replaces: list[str]      # outdated or interim instruments it revises that the country applies
    would_denounce: list[str]  # ratifications that ratifying `instrument` would denounce

    def to_dict(self) -> dict:
        return asdict(self)


def upgrades(dataset: Dataset, country: Country, on: Optional[_dt.date] = None) -> list[Upgrade]:
    """Up-to-date instruments revising ones the country still applies but which it has not ratified."""
    found = []
    for new in dataset.instruments.values():
        # A status the data does not record yet does not hide a revision (the revision is sourced).
        if new.status not in ("up-to-date", None) or not new.revises or new.adopted_by(on) is not True:
            continue
        if standing(country, new.id, on).state not in GAP_STATES:
            continue
        applied = [old for old in new.revises if standing(country, old, on).state in REGISTERED]
        replaces = [
            old for old in applied if dataset.instruments.get(old) and dataset.instruments[old].status != "up-to-date"
        ]
        if replaces:
            found.append(Upgrade(country.code, new.id, replaces, applied))
    return sorted(found, key=lambda u: u.instrument)
