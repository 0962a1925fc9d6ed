"""Gaps, the ratification matrix, and upgrades (newer instruments revising ones still applied)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass, field, replace

from ..model import Country, Dataset, Instrument
from . import evidence as E
from .standings import (
    GAP_STATES,
    NOT_RATIFIED,
    PENDING,
    REGISTERED,
    UNCERTAIN,
    Standing,
    open_instruments,
    standing,
    standing_today,
)


def gap_evidence(dataset: Dataset, country: Country, s: Standing, on: _dt.date | None) -> E.Evidence | None:
    """What a gap (or a not-ratified cell) rests on; None when the data cannot answer the cell."""
    if s.ratification is not None:
        return E.of_record(dataset, s.ratification)
    later = next(iter(country.records_of(s.instrument)), None) if on is not None else None
    if later is not None:  # registered after the as-of day: the record itself is the evidence
        return E.of_record(dataset, later)
    return E.absence(dataset, country.code, s.instrument, on)


# -- gaps ----------------------------------------------------------------------------
@dataclass
class GapReport:
    as_of: str | None
    set_name: str
    countries: list[str]
    instruments: list[str]
    gaps: list[Standing]
    pending: list[Standing]
    uncertain: list[Standing]
    evidence: dict[tuple[str, str], E.Evidence] = field(default_factory=dict)  # for every gap
    uncovered: list[Standing] = field(default_factory=list)  # cells no fetched page answers (NORMLEX only)

    def basis(self, s: Standing) -> E.Evidence:
        return self.evidence.get((s.country, s.instrument), E.NO_EVIDENCE)

    def counts(self) -> dict[str, int]:
        found = {basis: 0 for basis in E.BASES}
        for s in self.gaps:
            found[self.basis(s).basis] += 1
        return found

    def with_evidence_only(self) -> GapReport:
        kept = [s for s in self.gaps if self.basis(s).has_evidence]
        return replace(self, gaps=kept)

    def to_dict(self) -> dict:
        return {
            "as_of": self.as_of,
            "set": self.set_name,
            "countries": self.countries,
            "instruments": self.instruments,
            "gaps": [{**g.to_dict(), **self.basis(g).to_dict()} for g in self.gaps],
            "pending": [g.to_dict() for g in self.pending],
            "uncertain": [g.to_dict() for g in self.uncertain],
            "not_covered": [{"country": g.country, "instrument": g.instrument} for g in self.uncovered],
        }


def gaps(
    dataset: Dataset,
    countries: list[Country],
    instruments: list[Instrument],
    on: _dt.date | None = None,
    set_name: str = "",
) -> GapReport:
    """Instruments of the set each country has not ratified or has denounced, with the evidence.

    A cell the data cannot answer (NORMLEX-only data without a page covering it) is never a
    gap: it is listed in `uncovered`.
    """
    found: dict[str, list[Standing]] = {NOT_RATIFIED: [], PENDING: [], UNCERTAIN: []}
    evidence: dict[tuple[str, str], E.Evidence] = {}
    uncovered: list[Standing] = []
    chosen = open_instruments(instruments)
    for country in countries:
        for instrument in chosen:
            s = standing(country, instrument.id, on)
            key = NOT_RATIFIED if s.state in GAP_STATES else s.state
            if key == NOT_RATIFIED:
                basis = gap_evidence(dataset, country, s, on)
                if basis is None:
                    uncovered.append(s)
                    continue
                evidence[(s.country, s.instrument)] = basis
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
        evidence=evidence,
        uncovered=uncovered,
    )


# -- matrix --------------------------------------------------------------------------
@dataclass
class Matrix:
    as_of: str | None
    countries: list[str]
    instruments: list[str]
    cells: dict[tuple[str, str], Standing]
    # For each cell without a ratification: its evidence, or None when the data cannot answer it.
    evidence: dict[tuple[str, str], E.Evidence | None] = field(default_factory=dict)

    def cell(self, country: str, instrument: str) -> Standing:
        return self.cells[(country, instrument)]

    def basis(self, country: str, instrument: str) -> E.Evidence | None:
        return self.evidence.get((country, instrument))

    def to_dict(self) -> dict:
        cells = []
        for key, s in self.cells.items():
            d = s.to_dict()
            if key in self.evidence:
                ev = self.evidence[key]
                d.update(
                    ev.to_dict()
                    if ev is not None
                    else {"basis": "not_covered", "basis_source": None, "basis_date": None, "basis_date_kind": None}
                )
            cells.append(d)
        return {"as_of": self.as_of, "countries": self.countries, "instruments": self.instruments, "cells": cells}


def matrix(
    dataset: Dataset, countries: list[Country], instruments: list[Instrument], on: _dt.date | None = None
) -> Matrix:
    cells = {}
    evidence: dict[tuple[str, str], E.Evidence | None] = {}
    idents = [i.id for i in instruments]
    # A world matrix has over 10,000 cells: today's standings come straight from each
    # country's records by instrument, and a cell without records (not ratified, no
    # record to cite) goes straight to the evidence of its absence.
    for c in countries:
        code = c.code
        for ident in idents:
            key = (code, ident)
            if on is None:
                records = c.records_of(ident)
                s = cells[key] = standing_today(code, ident, records)
                if not records:
                    evidence[key] = E.absence(dataset, code, ident)
                    continue
            else:
                s = cells[key] = standing(c, ident, on)
            if s.state == NOT_RATIFIED:
                evidence[key] = gap_evidence(dataset, c, s, on)
    return Matrix(
        on.isoformat() if on else None, [c.code for c in countries], [i.id for i in instruments], cells, evidence
    )


# -- upgrades ------------------------------------------------------------------------
@dataclass
class Upgrade:
    country: str
    instrument: str  # the revising instrument not ratified
    replaces: list[str]  # instruments it revises that the country applies and that are not up-to-date
    would_denounce: list[str]  # ratifications that ratifying `instrument` would denounce
    # What shows the country has not ratified `instrument`: evidence, or "no record" (it may have).
    evidence: E.Evidence = E.NO_EVIDENCE

    @property
    def state(self) -> str:
        return NOT_RATIFIED if self.evidence.has_evidence else E.NO_RECORD

    def to_dict(self) -> dict:
        found = {k: v for k, v in asdict(self).items() if k != "evidence"}
        return {**found, "state": self.state, **self.evidence.to_dict()}


# Revising instruments never proposed: closed ones cannot be ratified, and the ILO does not
# promote outdated or shelved ones. Every other status is proposed: up-to-date, interim,
# requests-information, to-be-revised, and `other` (the ILO's "other instruments", such as
# C132 revising C052, which the Governing Body invited C052's parties to ratify). A status
# the data does not record yet does not hide a revision either (the revision is sourced).
NOT_PROPOSED = ("abrogated", "withdrawn", "outdated", "shelved")


def upgrades(dataset: Dataset, country: Country, on: _dt.date | None = None) -> list[Upgrade]:
    """Instruments revising ones the country still applies that it has not ratified (see NOT_PROPOSED)."""
    found = []
    for new in dataset.instruments.values():
        if new.status in NOT_PROPOSED or not new.revises or new.adopted_by(on) is not True:
            continue
        here = standing(country, new.id, on)
        if here.state not in GAP_STATES:
            continue
        basis = gap_evidence(dataset, country, here, on)
        if basis is None:
            continue  # the data cannot answer the cell (NORMLEX data without a page for it)
        applied = [old for old in new.revises if standing(country, old, on).state in REGISTERED]
        replaces = [
            old for old in applied if dataset.instruments.get(old) and dataset.instruments[old].status != "up-to-date"
        ]
        if replaces:
            found.append(Upgrade(country.code, new.id, replaces, applied, basis))
    return sorted(found, key=lambda u: u.instrument)
